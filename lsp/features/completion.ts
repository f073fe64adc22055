import { CompletionItemKind, InsertTextFormat, type CompletionItem, type Range } from "vscode-languageserver";
import type { ChainSymbols } from "../../compiler/symbols/chain-symbols.js";
import { closestMatch } from "../../core/diagnostics/suggest.js";
import { showType } from "../../core/types.js";
import { expectedAt, type Expected } from "../../grammar/expected.js";
import { KNOWN_OPAQUE_TYPES, PHRASES } from "../../grammar/type-names.js";
import { BUILTINS } from "../../stdlib/index.js";
import { rangeOf } from "../convert.js";
import type { DocumentContext } from "../server.js";

/**
 * Completion: the keywords the grammar takes at the cursor, and the names of the kind it takes
 * there — types; tables; the columns of the table block (old and new names); in expressions the
 * columns, the migration's maps and defs, a def's parameters and the stdlib functions. The word
 * under the cursor is replaced; when it is a typo of a candidate, that candidate comes first.
 */
export function completion(d: DocumentContext, offset: number): CompletionItem[] {
  const text = d.file.source.text;
  const word = wordAround(text, offset);
  const expected = expectedAt(text, word.start);
  const range = rangeOf(d.file.source, word);
  const typed = text.slice(word.start, offset);
  const items: CompletionItem[] = expected.keywords.map((k) => ({ label: k, kind: CompletionItemKind.Keyword, sortText: `2${k}` }));
  const slots = new Set(expected.slots);
  const cs = d.analysis.symbols();
  if (slots.has("type")) items.push(...typeItems());
  if (slots.has("table")) items.push(...tableItems(cs, d));
  if (slots.has("column") || slots.has("value") || slots.has("oldColumn")) items.push(...columnItems(cs, d, offset, expected.table));
  if (slots.has("value")) items.push(...valueItems(cs, d, expected.params));
  items.push(...labelItems(cs, d, word.start, expected));
  return rank(dedupe(items), typed, text.slice(word.start, word.end), range);
}

/**
 * The labels of the enum type a value at the cursor has: compared with (`==`, `!=`, `in […]`)
 * or defaulting an enum column, or an entry of a status map over an enum type.
 */
function labelItems(cs: ChainSymbols, d: DocumentContext, start: number, expected: Expected): CompletionItem[] {
  const scope = cs.files.get(d.file.source)?.scope;
  if (!scope || scope.enumLabels.size === 0) return [];
  const text = d.file.source.text;
  const lineStart = Math.max(text.lastIndexOf("\n", start - 1), text.lastIndexOf("\r", start - 1)) + 1;
  const block = cs.files.get(d.file.source)?.blocks.find((b) => b.span.start <= start && start <= b.span.end);
  const type = enumTypeAt(text.slice(lineStart, start), (column) => block?.types.get(column), expected.map);
  const labels = type ? scope.enumLabels.get(type) : undefined;
  if (!type || !labels) return [];
  const quoted = text[start - 1] === "'";
  const bare = expected.map !== null;
  return labels.map((l) => ({
    label: l,
    kind: CompletionItemKind.EnumMember,
    detail: `label of ${type}`,
    insertText: quoted || (bare && /^[A-Za-z_]\w*$/.test(l)) ? l : `'${l.replace(/'/g, "''")}'`,
    sortText: `0${l}`,
  }));
}

/** Which enum type (its name) the value being typed has, from the line before the cursor. */
export function enumTypeAt(linePrefix: string, columnType: (column: string) => string | undefined, map: Expected["map"]): string | null {
  const compared = /([A-Za-z_]\w*)\s*(?:==|!=|(?:not\s+)?in\s*\[[^\]]*)\s*'?$/.exec(linePrefix);
  if (compared) return columnType(compared[1]) ?? null;
  const defaulted = /^\s*(?:add\s+)?[A-Za-z_]\w*\s+([A-Za-z_][\w.]*)\??\s.*\bdefault\s+'?$/.exec(linePrefix);
  if (defaulted) return defaulted[1];
  if (map) return /->\s*'?$/.test(linePrefix) ? map.output : /^\s*(?:[\w']+\s*,\s*)*'?$/.test(linePrefix) ? map.input : null;
  return null;
}

/** The identifier around `offset` (empty at a point between non-word characters). */
function wordAround(text: string, offset: number): { start: number; end: number } {
  let start = offset;
  while (start > 0 && /[A-Za-z0-9_]/.test(text[start - 1])) start--;
  let end = offset;
  while (end < text.length && /[A-Za-z0-9_]/.test(text[end])) end++;
  return { start, end };
}

function typeItems(): CompletionItem[] {
  const builtIn = [...new Set(PHRASES.map((p) => p.words.join(" ")))].map((t) => ({ label: t, kind: CompletionItemKind.TypeParameter, detail: "type", sortText: `0${t}` }));
  const opaque = [...KNOWN_OPAQUE_TYPES].map((t) => ({
    label: t,
    kind: CompletionItemKind.TypeParameter,
    detail: "opaque type (kmig stores and compares it, computes nothing on it)",
    sortText: `1${t}`,
  }));
  return [...builtIn, ...opaque];
}

function tableItems(cs: ChainSymbols, d: DocumentContext): CompletionItem[] {
  const scope = cs.files.get(d.file.source)?.scope;
  const names = new Set([...(scope?.tablesBefore ?? []), ...(scope?.tablesAfter ?? [])]);
  return [...names].map((t) => ({ label: t, kind: CompletionItemKind.Class, detail: scope?.tablesAfter.includes(t) ? "table" : "table (before this migration)", sortText: `0${t}` }));
}

/** The columns of the table block at the cursor: as the block found them and as it leaves them. */
function columnItems(cs: ChainSymbols, d: DocumentContext, offset: number, table: string | null): CompletionItem[] {
  const fs = cs.files.get(d.file.source);
  const block =
    fs?.blocks.find((b) => b.span.start <= offset && offset <= b.span.end) ?? (table ? [...(fs?.blocks ?? [])].reverse().find((b) => b.tableName === table && b.span.start <= offset) : undefined);
  const before = block?.before ?? (table ? (fs?.scope?.columnsBefore.get(table) ?? []) : []);
  const after = block?.after ?? before;
  const unit = d.analysis.unitOf(d.file);
  const tableName = block?.tableName ?? table;
  const schemas = { before: d.analysis.schemaBefore(d.file), after: unit?.after };
  const typeOf = (schema: "before" | "after", name: string) => {
    const t = tableName ? schemas[schema]?.tables.get(tableName) : undefined;
    const c = t?.columns.find((x) => x.name === name);
    return c ? showType(c.type) : null;
  };
  const out: CompletionItem[] = [];
  for (const name of new Set([...before, ...after])) {
    const side = !after.includes(name) ? "old name (before this block)" : !before.includes(name) ? "new in this block" : "column";
    const type = typeOf(before.includes(name) ? "before" : "after", name);
    out.push({ label: name, kind: CompletionItemKind.Field, detail: type ? `${type} — ${side}` : side, sortText: `0${name}` });
  }
  return out;
}

/** What an expression can call or name besides columns. */
function valueItems(cs: ChainSymbols, d: DocumentContext, params: readonly string[]): CompletionItem[] {
  const scope = cs.files.get(d.file.source)?.scope;
  const unit = d.analysis.unitOf(d.file);
  const out: CompletionItem[] = params.map((p) => ({ label: p, kind: CompletionItemKind.Variable, detail: "parameter", sortText: `0${p}` }));
  for (const m of scope?.maps.keys() ?? []) {
    const info = unit?.maps.get(m);
    out.push({
      label: m,
      kind: CompletionItemKind.Function,
      detail: info ? `map: ${showType(info.inputType)} -> ${showType(info.outputType)}` : "map",
      insertText: `${m}($1)`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `1${m}`,
    });
  }
  for (const f of scope?.defs.keys() ?? [])
    out.push({ label: f, kind: CompletionItemKind.Function, detail: "def", insertText: `${f}($1)`, insertTextFormat: InsertTextFormat.Snippet, sortText: `1${f}` });
  for (const b of BUILTINS.values())
    out.push({
      label: b.name,
      kind: CompletionItemKind.Function,
      detail: b.usage,
      documentation: b.doc,
      insertText: `${b.name}($1)`,
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: `3${b.name}`,
    });
  return out;
}

function dedupe(items: CompletionItem[]): CompletionItem[] {
  const seen = new Set<string>();
  return items.filter((i) => {
    const key = `${i.kind}:${i.label}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Each item replaces the word at the cursor (`word`; `typed` is its part before the cursor). When
 * the word is a typo of a candidate (no candidate starts with it), that one is preselected and first.
 */
function rank(items: CompletionItem[], typed: string, word: string, range: Range): CompletionItem[] {
  const matchesPrefix = word === "" || items.some((i) => i.label.toLowerCase().startsWith(word.toLowerCase()));
  const fix = matchesPrefix
    ? null
    : closestMatch(
        word,
        items.map((i) => i.label),
      );
  return items
    .map((i) => {
      const insert = typeof i.insertText === "string" ? i.insertText : i.label;
      const best = i.label === fix;
      // A typo is not a prefix of what it means: the filter text is what was typed, so the editor keeps the item.
      return { ...i, textEdit: { range, newText: insert }, ...(best ? { preselect: true, sortText: `!${i.label}`, filterText: typed } : {}) };
    })
    .sort((a, b) => ((a.sortText ?? a.label) < (b.sortText ?? b.label) ? -1 : 1));
}
