import type { Span } from "../../grammar/ast.js";
import type { IrExpr } from "../ir/expr.js";
import type { Type } from "../ir/types.js";

/**
 * The schema state the compiler folds the migration chain over: immutable values, each
 * operation returns a new state. Names are PostgreSQL's (case-sensitive as quoted).
 */

/** A column default: its SQL (for DDL), and the typed expression it came from. */
export interface ColumnDefault {
  readonly sql: string;
  readonly ir: IrExpr;
}

export interface ColumnState {
  readonly name: string;
  /** The column's type; `nullable` is the column's nullability. */
  readonly type: Type;
  readonly default: ColumnDefault | null;
  /** Where the column was declared (for "defined here" notes). */
  readonly origin: Span | null;
}

export type FkAction = "cascade" | "restrict" | "no action" | "set null" | "set default";

export type ConstraintState =
  | { readonly kind: "primaryKey"; readonly name: string; readonly columns: readonly string[] }
  | { readonly kind: "unique"; readonly name: string; readonly columns: readonly string[] }
  /** `columns` are the columns the check reads; `expr` is kept so that renames can rewrite `sql`. */
  | { readonly kind: "check"; readonly name: string; readonly columns: readonly string[]; readonly sql: string; readonly expr: IrExpr | null }
  | {
      readonly kind: "foreignKey";
      readonly name: string;
      readonly columns: readonly string[];
      readonly refTable: string;
      readonly refColumns: readonly string[];
      readonly onDelete: FkAction | null;
      readonly onUpdate: FkAction | null;
    };

export interface IndexState {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly descending: boolean }[];
  readonly unique: boolean;
  readonly method: string;
  readonly whereSql: string | null;
  /** The typed `where` predicate behind `whereSql` (renames rewrite both; drops read its columns). */
  readonly where: IrExpr | null;
}

export interface TableState {
  readonly name: string;
  readonly columns: readonly ColumnState[];
  readonly constraints: readonly ConstraintState[];
  readonly indexes: readonly IndexState[];
}

export interface SchemaState {
  readonly tables: ReadonlyMap<string, TableState>;
}

export const EMPTY_SCHEMA: SchemaState = { tables: new Map() };

export function getTable(s: SchemaState, name: string): TableState | undefined {
  return s.tables.get(name);
}

export function getColumn(t: TableState, name: string): ColumnState | undefined {
  return t.columns.find((c) => c.name === name);
}

export function primaryKey(t: TableState): readonly string[] | null {
  const pk = t.constraints.find((c) => c.kind === "primaryKey");
  return pk ? pk.columns : null;
}

export function putTable(s: SchemaState, t: TableState): SchemaState {
  const tables = new Map(s.tables);
  tables.set(t.name, t);
  return { tables };
}

export function removeTable(s: SchemaState, name: string): SchemaState {
  const tables = new Map(s.tables);
  tables.delete(name);
  return { tables };
}

/** Replaces one column (by its current name) with `next`, keeping column order. */
export function replaceColumn(t: TableState, name: string, next: ColumnState): TableState {
  return { ...t, columns: t.columns.map((c) => (c.name === name ? next : c)) };
}

/** Every relation name (tables, indexes, index-backed constraints) in the schema: they share one namespace. */
export function relationNames(s: SchemaState): Set<string> {
  const names = new Set<string>();
  for (const t of s.tables.values()) {
    names.add(t.name);
    for (const i of t.indexes) names.add(i.name);
    for (const c of t.constraints) if (c.kind === "primaryKey" || c.kind === "unique") names.add(c.name);
  }
  return names;
}

/** Constraint names are unique per table. */
export function constraintNames(t: TableState): Set<string> {
  return new Set(t.constraints.map((c) => c.name));
}

/** The table and index that hold an index name, if any. */
export function findIndex(s: SchemaState, name: string): { table: TableState; index: IndexState } | undefined {
  for (const t of s.tables.values()) {
    const index = t.indexes.find((i) => i.name === name);
    if (index) return { table: t, index };
  }
  return undefined;
}

/** Foreign keys of other tables that point at `table`. */
export function referencesTo(s: SchemaState, table: string): { table: string; constraint: ConstraintState }[] {
  const out: { table: string; constraint: ConstraintState }[] = [];
  for (const t of s.tables.values()) {
    for (const c of t.constraints) if (c.kind === "foreignKey" && c.refTable === table && t.name !== table) out.push({ table: t.name, constraint: c });
  }
  return out;
}
