import type { Ident, Literal } from "../ast.js";
import { quoteIdent, quoteString } from "../literals.js";
import { RESERVED_WORDS } from "../tokens.js";

/** The reserved words (`true`, `not`, `when`, …): a name spelled like one is written quoted. */
export const RESERVED: ReadonlySet<string> = new Set(RESERVED_WORDS.map((t) => String(t.PATTERN).slice(1, -1)));

const PLAIN_WORD = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * A name as the author wrote it: quoted stays quoted (in PostgreSQL `"Users"` and `Users` are
 * different names), bare stays bare unless it cannot be read back bare.
 */
export function identText(id: Ident): string {
  return id.quoted ? alwaysQuoted(id.name) : quoteIdent(id.name, RESERVED);
}

/** A key after `.` or in an object literal: there even a reserved word may stand bare. */
export function keyText(id: Ident): string {
  if (!id.quoted) return quoteIdent(id.name, new Set());
  // A quoted identifier cannot hold a line break; an object key may be a string instead.
  return /[\n\r]/.test(id.name) ? quoteString(id.name, false) : alwaysQuoted(id.name);
}

function alwaysQuoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A literal in a status map: a plain word that is not reserved is written bare. */
export function mapValueText(v: Literal): string {
  switch (v.kind) {
    case "StringLit":
      return PLAIN_WORD.test(v.value) && !RESERVED.has(v.value) ? v.value : quoteString(v.value, false);
    case "NumberLit":
      return v.text;
    case "BoolLit":
      return v.value ? "true" : "false";
    case "NullLit":
      return "null";
  }
}

/** A string where the grammar takes `'…'` or `'''…'''`. */
export function stringText(value: string): string {
  return quoteString(value);
}

/** A string where the grammar takes only `'…'` (versions). */
export function singleLineStringText(value: string): string {
  return quoteString(value, false);
}
