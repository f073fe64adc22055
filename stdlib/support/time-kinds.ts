import { INTEGERS, isNullable, scalar, type Type } from "../../core/types.js";
import type { SignatureResult } from "../builtin.js";
import type { TimeKind } from "./datetime.js";
import { isWildcard, shown } from "./signature.js";
import { isAtomic } from "./sql.js";

/**
 * What the date/time operators (`+`, `-`, `*`, unary `-`: time_plus.ts, time_minus.ts, …) see of an
 * operand's type: a date/time kind, an integer (a number of days, or a factor), another number, or
 * anything else. The checker sends an arithmetic expression to them when either side is a date/time.
 */
export type OperandKind = TimeKind | "integer" | "number" | "other" | "wildcard";
// "integer": smallint or integer; "number": bigint, numeric, real, double precision.

const TIME_KINDS: ReadonlySet<string> = new Set(["date", "time", "timestamp", "timestamptz", "interval"]);

export function operandKind(t: Type): OperandKind {
  if (isWildcard(t)) return "wildcard";
  if (t.kind !== "scalar") return "other";
  if (TIME_KINDS.has(t.name)) return t.name as TimeKind;
  // date + integer is PostgreSQL's operator; bigint has none (it would not fit an integer anyway).
  if (INTEGERS.has(t.name) && t.name !== "bigint") return "integer";
  if (["bigint", "numeric", "real", "double precision"].includes(t.name)) return "number";
  return "other";
}

/** True for date, time, timestamp, timestamptz and interval (the types whose arithmetic these operators own). */
export function isTimeType(t: Type): boolean {
  const k = operandKind(t);
  return k !== "integer" && k !== "number" && k !== "other" && k !== "wildcard";
}

/** The result of an operator on two operands: nullable when either may be missing. */
export function timeResult(kind: TimeKind | "integer", args: readonly Type[]): SignatureResult {
  const nullable = args.some((t) => t.kind !== "error" && isNullable(t));
  return { ok: true, type: scalar(kind, nullable) };
}

/** "`op` is not defined for a and b" with a help line saying what to write instead. */
export function noOperator(op: string, args: readonly Type[], help: string): SignatureResult {
  return { ok: false, message: `\`${op}\` is not defined for ${args.map(shown).join(" and ")}`, help };
}

/** The SQL cast name of an operand: integers as integer (PostgreSQL's date + integer), time kinds as themselves. */
export function operandSql(sql: string, k: OperandKind): string {
  if (k === "wildcard" || k === "other") return `(${sql})`;
  const type = k === "number" ? "double precision" : k;
  // A literal or cast that already has the type (`'3 days'::interval`) needs no second cast.
  if (isAtomic(sql) && sql.endsWith(`::${type}`)) return sql;
  return `(${sql})::${type}`;
}

/** An operand that is `null` or already reported: no operator can be chosen (the latter gives an error type quietly). */
export function nullOperand(op: string, args: readonly Type[]): SignatureResult {
  if (args.some((t) => t.kind === "error")) return { ok: true, type: { kind: "error" } };
  return noOperator(op, args, "`null` has no type here: write a typed value, e.g. interval '1 day'");
}
