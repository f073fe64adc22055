import type * as A from "../../grammar/ast.js";
import { showType, type Type } from "../../core/types.js";
import { interval_negate } from "../../stdlib/interval_negate.js";
import { interval_times } from "../../stdlib/interval_times.js";
import { time_minus } from "../../stdlib/time_minus.js";
import { time_plus } from "../../stdlib/time_plus.js";
import { operandKind } from "../../stdlib/support/time-kinds.js";
import type { IrExpr } from "../ir/expr.js";
import type { Scope } from "./scope.js";
import { invalid } from "./check-expr.js";

/**
 * Arithmetic and comparisons on dates, times and intervals, with PostgreSQL's operators and result
 * types (the tables live with the operators: stdlib/time_plus.ts, time_minus.ts, interval_times.ts,
 * interval_negate.ts). The IR stays `arith` / `negate` / `compare`; both lowerings send these nodes
 * to the operators when an operand is a date/time.
 */
export function checkTimeArith(op: A.BinaryOp, left: IrExpr, right: IrExpr, span: A.Span, s: Scope): IrExpr {
  const operator = op === "+" ? time_plus : op === "-" ? time_minus : op === "*" ? interval_times : null;
  const types = [left.type, right.type];
  if (!operator) {
    const help = op === "/" ? "dividing an interval is not offered (PostgreSQL spreads fractions of months and days over 30-day months and 24-hour days): write the smaller interval itself, e.g. interval '12 hours'" : "dates and times take +, - and (intervals) * a whole number";
    return invalid(s, span, "K3101", `\`${op}\` is not defined for ${types.map(plain).join(" and ")}`, help);
  }
  const sig = operator.signature(types);
  if (!sig.ok) return invalid(s, span, "K3101", sig.message, sig.help ?? null, "no such operator");
  return { kind: "arith", op: op as "+", left, right, type: sig.type, span };
}

/** `-x` of an interval; anything else of dates and times has no negative. */
export function checkTimeNegate(arg: IrExpr, span: A.Span, s: Scope): IrExpr {
  const sig = interval_negate.signature([arg.type]);
  if (!sig.ok) return invalid(s, span, "K3101", sig.message, sig.help ?? null, "no such operator");
  return { kind: "negate", arg, type: sig.type, span };
}

const INSTANTS = new Set(["date", "timestamp", "timestamptz"]);

/** Date, timestamp and timestamptz compare with one another (a date is its midnight; kmig's sessions run in UTC). */
export function timesComparable(a: Type, b: Type): boolean {
  return INSTANTS.has(operandKind(a)) && INSTANTS.has(operandKind(b));
}

/** For a date/time compared with a text literal: write it as a typed literal. */
export function timeCompareHelp(left: IrExpr, right: IrExpr): string | null {
  for (const [a, b] of [
    [left, right],
    [right, left],
  ]) {
    const k = operandKind(a.type);
    if (!(INSTANTS.has(k) || k === "time" || k === "interval")) continue;
    if (b.kind === "literal" && typeof b.value === "string") return `write a ${k} literal: ${k} '${b.value.replaceAll("'", "\\'")}'`;
    return `compare with a ${k}: a column, a ${k} literal (${k} '…'), or arithmetic such as now() - interval '30 days'`;
  }
  return null;
}

const plain = (t: Type): string => showType(t.kind === "scalar" ? { ...t, nullable: false } : t);


