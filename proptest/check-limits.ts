import type { CompareOp, IrExpr } from "../compiler/ir/expr.js";
import type { TableState } from "../compiler/model/schema.js";

/**
 * What a table's simple check constraints say about one column, so that generated values meet
 * them by construction instead of being thrown away: `check (age >= 18)` gives `min 18`,
 * `check (status in ('a', 'b'))` the two values, `check (length(code) <= 3)` a length. Anything
 * else a check says is left to filtering (the JS check) and, last, to PostgreSQL.
 */
export interface ColumnLimits {
  /** Inclusive bounds on a number (integers are moved inward for `>` and `<`). */
  readonly min?: number;
  readonly max?: number;
  /** Bounds on a text's length in characters. */
  readonly minLength?: number;
  readonly maxLength?: number;
  /** The only values the column may take (an `in` list, or `=`). */
  readonly values?: readonly unknown[];
  /** Values it may not take (`<>`, `not in`). */
  readonly not?: readonly unknown[];
}

type Mutable = { -readonly [K in keyof ColumnLimits]: ColumnLimits[K] };

/** The limits of every column some check of `t` constrains simply, by column name. */
export function columnLimits(t: TableState): Map<string, ColumnLimits> {
  const out = new Map<string, Mutable>();
  const at = (c: string) => out.get(c) ?? (out.set(c, {}), out.get(c)!);
  for (const c of t.constraints) if (c.kind === "check" && c.expr) for (const f of conjuncts(c.expr)) addFact(f, at);
  return out;
}

function conjuncts(e: IrExpr): IrExpr[] {
  return e.kind === "logic" && e.op === "and" ? [...conjuncts(e.left), ...conjuncts(e.right)] : [e];
}

const FLIP: Readonly<Record<CompareOp, CompareOp>> = { "==": "==", "!=": "!=", "<": ">", "<=": ">=", ">": "<", ">=": "<=" };

/** A literal's value (a number for numbers written as text), or undefined when `e` is not a literal. */
function literalOf(e: IrExpr): { value: unknown } | undefined {
  if (e.kind === "literal" && e.value !== null) return { value: e.value };
  if (e.kind === "negate" && e.arg.kind === "literal" && typeof e.arg.value === "number") return { value: -e.arg.value };
  return undefined;
}

/** What one conjunct says: `column op literal`, `length(column) op literal`, `column [not] in (literals)`. */
function addFact(e: IrExpr, at: (column: string) => Mutable): void {
  if (e.kind === "in" && e.subject.kind === "column") {
    const values = e.list.map(literalOf);
    if (values.some((v) => v === undefined)) return;
    const l = at(e.subject.column);
    const list = values.map((v) => v!.value);
    if (e.negated) l.not = [...(l.not ?? []), ...list];
    else l.values = l.values ? l.values.filter((v) => list.includes(v)) : list;
    return;
  }
  if (e.kind !== "compare") return;
  let [subject, bound, op] = [e.left, literalOf(e.right), e.op];
  if (!bound) [subject, bound, op] = [e.right, literalOf(e.left), FLIP[e.op]];
  if (!bound) return;
  if (subject.kind === "column") addBound(at(subject.column), op, bound.value, "value");
  else if (subject.kind === "call" && subject.fn === "length" && subject.args[0]?.kind === "column") addBound(at(subject.args[0].column), op, bound.value, "length");
}

function addBound(l: Mutable, op: CompareOp, v: unknown, of: "value" | "length"): void {
  if (op === "==") {
    if (of === "value") l.values = l.values ? l.values.filter((x) => x === v) : [v];
    else if (typeof v === "number") [l.minLength, l.maxLength] = [Math.max(l.minLength ?? 0, v), Math.min(l.maxLength ?? Infinity, v)];
    return;
  }
  if (op === "!=") {
    if (of === "value") l.not = [...(l.not ?? []), v];
    return;
  }
  const n = typeof v === "number" ? v : typeof v === "string" && v.trim() !== "" && !Number.isNaN(Number(v)) ? Number(v) : null;
  if (n === null) return;
  // For integers a strict bound moves by one; other numbers are kept inside it by the generator (see boundedNumber).
  const lower = op === ">" || op === ">=";
  const strict = op === ">" || op === "<";
  if (of === "length") {
    if (lower) l.minLength = Math.max(l.minLength ?? 0, strict ? Math.floor(n) + 1 : Math.ceil(n));
    else l.maxLength = Math.min(l.maxLength ?? Infinity, strict ? Math.ceil(n) - 1 : Math.floor(n));
    return;
  }
  const step = strict ? (Number.isInteger(n) ? 1 : 0) : 0;
  if (lower) l.min = Math.max(l.min ?? -Infinity, n + step);
  else l.max = Math.min(l.max ?? Infinity, n - step);
}
