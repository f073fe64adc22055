import type { Span, TypeRef } from "./ast.js";
import { didYouMean } from "../core/diagnostics/suggest.js";

/** A problem found while reading a literal or type; `parseSpec` turns it into a diagnostic. */
export interface LiteralProblem {
  readonly code: "K1004" | "K1201" | "K1202" | "K1204" | "K2022";
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

/** How a type may be spelled, and what it is called canonically. */
const TYPE_ALIASES: Record<string, string> = {
  uuid: "uuid",
  text: "text",
  varchar: "varchar",
  char: "char",
  character: "char",
  smallint: "smallint",
  int2: "smallint",
  integer: "integer",
  int: "integer",
  int4: "integer",
  bigint: "bigint",
  int8: "bigint",
  boolean: "boolean",
  bool: "boolean",
  numeric: "numeric",
  decimal: "numeric",
  real: "real",
  float4: "real",
  double: "double precision",
  float8: "double precision",
  date: "date",
  time: "time",
  timestamp: "timestamp",
  timestamptz: "timestamptz",
  interval: "interval",
  json: "json",
  jsonb: "jsonb",
  inet: "inet",
  cidr: "cidr",
  bytea: "bytea",
  // Not types but a column's shorthand for an integer with a sequence (compiler/ops/column-sequence.ts).
  smallserial: "smallserial",
  serial2: "smallserial",
  serial: "serial",
  serial4: "serial",
  bigserial: "bigserial",
  serial8: "bigserial",
};

/** The number of arguments each canonical type accepts, and their bounds. */
const TYPE_ARITY: Record<string, { min: number; max: number; bounds: [number, number][] }> = {
  varchar: { min: 0, max: 1, bounds: [[1, 10485760]] },
  char: { min: 0, max: 1, bounds: [[1, 10485760]] },
  numeric: { min: 0, max: 2, bounds: [[1, 1000], [-1000, 1000]] },
  time: { min: 0, max: 1, bounds: [[0, 6]] },
  timestamp: { min: 0, max: 1, bounds: [[0, 6]] },
  timestamptz: { min: 0, max: 1, bounds: [[0, 6]] },
};

/** How each type with arguments is written, for help texts. */
const TYPE_EXAMPLE: Record<string, string> = {
  varchar: "`varchar(255)` (the most characters it holds)",
  char: "`char(2)` (its fixed length)",
  numeric: "`numeric(10, 2)` (digits in all, digits after the point)",
  time: "`time(3)` (digits of fractional seconds, 0 to 6)",
  timestamp: "`timestamp(3)` (digits of fractional seconds, 0 to 6)",
  timestamptz: "`timestamptz(3)` (digits of fractional seconds, 0 to 6)",
};

export const KNOWN_TYPE_NAMES: readonly string[] = Object.keys(TYPE_ALIASES);

/** Resolves a written type name to its canonical name, reporting unknown names and bad arguments. */
export function canonicalType(
  written: string,
  args: readonly number[],
  spans: { name: Span; args: Span },
  problems: LiteralProblem[],
): string {
  const canonical = TYPE_ALIASES[written.toLowerCase()];
  if (!canonical) {
    problems.push({
      code: "K1201",
      span: spans.name,
      message: `unknown type \`${written}\``,
      help: didYouMean(written, KNOWN_TYPE_NAMES) ?? `kmig knows ${Object.values(TYPE_ALIASES).filter((v, i, a) => a.indexOf(v) === i).join(", ")}`,
    });
    return written;
  }
  const arity = TYPE_ARITY[canonical] ?? { min: 0, max: 0, bounds: [] };
  if (args.length > arity.max) {
    problems.push({
      code: "K1202",
      span: spans.args,
      message:
        arity.max === 0
          ? `type \`${canonical}\` takes no arguments`
          : `type \`${canonical}\` takes at most ${arity.max} argument${arity.max === 1 ? "" : "s"}`,
      help: arity.max === 0 ? `write \`${canonical}\`` : `write it as ${TYPE_EXAMPLE[canonical]}`,
    });
  } else {
    args.forEach((a, i) => {
      const [lo, hi] = arity.bounds[i];
      if (!Number.isInteger(a) || a < lo || a > hi) {
        problems.push({
          code: "K1202",
          span: spans.args,
          message: `argument ${i + 1} of \`${canonical}\` must be a whole number from ${lo} to ${hi}`,
          help: `for example ${TYPE_EXAMPLE[canonical]}`,
        });
      }
    });
  }
  return canonical;
}

/** Prints a type as the formatter and PostgreSQL both read it. */
export function typeToString(t: TypeRef, withNullability = true): string {
  const args = t.args.length > 0 ? `(${t.args.join(", ")})` : "";
  return `${t.name}${args}${"[]".repeat(t.arrayDims)}${withNullability && t.nullable ? "?" : ""}`;
}
