import type { MapInfo } from "../expr/scope.js";
import { putTable, type ConstraintState, type IndexState, type SchemaState } from "../model/schema.js";
import { predicateSql, renameInPredicate } from "./predicate.js";

/**
 * What PostgreSQL does to the rest of the schema when `table.from` is renamed to `to`: the table's
 * constraints and indexes (key columns, check and `where` expressions) and every foreign key that
 * references the column follow the new name. The column itself is renamed by the caller.
 */
export function followColumnRename(s: SchemaState, table: string, from: string, to: string, maps: ReadonlyMap<string, MapInfo>): SchemaState {
  const rn = (cols: readonly string[]) => cols.map((c) => (c === from ? to : c));
  let out = s;
  for (const t of s.tables.values()) {
    const own = t.name === table;
    const constraints = t.constraints.map((c): ConstraintState => {
      const refs = c.kind === "foreignKey" && c.refTable === table ? { refColumns: rn(c.refColumns) } : {};
      if (!own) return { ...c, ...refs } as ConstraintState;
      if (c.kind === "check" && c.expr) {
        const expr = renameInPredicate(c.expr, from, to);
        return { ...c, columns: rn(c.columns), expr, sql: predicateSql(expr, maps) };
      }
      return { ...c, ...refs, columns: rn(c.columns) } as ConstraintState;
    });
    const indexes = own
      ? t.indexes.map((i): IndexState => {
          const where = i.where ? renameInPredicate(i.where, from, to) : null;
          return { ...i, columns: i.columns.map((c) => ({ ...c, name: c.name === from ? to : c.name })), where, whereSql: where ? predicateSql(where, maps) : i.whereSql };
        })
      : t.indexes;
    out = putTable(out, { ...t, constraints, indexes });
  }
  return out;
}
