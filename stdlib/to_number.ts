import { INTEGERS, NUMERIC, TEXT, withNullable, type Type } from "../core/types.js";
import { checkArity, fitsJson, fitsText, isWildcard, ok, wrongType } from "./support/signature.js";
import { asText, bindArgs, sqlString, typed } from "./support/sql.js";
import { NUMERIC_TEXT_MAX_LENGTH, NUMERIC_TEXT_PATTERN, jsonNumberText, parseNumericText } from "./support/numbers.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/**
 * `to_number(x)`: a numeric from a JSON number, or from a text / JSON string that is a plain decimal
 * (`-12.50`, `1e3`, blanks around allowed; no `NaN`, `Infinity`, hex or `_`); anything else missing,
 * never an error. In JavaScript the numeric is a string, as PostgreSQL prints it (`1e3` → `1000`).
 */
export const to_number: StdlibBuiltin = {
  name: "to_number",
  doc: "A numeric from a JSON number or a decimal text ('-12.50', '1e3'); anything else is missing, never an error.",
  usage: "to_number(json | text | integer | numeric) → numeric",
  example: "to_number(' 12.50 ')",
  exampleCall: { args: [{ type: TEXT, value: " 12.50 " }], result: "12.50" },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("to_number", args, 1, "to_number(x)");
    if (arity) return arity;
    const [t] = args;
    if (t.kind === "scalar" && (INTEGERS.has(t.name) || t.name === "numeric")) return ok(withNullable(NUMERIC, t.nullable));
    if (fitsJson(t) || fitsText(t)) return ok(withNullable(NUMERIC, true));
    const floating = t.kind === "scalar" && (t.name === "real" || t.name === "double precision");
    const help = floating ? "it is a number already; to_int(x) gives its integer value" : "convert it first: to_number(to_text(x))";
    return wrongType("to_number", 0, "JSON, text or an exact number", t, help);
  },
  sql: ([x], [t]) => toNumberSql(x, t),
  js: ([x], [t]) => toNumberValue(x, t),
};

/** SQL for `to_number` of `x` (type `t`); shared with `to_int`. */
export function toNumberSql(x: string, t: Type): string {
  if (t.kind === "json") {
    return bindArgs(
      [typed(x, t)],
      ([v]) => `CASE jsonb_typeof(${v}) WHEN 'number' THEN (${v})::numeric WHEN 'string' THEN ${numericOfText(`(${v} #>> '{}')`)} END`,
    );
  }
  if (fitsText(t) && !isWildcard(t)) return bindArgs([asText(x)], ([s]) => numericOfText(s));
  return typed(x, NUMERIC);
}

// The cast runs only after the same pattern JavaScript uses has matched, so it never fails.
function numericOfText(s: string): string {
  return `CASE WHEN length(${s}) <= ${NUMERIC_TEXT_MAX_LENGTH} AND ${s} ~ ${sqlString(NUMERIC_TEXT_PATTERN)} THEN (${s})::numeric END`;
}

/** `to_number` of the value `v` (type `t`) in JavaScript: a numeric string or undefined. */
export function toNumberValue(v: unknown, t: Type): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "number") return t.kind === "json" ? jsonNumberText(v) : String(v);
  if (typeof v !== "string") return undefined;
  if (t.kind === "json" || (t.kind === "scalar" && (t.name === "text" || t.name === "varchar" || t.name === "char"))) {
    return parseNumericText(textOf(v, t));
  }
  return v; // bigint and numeric are numeric text already
}
