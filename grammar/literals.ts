import type { Span, TypeRef } from "./ast.js";
import { spellType } from "./type-names.js";

/** A problem found while reading a literal or type; `parseSpec` turns it into a diagnostic. */
export interface LiteralProblem {
  readonly code: "K1004" | "K1201" | "K1202" | "K1204" | "K2022" | "K2070" | "K2100" | "K2101";
  readonly span: Span;
  readonly message: string;
  readonly help: string | null;
  /** What the carets say, when not the code's usual label. */
  readonly label?: string;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  n: "\n",
  r: "\r",
  t: "\t",
  "0": "\0",
};

/** Unescapes the body of a `'…'` literal whose text starts at `offset` (after the quote). */
export function unescapeString(body: string, offset: number, problems: LiteralProblem[]): string {
  if (!body.includes("\\")) return body;
  let out = "";
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (c !== "\\") {
      out += c;
      continue;
    }
    const next = body[i + 1] ?? "";
    if (next in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[next];
      i++;
      continue;
    }
    if (next === "u") {
      const braced = /^\{([0-9a-fA-F]{1,6})\}/.exec(body.slice(i + 2));
      const plain = /^[0-9a-fA-F]{4}/.exec(body.slice(i + 2));
      const hex = braced ? braced[1] : plain ? plain[0] : null;
      const cp = hex === null ? NaN : parseInt(hex, 16);
      if (hex !== null && cp <= 0x10ffff) {
        out += String.fromCodePoint(cp);
        i += 1 + (braced ? braced[0].length : 4);
        continue;
      }
    }
    const len = next === "" ? 1 : 2;
    problems.push({
      code: "K1004",
      span: { start: offset + i, end: offset + i + len },
      message: `unknown escape sequence \`\\${next}\``,
      help:
        next === "u"
          ? "`\\u` takes four hex digits (`\\u00e9`) or up to six in braces (`\\u{1F600}`); write a backslash itself as `\\\\`"
          : "write a backslash as `\\\\`; strings know \\\\ \\' \\n \\r \\t \\0 \\uXXXX and \\u{X…}, and '''…''' strings take text as it is",
    });
    out += next;
    i++;
  }
  return out;
}

/** Characters a raw `'''…'''` string may hold as they are: no control character but tab and newline. */
const RAW_STRING_SAFE = /^[^\0-\x08\x0b-\x1f\x7f\ud800-\udfff]*$/u;

/**
 * Quotes a string so that `unescapeString` gives it back: the printer's inverse of reading.
 * Text over several lines becomes a raw `'''…'''` string unless `multiline` is false (places
 * that only take `'…'`, such as versions and map values) or the text cannot be written raw.
 */
export function quoteString(value: string, multiline = true): string {
  const raw = multiline && value.includes("\n") && !value.includes("'''") && !value.endsWith("'") && !value.startsWith("'");
  // A raw string read from a file with CRLF line ends holds `\r\n`: it stays raw.
  if (raw && RAW_STRING_SAFE.test(value.replace(/\r\n/g, "\n"))) {
    return `'''${value}'''`;
  }
  let out = "'";
  for (const ch of value) {
    const cp = ch.codePointAt(0) as number;
    if (ch === "\\") out += "\\\\";
    else if (ch === "'") out += "\\'";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (cp < 0x20 || cp === 0x7f || (cp >= 0xd800 && cp <= 0xdfff)) out += `\\u{${cp.toString(16)}}`;
    else out += ch;
  }
  return out + "'";
}

/** Quotes an identifier only when it must be: not a plain word, or a reserved word. */
export function quoteIdent(name: string, reserved: ReadonlySet<string>): string {
  if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) && !reserved.has(name)) return name;
  return `"${name.replace(/"/g, '""')}"`;
}

/** Prints a type as the formatter and PostgreSQL both read it. */
export function typeToString(t: TypeRef, withNullability = true): string {
  const modifiers = t.modifiers?.length ? `(${t.modifiers.join(", ")})` : "";
  return `${spellType(t.name, t.args, t.fields)}${modifiers}${"[]".repeat(t.arrayDims)}${withNullability && t.nullable ? "?" : ""}`;
}
