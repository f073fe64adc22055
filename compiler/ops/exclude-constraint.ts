import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import type { Type } from "../../core/types.js";
import { checkExpr } from "../expr/check-expr.js";
import { asCondition } from "../expr/types-unify.js";
import type { IrExpr } from "../ir/expr.js";
import type { ConstraintState } from "../model/schema.js";
import { report, type MigrationContext } from "../migration/context.js";
import { rowScope } from "../migration/scopes.js";
import { knownMethod } from "./index-def.js";
import { checkInclude, checkMethodCan, checkStorageParams, deferrabilityOf, indexOptions, keysOf, orderedKey } from "./index-options.js";
import { checkPredicateCalls, predicateSql } from "./predicate.js";

/**
 * `exclude [using m] (col with op, …) [include (…)] [with (…)] [where e] [deferrable …]`: no two
 * rows may have every element's operator true between them (`during with &&`: no overlap). The
 * state has no name yet (the caller names it); null after reporting.
 */
export function checkExclude(cx: MigrationContext, table: string, columns: ReadonlyMap<string, Type>, c: A.ExcludeConstraint): ConstraintState | null {
  let ok = true;
  for (const e of c.elements) {
    if (columns.has(e.column.name.name)) continue;
    report(cx, "K2002", e.column.name.span, `column \`${e.column.name.name}\` does not exist on table \`${table}\``, { help: didYouMean(e.column.name.name, columns.keys()) });
    ok = false;
  }
  // PostgreSQL's default method for an exclusion constraint is btree, as for an index.
  const method = c.method?.name.toLowerCase() ?? "btree";
  const keys = c.elements.map((e) => e.column);
  if (!knownMethod(cx, c.method) || !checkMethodCan(cx, method, c.method?.span ?? c.span, { exclude: true, include: (c.include?.length ?? 0) > 0, ordered: orderedKey(keys) })) ok = false;
  let where: IrExpr | null = null;
  if (c.where) {
    const ir = asCondition(checkExpr(c.where, rowScope(cx, table, columns)));
    if (ir.type.kind !== "error" && checkPredicateCalls(ir, "an exclusion constraint's `where`", (span, message, help) => report(cx, "K3013", span, message, { help }))) where = ir;
    else ok = false;
  }
  const include = checkInclude(cx, table, columns, c.include);
  const params = ok ? checkStorageParams(cx, method, c.with) : [];
  if (!ok || !include || !params) return null;
  const elements = keysOf(keys).map((k, i) => ({ ...k, operator: c.elements[i].operator }));
  return {
    kind: "exclude",
    name: "",
    columns: [...new Set(elements.map((e) => e.name))],
    method,
    elements,
    whereSql: where ? predicateSql(where, cx.maps) : null,
    where,
    ...indexOptions(include, params),
    ...deferrabilityOf(c.deferral),
  };
}
