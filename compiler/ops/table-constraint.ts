import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import type { Type } from "../../core/types.js";
import type { ConstraintState, NameSet } from "../model/schema.js";
import { report, type MigrationContext } from "../migration/context.js";
import { checkSql } from "./column-def.js";
import { resolveForeignKey } from "./foreign-key.js";
import { deriveConstraintName } from "./derived-names.js";
import { checkInclude, checkStorageParams, deferrabilityOf, indexOptions } from "./index-options.js";
import { checkExclude } from "./exclude-constraint.js";

/** Checks a table-level constraint against the table's columns; null after reporting. */
export function checkTableConstraint(cx: MigrationContext, table: string, columns: ReadonlyMap<string, Type>, c: A.TableConstraint, takenNames: NameSet, chosen: ReadonlySet<string> = new Set()): ConstraintState | null {
  const known = (ids: readonly A.Ident[]) => {
    let ok = true;
    for (const id of ids) {
      if (!columns.has(id.name)) {
        report(cx, "K2002", id.span, `column \`${id.name}\` does not exist on table \`${table}\``, { help: didYouMean(id.name, columns.keys()) });
        ok = false;
      }
    }
    return ok;
  };
  // A written name must be free; a derived one is numbered past the names in use, as PostgreSQL does.
  const named = (state: ConstraintState): ConstraintState | null => {
    if (!c.name) return { ...state, name: deriveConstraintName(cx.schema, table, state, chosen) };
    if (takenNames.has(c.name.name)) {
      report(cx, "K2007", c.name.span, `the constraint name \`${c.name.name}\` is already used on \`${table}\` (or by a relation)`, { help: "give this constraint its own name: constraint my_name …" });
      return null;
    }
    return { ...state, name: c.name.name };
  };
  // A key's index options: its `include` columns and storage parameters (a btree's).
  const keyOptions = (k: A.PrimaryKeyConstraint | A.UniqueConstraint) => {
    const include = checkInclude(cx, table, columns, k.include);
    const params = checkStorageParams(cx, "btree", k.with);
    return include && params ? { ...indexOptions(include, params), ...deferrabilityOf(k.deferral) } : null;
  };
  switch (c.kind) {
    case "PrimaryKeyConstraint": {
      const options = keyOptions(c);
      return known(c.columns) && options ? named({ kind: "primaryKey", name: "", columns: c.columns.map((x) => x.name), ...options }) : null;
    }
    case "UniqueConstraint": {
      const options = keyOptions(c);
      return known(c.columns) && options ? named({ kind: "unique", name: "", columns: c.columns.map((x) => x.name), ...(c.nullsNotDistinct && { nullsNotDistinct: true }), ...options }) : null;
    }
    case "CheckConstraint":
      return named({ kind: "check", name: "", ...checkSql(cx, table, columns, c.expr), ...(c.notValid && { notValid: true }) });
    case "ForeignKeyConstraint": {
      if (!known(c.columns)) return null;
      const cols = c.columns.map((x) => ({ name: x.name, type: columns.get(x.name) as Type, span: x.span }));
      const refs = resolveForeignKey(cx, table, cols, c.refTable, c.refColumns.length > 0 ? c.refColumns : null, c.span);
      return refs ? named({ kind: "foreignKey", name: "", columns: cols.map((x) => x.name), refTable: c.refTable.name, refColumns: refs, onDelete: c.onDelete, onUpdate: c.onUpdate, ...deferrabilityOf(c.deferral), ...(c.notValid && { notValid: true }) }) : null;
    }
    case "ExcludeConstraint": {
      const state = checkExclude(cx, table, columns, c);
      return state ? named(state) : null;
    }
  }
}
