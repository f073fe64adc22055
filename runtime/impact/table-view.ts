import { ident } from "../../core/sql-quote.js";

/**
 * What a table will hold after the steps so far, as a query over the live rows: each schema step
 * or backfill adds a projection on top of the table as it is now. Nothing is written: the
 * constraint checks and map counts of `kmig plan` read these queries.
 */
export interface ColumnView {
  readonly name: string;
  /** The SQL type, as PostgreSQL prints it (`character varying(20)`) or as the plan writes it. */
  readonly type: string;
  readonly notNull: boolean;
}

export interface TableView {
  readonly table: string;
  /** A FROM item producing the table's future rows; it is always aliased by the table's name. */
  readonly from: string;
  readonly columns: readonly ColumnView[];
  /** Created by the migration: it has no rows, so nothing in it can violate anything. */
  readonly empty: boolean;
  /** Why the view can no longer be followed (a mapping that fails on the live rows); null while it can. */
  readonly unknown: string | null;
  /** The primary key's columns (current names), to name example rows; empty without one. */
  readonly key: readonly string[];
}

export const q = ident;

/** A table as it is in the database now. */
export function liveTable(table: string, columns: readonly ColumnView[], key: readonly string[]): TableView {
  return { table, from: `"public".${q(table)}`, columns, empty: false, unknown: null, key };
}

/** A table a step creates: no rows. */
export function newTable(table: string): TableView {
  return { table, from: `(SELECT WHERE false)`, columns: [], empty: true, unknown: null, key: [] };
}

/** The view with its columns recomputed: `exprs` (by current column name) read the previous row. */
export function project(v: TableView, columns: readonly ColumnView[], exprs: ReadonlyMap<string, string>): TableView {
  if (v.empty) return { ...v, columns };
  const select = columns.map((c) => `${exprs.get(c.name) ?? q(c.name)} AS ${q(c.name)}`).join(", ");
  return { ...v, columns, from: `(SELECT ${select} FROM ${v.from} AS ${q(v.table)})` };
}

/** `SELECT … FROM <the view> AS "table"`: the table's future rows under its own name. */
export function fromView(v: TableView): string {
  return `${v.from} AS ${q(v.table)}`;
}

export function renameColumn(v: TableView, from: string, to: string): TableView {
  const columns = v.columns.map((c) => (c.name === from ? { ...c, name: to } : c));
  return { ...project(v, columns, new Map([[to, q(from)]])), key: v.key.map((k) => (k === from ? to : k)) };
}

export function addColumn(v: TableView, column: ColumnView, defaultSql: string | null): TableView {
  return project(v, [...v.columns, column], new Map([[column.name, `CAST(${defaultSql ?? "NULL"} AS ${column.type})`]]));
}

export function dropColumn(v: TableView, column: string): TableView {
  return project(v, v.columns.filter((c) => c.name !== column), new Map());
}

/** Columns recomputed by SQL over the previous row (a backfill, a type change's USING). */
export function recompute(v: TableView, sets: readonly { column: string; sql: string; type?: string }[]): TableView {
  const columns = v.columns.map((c) => {
    const s = sets.find((x) => x.column === c.name);
    return s?.type ? { ...c, type: s.type } : c;
  });
  const exprs = new Map(sets.map((s) => [s.column, `CAST((${s.sql}) AS ${columns.find((c) => c.name === s.column)?.type ?? "text"})`]));
  return project(v, columns, exprs);
}
