import { createHash } from "node:crypto";
import type { Ident, MigrationItem, Unit } from "../../grammar/ast.js";
import { lex } from "../../grammar/lexer.js";
import { printSpec } from "../../grammar/print/index.js";

/**
 * The version of the canonical form below. The rule (docs/ledger.md): for every spec an earlier
 * kmig accepted, `canonicalMeaning` must print the same text in every later kmig; a change that
 * cannot keep it is a new version, and the old one stays here so that ledgers recorded with it
 * are still compared in its terms. test/compiler/checksum.test.ts pins literal values.
 */
export const MEANING_FORMAT = 1;

/** The prefix that says which canonical form a checksum hashes (`m1:` + 64 hex digits). */
export const MEANING_PREFIX = `m${MEANING_FORMAT}:`;

/**
 * The canonical form of a unit's meaning: the unit as `kmig fmt` prints it with no line width,
 * read back as tokens, one space between two tokens on a line and one line break between lines.
 * The source language is the stablest description of a migration there is (old specs must keep
 * parsing to the same thing), so an AST refactoring cannot change it; the lines left are those
 * the grammar needs (one per statement, column, map entry), not the layout's choice. What the
 * migration does not run is left out: comments, blank lines, `describe` text, and how a plain
 * name was written (`"users"` is `users`).
 */
export function canonicalMeaning(unit: Unit): string {
  const meaningful: Unit = { ...unit, id: plainIdent(unit.id), items: unit.items.filter(runs).map((i) => unquoteNames(withoutAllows(i)) as MigrationItem) };
  const text = printSpec({ kind: "SpecFile", units: [meaningful], comments: [], span: unit.span }, "", Infinity);
  let out = "";
  let end = -1;
  for (const t of lex(text).tokens) {
    if (end >= 0) out += /[\n\r]/.test(text.slice(end, t.startOffset)) ? "\n" : " ";
    out += t.image;
    end = t.startOffset + t.image.length;
  }
  return out;
}

/** sha256 of the unit's canonical meaning, prefixed with the form's version: `m1:…`. */
export function meaningChecksum(unit: Unit): string {
  return MEANING_PREFIX + sha256(`kmig meaning ${MEANING_FORMAT}\n${canonicalMeaning(unit)}`);
}

/**
 * The checksum kmig 0.1 recorded: sha256 of the AST as JSON without spans (no prefix). Only to
 * recognise ledgers that kmig wrote, which are then rewritten with `meaningChecksum`; it is
 * right only as long as the AST keeps the shape it had then (see docs/ledger.md).
 */
export function legacyChecksum(unit: Unit): string {
  return sha256(JSON.stringify(unit, (k, v) => (k === "span" ? undefined : v)));
}

function sha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** `describe` and `allow` (a lint acknowledged) change nothing the migration runs. */
const runs = (item: MigrationItem): boolean => item.kind !== "Describe" && item.kind !== "Allow";

function withoutAllows(item: MigrationItem): MigrationItem {
  return item.kind === "AlterTable" && item.actions.some((a) => a.kind === "Allow") ? { ...item, actions: item.actions.filter((a) => a.kind !== "Allow") } : item;
}

const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function plainIdent(id: Ident): Ident {
  return id.quoted && PLAIN_NAME.test(id.name) ? { ...id, quoted: false } : id;
}

/** The item with every plain name marked unquoted: the printer then quotes only what must be. */
function unquoteNames(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(unquoteNames);
  if (node === null || typeof node !== "object") return node;
  const o = node as { kind?: unknown };
  if (o.kind === "Ident") return plainIdent(o as Ident);
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) out[k] = k === "span" ? v : unquoteNames(v);
  return out;
}
