import fc from "fast-check";
import type { Type } from "../core/types.js";
import { baseType } from "../core/types.js";
import { DOMAIN_VALUE, type DomainState, type NamedTypeState } from "../compiler/model/named-type.js";
import { newTable } from "../compiler/model/schema.js";
import type { IrExpr } from "../compiler/ir/expr.js";
import { checkPredicate } from "./check-functions.js";
import { columnLimits, type ColumnLimits } from "./check-limits.js";

/**
 * Values of the chain's own types: an enum's labels, and a domain's base values that pass every
 * check of the domain (PostgreSQL would refuse the others). What the checks say simply
 * (`value between 1901 and 2155`, `value in (…)`, `length(value) <= 3`) narrows the base values by
 * construction, as a table's checks narrow a column's (check-limits.ts); the checks themselves,
 * run in JavaScript, decide the rest.
 */

/** The labels of the enum `t`; a type the schema does not know gives nothing. */
export function enumArb(t: Extract<Type, { kind: "enum" }>, types: ReadonlyMap<string, NamedTypeState>): fc.Arbitrary<unknown> {
  const e = types.get(t.name);
  return e?.kind === "enum" && e.labels.length > 0 ? fc.constantFrom(...e.labels) : fc.constant(undefined);
}

/** Values of the domain `d` that pass its checks, from `base` (values of its base type within limits). */
export function domainArb(d: DomainState, base: (t: Type, limits: ColumnLimits) => fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const checks = d.checks.map((c) => compileCheck(c.expr));
  // The domain's checks read as a table's checks on one column, `value`.
  const asTable = { ...newTable(d.name), constraints: d.checks.map((c) => ({ kind: "check" as const, name: c.name, columns: [DOMAIN_VALUE], sql: c.sql, expr: c.expr })) };
  const limits = columnLimits(asTable).get(DOMAIN_VALUE) ?? {};
  return base(baseType(d.base), limits).filter((v) => checks.every((check) => check(v) !== false));
}

/** A check as a function of the value: false only where PostgreSQL's CHECK fails (NULL passes). */
function compileCheck(e: IrExpr): (v: unknown) => unknown {
  const check = checkPredicate(e);
  return (v) => check({ [DOMAIN_VALUE]: v });
}
