import { INTEGER, JSONB, NUMBERS, withNullable } from "../core/types.js";
import { checkArity, fitsJson, fitsText, ok, wrongType } from "./support/signature.js";
import { bindArgs, typed } from "./support/sql.js";
import { isWholeDecimal } from "./support/numbers.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { toNumberSql, toNumberValue } from "./to_number.js";

const MIN = -2147483648;
const MAX = 2147483647;

/**
 * `to_int(x)`: an integer when x is a whole number within the integer range: a number, a JSON number,
 * or a text / JSON string that `to_number` reads (`'12'`, `'1e3'`, `'7.0'`); anything else missing
 * (`'7.5'`, `'abc'`, `true`, 2^31) — never rounded, never an error.
 */
export const to_int: StdlibBuiltin = {
  name: "to_int",
  doc: "An integer when x is a whole number in the integer range (a number, or a text / JSON string like '12' or '1e3'); else missing.",
  usage: "to_int(json | text | number) → integer",
  example: "to_int(json_get(params, 'timeout'))",
  exampleCall: { args: [{ type: withNullable(JSONB, true), value: "300" }], result: 300 },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("to_int", args, 1, "to_int(x)");
    if (arity) return arity;
    const [t] = args;
    if (t.kind === "scalar" && (t.name === "smallint" || t.name === "integer")) return ok(withNullable(INTEGER, t.nullable));
    if (t.kind === "scalar" && NUMBERS.has(t.name)) return ok(withNullable(INTEGER, true));
    if (fitsJson(t) || fitsText(t)) return ok(withNullable(INTEGER, true));
    return wrongType("to_int", 0, "JSON, text or a number", t, "convert it first: to_int(to_text(x))");
  },
  sql([x], [t]) {
    if (t.kind === "scalar" && (t.name === "smallint" || t.name === "integer")) return typed(x, INTEGER);
    if (t.kind === "scalar" && t.name === "bigint")
      return bindArgs([x], ([n]) => `CASE WHEN ${n} BETWEEN ${MIN} AND ${MAX} THEN ${n}::integer END`);
    const number = t.kind === "scalar" && NUMBERS.has(t.name) ? typed(x, t) : toNumberSql(x, t);
    return bindArgs([number], ([n]) => `CASE WHEN ${n} = trunc(${n}) AND ${n} BETWEEN ${MIN} AND ${MAX} THEN ${n}::integer END`);
  },
  js([x], [t]) {
    if (typeof x === "number" && t.kind === "scalar") {
      // A real holds the float4 value, not the shorter decimal it prints as (1.7327922e+08 is 173279216).
      const n = t.name === "real" ? Math.fround(x) : x;
      return Number.isInteger(n) && n >= MIN && n <= MAX ? n + 0 : undefined;
    }
    const n = typeof x === "string" && t.kind === "scalar" && t.name === "bigint" ? x : toNumberValue(x, t);
    if (n === undefined || !isWholeDecimal(n)) return undefined;
    const value = Number(n);
    return value >= MIN && value <= MAX ? value : undefined;
  },
};
