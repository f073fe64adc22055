import type * as A from "../../grammar/ast.js";
import { showType, type Type } from "../../core/types.js";
import { checkExpr } from "../expr/check-expr.js";
import { lowerSql } from "../expr/lower-sql.js";
import { withoutSubqueries } from "../../stdlib/support/sql.js";
import { addSqlStep, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import { rowScope } from "../migration/scopes.js";
import { DOMAIN_VALUE, type DomainCheck, type DomainState } from "../model/named-type.js";
import { putNamedType } from "../model/schema.js";
import { ident } from "../sql/quote.js";
import { checkDefault } from "./column-default.js";
import { typeOf } from "./named-type-ref.js";
import { typeNameFree } from "./enum-types.js";
import { checkPredicateCalls } from "./predicate.js";

/**
 * `create domain year as integer [not null] [default e] [[constraint c] check (value between 1901 and 2155)]…`:
 * a named type whose values compute as its base type (the checker uses the base), and which
 * PostgreSQL checks on every write. A check reads the value as `value` (SQL's `VALUE`).
 */
export function compileCreateDomain(cx: MigrationContext, item: A.CreateDomain): void {
  if (!typeNameFree(cx, item.name)) return;
  const name = item.name.name;
  const base = typeOf(cx, item.type);
  if (base.kind === "error") return;
  if (base.kind !== "scalar" || base.domain || item.type.nullable) {
    report(cx, "K3051", item.type.span, item.type.nullable ? "a domain is nullable unless it says `not null`: its base type takes no `?`" : `a domain's base type is a built-in scalar type, not ${showType(base)}`, { help: item.type.nullable ? `write \`create domain ${name} as ${showType({ ...base, nullable: false } as Type)}\`` : "write `as integer`, `as text`, `as numeric(10, 2)`, …" });
    return;
  }
  const dflt = item.default ? checkDefault(cx, item.default, `the default of domain \`${name}\``, { ...base, nullable: true }) : null;
  const checks = item.checks.flatMap((c, i) => domainCheck(cx, name, base, c, i, item.checks.length) ?? []);
  if (checks.length !== item.checks.length) return;
  const domain: DomainState = { kind: "domain", name, base, notNull: item.notNull, defaultSql: dflt?.sql ?? null, checks };
  addSqlStep(cx, item.span, {
    change: { op: "create-domain", name, base: showType(base), notNull: item.notNull, default: domain.defaultSql, checks: checks.map((c) => ({ name: c.name, expr: c.sql })) },
    summary: `create domain ${name} as ${showType(base)}${checks.length ? ` (${checks.length} check${checks.length === 1 ? "" : "s"})` : ""}`,
    table: null,
    up: [createDomainSql(domain)],
    down: [`DROP DOMAIN ${ident(name)}`],
    reversibility: REVERSIBLE("a new domain: rollback drops it"),
  });
  cx.schema = putNamedType(cx.schema, domain);
}

/** `CREATE DOMAIN "d" AS base [NOT NULL] [DEFAULT …] [CONSTRAINT "c" CHECK (…)]…`. */
export function createDomainSql(d: DomainState): string {
  const parts = [`CREATE DOMAIN ${ident(d.name)} AS ${showType(d.base)}`];
  if (d.notNull) parts.push("NOT NULL");
  if (d.defaultSql) parts.push(`DEFAULT ${d.defaultSql}`);
  for (const c of d.checks) parts.push(`CONSTRAINT ${ident(c.name)} CHECK (${c.sql})`);
  return parts.join(" ");
}

/** One check: a condition on `value` (no column, no map, nothing volatile), named as PostgreSQL names it (`d_check`, `d_check1`, …). */
function domainCheck(cx: MigrationContext, domain: string, base: Type, c: A.DomainCheckDef, i: number, count: number): DomainCheck | null {
  const ir = checkExpr(c.expr, { ...rowScope(cx, domain, new Map([[DOMAIN_VALUE, base]])), dropped: new Map() });
  if (ir.type.kind === "error") return null;
  if (!checkPredicateCalls(ir, "a check", (span, message, help) => report(cx, "K3013", span, message, { help }))) return null;
  const sql = withoutSubqueries(() => lowerSql(ir, { column: () => "VALUE", maps: cx.maps, sqlRules: true }));
  const name = c.name?.name ?? (i === 0 || count === 1 ? `${domain}_check` : `${domain}_check${i}`);
  return { name, sql, expr: ir };
}
