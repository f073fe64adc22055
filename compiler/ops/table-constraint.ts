import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../diagnostics/suggest.js";
import type { Type } from "../ir/types.js";
import { checkName, foreignKeyName, primaryKeyName, uniqueName } from "../model/naming.js";
import type { ConstraintState } from "../model/schema.js";
import { report, type MigrationContext } from "../migration/context.js";
import { checkSql } from "./column-def.js";
import { resolveForeignKey } from "./foreign-key.js";
import { columnsRead } from "../ir/expr.js";
import { checkExpr } from "../expr/check-expr.js";
import { rowScope } from "../migration/scopes.js";

/** Checks a table-level constraint against the table's columns; null after reporting. */
export function checkTableConstraint(cx: MigrationContext, table: string, columns: ReadonlyMap<string, Type>, c: A.TableConstraint, takenNames: ReadonlySet<string>): ConstraintState | null {
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
  const named = (fallback: string) => {
    const name = c.name?.name ?? fallback;
    if (takenNames.has(name)) {
      report(cx, "K2007", c.name?.span ?? c.span, `the constraint name \`${name}\` is already used on \`${table}\` (or by a relation)`, { help: "give this constraint its own name: constraint my_name …" });
      return null;
    }
    return name;
  };
  switch (c.kind) {
    case "PrimaryKeyConstraint": {
      if (!known(c.columns)) return null;
      const name = named(primaryKeyName(table));
      return name ? { kind: "primaryKey", name, columns: c.columns.map((x) => x.name) } : null;
    }
    case "UniqueConstraint": {
      if (!known(c.columns)) return null;
      const cols = c.columns.map((x) => x.name);
      const name = named(uniqueName(table, cols));
      return name ? { kind: "unique", name, columns: cols } : null;
    }
    case "CheckConstraint": {
      const read = [...columnsRead(checkExpr(c.expr, rowScope(cx, table, columns, { diags: [] })))];
      const name = named(checkName(table, read.length > 0 ? read : []));
      const sql = checkSql(cx, table, columns, c.expr);
      return name ? { kind: "check", name, columns: read, sql } : null;
    }
    case "ForeignKeyConstraint": {
      if (!known(c.columns)) return null;
      const cols = c.columns.map((x) => ({ name: x.name, type: columns.get(x.name) as Type, span: x.span }));
      const refs = resolveForeignKey(cx, table, cols, c.refTable, c.refColumns.length > 0 ? c.refColumns : null, c.span);
      const name = named(foreignKeyName(table, cols.map((x) => x.name)));
      return refs && name ? { kind: "foreignKey", name, columns: cols.map((x) => x.name), refTable: c.refTable.name, refColumns: refs, onDelete: c.onDelete, onUpdate: c.onUpdate } : null;
    }
  }
}
