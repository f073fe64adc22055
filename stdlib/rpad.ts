import { TEXT, scalar, type Type } from "../core/types.js";
import { asText, bindArgs } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { chars, textFunction } from "./support/text-args.js";
import { textOf } from "./support/values.js";

/**
 * `rpad(text, length [, fill])`: PostgreSQL's rpad, as `lpad` (its file says how lengths count) but
 * filled on the right: `rpad('ab', 5, 'xy')` is `'abxyx'`.
 */
export const rpad: StdlibBuiltin = {
  name: "rpad",
  doc: "The text filled on the right to a number of characters with a fill text (a space by default), or cut to it.",
  usage: "rpad(text, integer, text?) → text",
  example: "rpad('ab', 5, 'xy')",
  exampleCall: { args: [{ type: TEXT, value: "ab" }, { type: scalar("integer"), value: 5 }, { type: TEXT, value: "xy" }], result: "abxyx" },
  volatility: "immutable",
  signature: (args) => textFunction("rpad", args, ["text", "integer", "text"], 2, "rpad(text, length) or rpad(text, length, fill)"),
  sql: ([s, n, fill]) => bindArgs([n], ([len]) => `rpad(${asText(s)}, ${padLengthSql(len)}${fill === undefined ? "" : `, ${asText(fill)}`})`),
  js: ([s, n, fill], types) => padText(s, n, fill, types, "right"),
};

/** The longest result `lpad` and `rpad` make: a longer length counts as this. */
export const PAD_LIMIT = 10_000_000;

/** The length capped at PAD_LIMIT (NULL stays NULL). */
export function padLengthSql(n: string): string {
  return `(CASE WHEN ${n} > ${PAD_LIMIT} THEN ${PAD_LIMIT} ELSE ${n} END)`;
}

/** PostgreSQL's lpad/rpad (oracle_compat.c) over code points. */
export function padText(s: unknown, n: unknown, fill: unknown, types: readonly Type[], side: "left" | "right"): string | undefined {
  if (s === undefined || n === undefined || (types.length > 2 && fill === undefined)) return undefined;
  const text = chars(textOf(s as string, types[0]));
  const length = Math.min(n as number, PAD_LIMIT);
  if (length <= 0) return "";
  const filler = types.length > 2 ? chars(textOf(fill as string, types[2])) : [" "];
  if (text.length >= length || filler.length === 0) return text.slice(0, length).join("");
  const pad = Array.from({ length: length - text.length }, (_, i) => filler[i % filler.length]).join("");
  return side === "left" ? pad + text.join("") : text.join("") + pad;
}
