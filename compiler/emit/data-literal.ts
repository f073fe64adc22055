import { objectKey } from "./names.js";
import { isSqlKey, sqlLines } from "./sql-lines.js";

/**
 * Plain data (the plan, stash layouts, the reversibility summary) as a JavaScript literal laid out
 * exactly as prettier lays it out at print width 120, so that prettier need not see it: the plan
 * is most of a module's text, and formatting it was most of `kmig compile`'s time. test/emit runs
 * prettier over every emitted module and checks that it changes nothing. The rules, as prettier's:
 * - an object or array goes on one line if it fits there with the comma after it, else one entry
 *   per line with a trailing comma (arrays of two or more objects, or of two or more arrays, each
 *   with two or more entries, always break);
 * - `key: "string"` that does not fit moves the string to the next line, unless the key is
 *   shorter than 5 columns;
 * - strings take double quotes unless they hold more double quotes than single ones.
 * Where prettier would keep a long string on one line, kmig writes SQL over several lines as a
 * template literal (below), which prettier keeps as it is.
 */

const WIDTH = 120;
const SHORT_KEY = 5;

/**
 * `value` as a literal that starts at `column` of a line indented by `indent`, with `suffix`
 * columns of text after it on its last line (as ` as const;`).
 */
export function dataLiteral(value: unknown, at: { readonly indent?: number; readonly column?: number; readonly suffix?: number } = {}): string {
  const indent = at.indent ?? 0;
  return layout(value, indent, at.column ?? indent, at.suffix ?? 0);
}

/**
 * `sql`: whether `v` sits under a key whose strings are SQL (sql-lines.ts): arrays pass it on to
 * their items, objects decide it per key.
 */
function layout(v: unknown, indent: number, column: number, suffix: number, sql = false): string {
  const asTemplate = templateOf(v, sql);
  if (asTemplate !== null) return asTemplate;
  if (!isComposite(v)) return primitive(v);
  const flat = flatText(v, sql);
  if (flat !== null && column + width(flat) + suffix <= WIDTH) return flat;
  const inner = indent + 2;
  const pad = " ".repeat(inner);
  const lines = Array.isArray(v)
    ? v.map((x) => `${pad}${layout(x, inner, inner, 1, sql)},`)
    : entries(v).map(([k, x]) => `${pad}${property(k, x, inner)},`);
  const [open, close] = Array.isArray(v) ? ["[", "]"] : ["{", "}"];
  return `${open}\n${lines.join("\n")}\n${" ".repeat(indent)}${close}`;
}

function property(key: string, v: unknown, indent: number): string {
  const k = keyText(key);
  const asTemplate = templateOf(v, isSqlKey(key));
  if (asTemplate !== null) return `${k}: ${asTemplate}`;
  if (typeof v === "string") {
    const s = stringLiteral(v);
    // A long key gives the string a line of its own rather than run past the width.
    if (width(k) < SHORT_KEY || indent + width(k) + 2 + width(s) + 1 <= WIDTH) return `${k}: ${s}`;
    return `${k}:\n${" ".repeat(indent + 2)}${s}`;
  }
  return `${k}: ${layout(v, indent, indent + width(k) + 2, 1, isSqlKey(key))}`;
}

/** The one-line form, or null where prettier always breaks (a template literal over lines among them). */
function flatText(v: unknown, sql: boolean): string | null {
  if (templateOf(v, sql) !== null) return null;
  if (!isComposite(v)) return primitive(v);
  if (Array.isArray(v)) {
    if (alwaysBreaks(v)) return null;
    const items = v.map((x) => flatText(x, sql));
    return items.some((x) => x === null) ? null : `[${items.join(", ")}]`;
  }
  const props = entries(v).map(([k, x]) => {
    const f = flatText(x, isSqlKey(k));
    return f === null ? null : `${keyText(k)}: ${f}`;
  });
  if (props.length === 0) return "{}";
  return props.some((x) => x === null) ? null : `{ ${props.join(", ")} }`;
}

function alwaysBreaks(items: readonly unknown[]): boolean {
  if (items.length < 2) return false;
  const first = items[0];
  return items.every((x) => isComposite(x) && Array.isArray(x) === Array.isArray(first) && (Array.isArray(x) ? x.length : entries(x).length) > 1);
}

function isComposite(v: unknown): v is readonly unknown[] | Record<string, unknown> {
  return typeof v === "object" && v !== null;
}

function entries(v: unknown): [string, unknown][] {
  return Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== undefined);
}

function primitive(v: unknown): string {
  if (typeof v === "string") return stringLiteral(v);
  if (typeof v === "number") return Number.isFinite(v) ? String(v) : "null";
  if (typeof v === "boolean") return String(v);
  return "null";
}

function keyText(key: string): string {
  const k = objectKey(key);
  return k.startsWith('"') ? stringLiteral(key) : k;
}

/** A string as prettier writes it: double quotes unless the text holds more of them than single ones. */
export function stringLiteral(s: string): string {
  const json = JSON.stringify(s);
  const doubles = s.split('"').length - 1;
  const singles = s.split("'").length - 1;
  if (doubles <= singles) return json;
  return `'${json.slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'")}'`;
}

/** Columns a text takes, counting East Asian wide characters and emoji as two, as prettier does. */
function width(text: string): number {
  let n = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0) as number;
    n += c >= 0x1100 && /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[\u{1f300}-\u{1faff}\u{20000}-\u{3fffd}]/u.test(ch) ? 2 : 1;
  }
  return n;
}

/**
 * A string over several lines in the module, as a template literal, so that a reviewer reads its
 * diff line by line; null for one that stays an ordinary string literal:
 * - text written over several lines (a CREATE TABLE, one column per line) keeps its lines;
 * - long one-line SQL (sql-lines.ts) is cut into lines whose line ends are escaped: `\` before a
 *   line break reads as nothing in a template literal, so the value is the statement byte for byte.
 * Only what a template literal would read differently is escaped: backslashes, backquotes, `${`.
 */
function templateOf(v: unknown, sql: boolean): string | null {
  if (typeof v !== "string") return null;
  // A carriage return would read back as a line feed from a template literal: such text keeps its escapes.
  if (v.includes("\n")) return v.includes("\r") ? null : `\`${escapeTemplate(v)}\``;
  const lines = sql ? sqlLines(v) : null;
  return lines === null ? null : `\`${lines.map(escapeTemplate).join("\\\n")}\``;
}

function escapeTemplate(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/`/g, "\\`").replace(/\$\{/g, "\\${");
}
