import fc from "fast-check";
import type { Type } from "../core/types.js";
import { baseType } from "../core/types.js";
import type { DomainState, NamedTypeState } from "../compiler/model/named-type.js";
import { lowerJs } from "../compiler/expr/lower-js.js";
import type { IrExpr } from "../compiler/ir/expr.js";
import { rt } from "../runtime/js-runtime.js";

/**
 * Values of the chain's own types: an enum's labels, and a domain's base values that pass every
 * check of the domain (PostgreSQL would refuse the others). Integer bounds a check states
 * (`value between 1901 and 2155`, `value >= 0`) narrow the base values first, so that a narrow
 * domain is not left to chance; the checks themselves, run in JavaScript, decide.
 */

/** The labels of the enum `t`; a type the schema does not know gives nothing. */
export function enumArb(t: Extract<Type, { kind: "enum" }>, types: ReadonlyMap<string, NamedTypeState>): fc.Arbitrary<unknown> {
  const e = types.get(t.name);
  return e?.kind === "enum" && e.labels.length > 0 ? fc.constantFrom(...e.labels) : fc.constant(undefined);
}

/** Values of the domain of `t` that pass its checks, from `base` (values of its base type). */
export function domainArb(d: DomainState, base: (t: Type, bounds: Bounds | null) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const checks = d.checks.map((c) => compileCheck(c.expr));
  const passes = (v: unknown) => checks.every((check) => check(v) !== false);
  return base(baseType(d.base), integerBounds(d.checks.map((c) => c.expr))).filter(passes);
}

/** Inclusive integer bounds a domain's checks state; null when they state none. */
export interface Bounds {
  readonly min: number | null;
  readonly max: number | null;
}

/** A check as a JS function of the value: what PostgreSQL's CHECK decides (NULL passes). */
function compileCheck(e: IrExpr): (v: unknown) => unknown {
  const body = lowerJs(e).replaceAll("row[\"value\"]", "v");
  const fn = new Function("rt", "maps", "v", `return ${body};`) as (r: typeof rt, maps: Record<string, unknown>, v: unknown) => unknown;
  return (v) => fn(rt, {}, v);
}

/** `value >= n`, `value <= n`, `value > n`, `value < n` (either side), joined by `and`: the tightest bounds. */
export function integerBounds(exprs: readonly IrExpr[]): Bounds | null {
  let min: number | null = null;
  let max: number | null = null;
  const visit = (e: IrExpr): void => {
    if (e.kind === "logic" && e.op === "and") return (visit(e.left), visit(e.right));
    if (e.kind !== "compare") return;
    const flip = e.left.kind === "literal";
    const [col, lit] = flip ? [e.right, e.left] : [e.left, e.right];
    if (col.kind !== "column" || lit.kind !== "literal" || typeof lit.value !== "number") return;
    const op = flip ? ({ "<": ">", "<=": ">=", ">": "<", ">=": "<=" } as Record<string, string>)[e.op] : e.op;
    const n = lit.value;
    if (op === ">=" || op === ">") min = Math.max(min ?? -Infinity, op === ">" ? Math.floor(n) + 1 : Math.ceil(n));
    if (op === "<=" || op === "<") max = Math.min(max ?? Infinity, op === "<" ? Math.ceil(n) - 1 : Math.floor(n));
  };
  exprs.forEach(visit);
  return min === null && max === null ? null : { min, max };
}
