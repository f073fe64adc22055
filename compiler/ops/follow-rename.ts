import type { MapInfo } from "../expr/scope.js";
import { ownedSequences, putSequence, putTable, referencingTables, type ColumnState, type ConstraintState, type IndexState, type SchemaState } from "../model/schema.js";
import { columnsRead } from "../ir/expr.js";
import { predicateSql, renameInPredicate } from "./predicate.js";

/**
 * What PostgreSQL does to the rest of the schema when `table.from` is renamed to `to`: the table's
 * constraints and indexes (key columns, check and `where` expressions) and every foreign key that
 * references the column follow the new name. The column itself is renamed by the caller.
 */
export function followColumnRename(s: SchemaState, table: string, from: string, to: string, maps: ReadonlyMap<string, MapInfo>): SchemaState {
  const rn = (cols: readonly string[]) => cols.map((c) => (c === from ? to : c));
  let out = s;
  // Only the table itself and the tables whose foreign keys point at it change.
  const self = s.tables.get(table);
  const others = referencingTables(s, table).filter((t) => t.name !== table);
  for (const t of [...(self ? [self] : []), ...others]) {
    const own = t === self;
    const constraints = t.constraints.map((c): ConstraintState => {
      const refs = c.kind === "foreignKey" && c.refTable === table ? { refColumns: rn(c.refColumns) } : {};
      if (!own) return { ...c, ...refs } as ConstraintState;
      if (c.kind === "check" && c.expr) {
        const expr = renameInPredicate(c.expr, from, to);
        return { ...c, columns: rn(c.columns), expr, sql: predicateSql(expr, maps) };
      }
      if (c.kind === "exclude") {
        const where = c.where ? renameInPredicate(c.where, from, to) : null;
        const elements = c.elements.map((e) => ({ ...e, name: e.name === from ? to : e.name }));
        return { ...c, columns: rn(c.columns), elements, ...(c.include && { include: rn(c.include) }), where, whereSql: where ? predicateSql(where, maps) : c.whereSql };
      }
      if (c.kind === "primaryKey" || c.kind === "unique") return { ...c, columns: rn(c.columns), ...(c.include && { include: rn(c.include) }) };
      return { ...c, ...refs, columns: rn(c.columns) } as ConstraintState;
    });
    const indexes = own
      ? t.indexes.map((i): IndexState => {
          const where = i.where ? renameInPredicate(i.where, from, to) : null;
          return { ...i, columns: i.columns.map((c) => ({ ...c, name: c.name === from ? to : c.name })), ...(i.include && { include: rn(i.include) }), where, whereSql: where ? predicateSql(where, maps) : i.whereSql };
        })
      : t.indexes;
    const columns = own ? t.columns.map((c) => renameInGenerated(c, from, to, maps)) : t.columns;
    // Citus lets the distribution column be renamed: the table stays distributed by it.
    const d = own && t.distribution?.kind === "distributed" && t.distribution.column === from ? { distribution: { ...t.distribution, column: to } } : {};
    out = putTable(out, { ...t, constraints, indexes, columns, ...d });
  }
  // The sequences the column owns (a serial's, an identity's) are now owned by the renamed column.
  for (const q of ownedSequences(out, table, from)) out = putSequence(out, { ...q, owner: { table, column: to } });
  return out;
}

/** A generated column's expression reading `from` reads `to` (PostgreSQL rewrites it too). */
function renameInGenerated(c: ColumnState, from: string, to: string, maps: ReadonlyMap<string, MapInfo>): ColumnState {
  if (!c.generated || !columnsRead(c.generated.expr).has(from)) return c;
  const expr = renameInPredicate(c.generated.expr, from, to);
  return { ...c, generated: { expr, sql: predicateSql(expr, maps) } };
}

/** After `rename table from -> to`: the sequences its columns own are owned by the renamed table (they keep their names). */
export function followTableRename(s: SchemaState, from: string, to: string): SchemaState {
  let out = s;
  for (const q of ownedSequences(s, from)) out = putSequence(out, { ...q, owner: { table: to, column: (q.owner as { column: string }).column } });
  // Tables colocated with it stay so (Citus keeps colocation by id, not by name).
  for (const t of [...out.tables.values()]) {
    if (t.distribution?.kind === "distributed" && t.distribution.colocateWith === from) out = putTable(out, { ...t, distribution: { ...t.distribution, colocateWith: to } });
  }
  return out;
}
