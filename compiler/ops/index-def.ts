import type * as A from "../../grammar/ast.js";
import { checkExpr } from "../expr/check-expr.js";
import { asCondition } from "../expr/types-unify.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { isJson, type Type } from "../../core/types.js";
import { relationNames, type IndexState, type NameSet } from "../model/schema.js";
import { report, type MigrationContext } from "../migration/context.js";
import { rowScope } from "../migration/scopes.js";
import type { IrExpr } from "../ir/expr.js";
import { deriveIndexName } from "./derived-names.js";
import { checkPredicateCalls, predicateSql } from "./predicate.js";
import { checkInclude, checkMethodCan, checkStorageParams, indexOptions, keysOf, orderedKey } from "./index-options.js";

const METHODS = ["btree", "gin", "gist", "hash", "brin"];

/** Checks an index definition against the table's columns; null after reporting. */
export function checkIndexDef(cx: MigrationContext, table: string, columns: ReadonlyMap<string, Type>, def: A.IndexDef, taken: NameSet = relationNames(cx.schema)): IndexState | null {
  let ok = true;
  for (const c of def.columns) {
    if (!columns.has(c.name.name)) {
      report(cx, "K2002", c.name.span, `column \`${c.name.name}\` does not exist on table \`${table}\``, { help: didYouMean(c.name.name, columns.keys()) });
      ok = false;
    }
  }
  const method = def.method?.name.toLowerCase() ?? "btree";
  if (!knownMethod(cx, def.method)) ok = false;
  else if (!checkMethodCan(cx, method, def.method?.span ?? def.span, { unique: def.unique, include: (def.include?.length ?? 0) > 0, ordered: orderedKey(def.columns) })) ok = false;
  else if (method === "gin" && def.columns.some((c) => columns.has(c.name.name) && !isJson(columns.get(c.name.name) as Type) && (columns.get(c.name.name) as Type).kind !== "array")) {
    report(cx, "K3012", def.method?.span ?? def.span, "a gin index needs jsonb or array columns", { help: "use the default btree index for scalar columns" });
    ok = false;
  }
  // A written name must be free; a derived one is numbered past the names in use, as PostgreSQL does.
  const name = def.name?.name ?? deriveIndexName(cx.schema, table, [...def.columns.map((c) => c.name.name), ...(def.include ?? []).map((i) => i.name)]);
  if (def.name && taken.has(name)) {
    report(cx, "K2007", def.name.span, `the name \`${name}\` is already used by a table, index or constraint`, { help: "indexes share one namespace with tables: choose another name" });
    ok = false;
  }
  let where: IrExpr | null = null;
  if (def.where) {
    const ir = asCondition(checkExpr(def.where, rowScope(cx, table, columns)));
    if (ir.type.kind !== "error" && checkPredicateCalls(ir, "an index's `where`", (span, message, help) => report(cx, "K3013", span, message, { help }))) where = ir;
    else ok = false;
  }
  const include = checkInclude(cx, table, columns, def.include);
  const params = METHODS.includes(method) ? checkStorageParams(cx, method, def.with) : [];
  if (!ok || !include || !params) return null;
  return {
    name,
    columns: keysOf(def.columns),
    unique: def.unique,
    method,
    ...indexOptions(include, params),
    ...(def.nullsNotDistinct && { nullsNotDistinct: true }),
    whereSql: where ? predicateSql(where, cx.maps) : null,
    where,
  };
}

/** Whether `using m` names a method PostgreSQL has (reported when not). */
export function knownMethod(cx: MigrationContext, method: A.Ident | null): boolean {
  const name = method?.name.toLowerCase() ?? "btree";
  if (METHODS.includes(name)) return true;
  report(cx, "K3012", (method as A.Ident).span, `unknown index method \`${name}\``, { help: [didYouMean(name, METHODS), `PostgreSQL has ${METHODS.join(", ")}`].filter(Boolean).join(" ") });
  return false;
}
