import type { Span } from "../../grammar/ast.js";
import type { IrExpr } from "../ir/expr.js";
import type { Type } from "../../core/types.js";
import { PersistentMap } from "./persistent-map.js";
import { NO_NAMES, replaceTableNames, type SchemaNames } from "./schema-names.js";
import type { SequenceState } from "./sequence.js";
import type { NamedTypeState } from "./named-type.js";
import type { ExternalDecl } from "../../core/plan.js";
import type { TableDistribution } from "./distribution.js";

/**
 * The schema state the compiler folds the migration chain over: immutable values, each
 * operation returns a new state that shares what it did not change with the old one (so that
 * every unit keeps its `before` and `after` at no cost). Names are PostgreSQL's (case-sensitive as quoted).
 */

/** A column default: its SQL (for DDL), and the typed expression it came from. */
export interface ColumnDefault {
  readonly sql: string;
  readonly ir: IrExpr;
  /**
   * Whether it gives a new value each time — `nextval(…)`, `random()`, `gen_random_uuid()`, `now()`,
   * `current_date` — so that rows cannot be compared with it (loss checks) nor `kmig test` predict it.
   */
  readonly volatile: boolean;
  /** The sequence a `nextval('…')` default (a serial's too) draws from: it follows renames of it. */
  readonly sequence: string | null;
}

/** `generated always as (e) stored`: PostgreSQL computes the column from the row on every write. */
export interface GeneratedColumn {
  readonly sql: string;
  /** The typed expression; renames rewrite it, drops read its columns. */
  readonly expr: IrExpr;
}

/** An identity column: `generated always` or `by default`, with its sequence (in the schema's sequences). */
export interface ColumnIdentity {
  readonly always: boolean;
  readonly sequence: string;
}

export interface ColumnState {
  readonly name: string;
  /** The column's type; `nullable` is the column's nullability. */
  readonly type: Type;
  readonly default: ColumnDefault | null;
  /** `COMMENT ON COLUMN`; null when it has none. */
  readonly comment: string | null;
  readonly identity: ColumnIdentity | null;
  readonly generated: GeneratedColumn | null;
  /** Where the column was declared (for "defined here" notes). */
  readonly origin: Span | null;
}

export type FkAction = "cascade" | "restrict" | "no action" | "set null" | "set default";

/** A storage parameter of an index: `fillfactor` = `70`. */
export interface StorageParamState {
  readonly name: string;
  readonly value: string;
}

/**
 * Options of an index, and of the index behind a primary key, unique or exclusion constraint.
 * Each is absent when not written, so that states from before them compare equal.
 */
export interface IndexOptionState {
  /** `INCLUDE (…)`: columns stored in the index but not part of its key. */
  readonly include?: readonly string[];
  /** `WITH (…)`: storage parameters, in the order written. */
  readonly with?: readonly StorageParamState[];
}

/** `DEFERRABLE [INITIALLY DEFERRED]`; absent: `NOT DEFERRABLE`. */
export interface Deferrability {
  readonly deferrable?: true;
  readonly initiallyDeferred?: true;
}

/** One key column of an index: order, operator class and where NULLs sort. */
export interface IndexKey {
  readonly name: string;
  readonly descending: boolean;
  readonly opclass?: string;
  readonly nulls?: "first" | "last";
}

/** One element of an exclusion constraint: a key column and the operator rows may not share a `true` for. */
export interface ExcludeKey extends IndexKey {
  readonly operator: string;
}

export type ConstraintState =
  | ({ readonly kind: "primaryKey"; readonly name: string; readonly columns: readonly string[] } & IndexOptionState & Deferrability)
  | ({ readonly kind: "unique"; readonly name: string; readonly columns: readonly string[]; readonly nullsNotDistinct?: true } & IndexOptionState & Deferrability)
  /** `columns` are the columns the check reads; `expr` is kept so that renames can rewrite `sql`. */
  | { readonly kind: "check"; readonly name: string; readonly columns: readonly string[]; readonly sql: string; readonly expr: IrExpr | null; readonly notValid?: true }
  | ({
      readonly kind: "foreignKey";
      readonly name: string;
      readonly columns: readonly string[];
      readonly refTable: string;
      readonly refColumns: readonly string[];
      readonly onDelete: FkAction | null;
      readonly onUpdate: FkAction | null;
      readonly notValid?: true;
    } & Deferrability)
  /** `columns` are the elements' columns; `where` is a predicate like an index's. */
  | ({
      readonly kind: "exclude";
      readonly name: string;
      readonly columns: readonly string[];
      readonly method: string;
      readonly elements: readonly ExcludeKey[];
      readonly whereSql: string | null;
      readonly where: IrExpr | null;
    } & IndexOptionState & Deferrability);

/** Whether PostgreSQL backs the constraint with an index (of the same name, in the relation namespace). */
export function indexBacked(c: ConstraintState): boolean {
  return c.kind === "primaryKey" || c.kind === "unique" || c.kind === "exclude";
}

export interface IndexState extends IndexOptionState {
  readonly name: string;
  readonly columns: readonly IndexKey[];
  readonly unique: boolean;
  readonly method: string;
  /** `NULLS NOT DISTINCT` (a unique index, PostgreSQL 15+). */
  readonly nullsNotDistinct?: true;
  readonly whereSql: string | null;
  /** The typed `where` predicate behind `whereSql` (renames rewrite both; drops read its columns). */
  readonly where: IrExpr | null;
}

/** `REPLICA IDENTITY …` when not the default (the primary key). */
export type ReplicaIdentityState = { readonly mode: "full" | "nothing" } | { readonly mode: "index"; readonly index: string };

export interface TableState {
  readonly name: string;
  readonly columns: readonly ColumnState[];
  readonly constraints: readonly ConstraintState[];
  readonly indexes: readonly IndexState[];
  /** `COMMENT ON TABLE`; null when it has none. */
  readonly comment: string | null;
  /** Absent: PostgreSQL's default (the primary key). */
  readonly replicaIdentity?: ReplicaIdentityState;
  /** How Citus spreads it, where the spec says so (compiler/model/distribution.ts); absent: not said. */
  readonly distribution?: TableDistribution;
}

/** A new table's state before its columns, constraints and indexes are known. */
export function newTable(name: string): TableState {
  return { name, columns: [], constraints: [], indexes: [], comment: null };
}

export interface SchemaState {
  /** A persistent map: each state shares all unchanged tables with the one it came from. */
  readonly tables: PersistentMap<TableState>;
  /** Schema-wide name lookups, kept in step with `tables` by putTable and removeTable. */
  readonly names: SchemaNames;
  /** Sequences, those that serial and identity columns own too. They share the relation namespace. */
  readonly sequences: PersistentMap<SequenceState>;
  /** Enum types and domains the chain declared (PostgreSQL's types namespace). */
  readonly types: PersistentMap<NamedTypeState>;
  /** Objects declared `external`: kmig leaves them alone, but knows which columns a view reads. */
  readonly externals: readonly ExternalDecl[];
}

export const EMPTY_SCHEMA: SchemaState = { tables: PersistentMap.empty(), names: NO_NAMES, sequences: PersistentMap.empty(), types: PersistentMap.empty(), externals: [] };

export function getTable(s: SchemaState, name: string): TableState | undefined {
  return s.tables.get(name);
}

export function getColumn(t: TableState, name: string): ColumnState | undefined {
  return t.columns.find((c) => c.name === name);
}

/**
 * The columns an INSERT may give values for: all but the generated ones (PostgreSQL computes
 * those). An identity `generated always` column takes a value only with `OVERRIDING SYSTEM VALUE`.
 */
export function insertableColumns(t: TableState): readonly ColumnState[] {
  return t.columns.filter((c) => !c.generated);
}

/** `OVERRIDING SYSTEM VALUE ` when the table has a `generated always` identity column an INSERT gives a value for, else "". */
export function insertOverriding(t: TableState): string {
  return t.columns.some((c) => c.identity?.always) ? "OVERRIDING SYSTEM VALUE " : "";
}

export function primaryKey(t: TableState): readonly string[] | null {
  const pk = t.constraints.find((c) => c.kind === "primaryKey");
  return pk ? pk.columns : null;
}

/** The schema with `t` in place of the table of its name (last, when new). O(log tables), sharing the rest. */
export function putTable(s: SchemaState, t: TableState): SchemaState {
  return { ...s, tables: s.tables.with(t.name, t), names: replaceTableNames(s.names, s.tables.get(t.name), t) };
}

/** The schema without the table `name` (itself when there is none). */
export function removeTable(s: SchemaState, name: string): SchemaState {
  const t = s.tables.get(name);
  return t ? { ...s, tables: s.tables.without(name), names: replaceTableNames(s.names, t, undefined) } : s;
}

/** Replaces one column (by its current name) with `next`, keeping column order. */
export function replaceColumn(t: TableState, name: string, next: ColumnState): TableState {
  return { ...t, columns: t.columns.map((c) => (c.name === name ? next : c)) };
}

/** Names as the checks ask about them: only whether one is taken. */
export interface NameSet {
  has(name: string): boolean;
}

/** Every relation name (tables, indexes, index-backed constraints, sequences) in the schema: they share one namespace. */
export function relationNames(s: SchemaState): NameSet {
  return { has: (name) => s.names.relations.has(name) || s.sequences.has(name) };
}

/** The schema with `q` in place of the sequence of its name. */
export function putSequence(s: SchemaState, q: SequenceState): SchemaState {
  return { ...s, sequences: s.sequences.with(q.name, q) };
}

/** The schema without the sequence `name`. */
export function removeSequence(s: SchemaState, name: string): SchemaState {
  return { ...s, sequences: s.sequences.without(name) };
}

/** The schema with `t` in place of the named type of its name. */
export function putNamedType(s: SchemaState, t: NamedTypeState): SchemaState {
  return { ...s, types: s.types.with(t.name, t) };
}

/** The schema without the named type `name`. */
export function removeNamedType(s: SchemaState, name: string): SchemaState {
  return { ...s, types: s.types.without(name) };
}

/** Columns whose type is the named type `name` (directly, as an array element, or through a domain over it), as table and column. */
export function namedTypeUsers(s: SchemaState, name: string): { table: string; column: string }[] {
  const uses = (t: Type): boolean => (t.kind === "enum" && t.name === name) || (t.kind === "scalar" && t.domain === name) || (t.kind === "array" && uses(t.element));
  return [...s.tables.values()].flatMap((t) => t.columns.filter((c) => uses(c.type)).map((c) => ({ table: t.name, column: c.name })));
}

/** The sequences a column of `table` owns (`column` null: any column of it). */
export function ownedSequences(s: SchemaState, table: string, column: string | null = null): SequenceState[] {
  return [...s.sequences.values()].filter((q) => q.owner !== null && q.owner.table === table && (column === null || q.owner.column === column));
}

/** Columns whose default draws from the sequence `name`, as `table.column`. */
export function sequenceUsers(s: SchemaState, name: string): { table: string; column: string }[] {
  return [...s.tables.values()].flatMap((t) => t.columns.filter((c) => c.default?.sequence === name).map((c) => ({ table: t.name, column: c.name })));
}

/** Every constraint name of the schema, whatever its table. */
export function allConstraintNames(s: SchemaState): NameSet {
  return { has: (name) => s.names.constraints.has(name) };
}

/** A name is taken when any of `sets` has it. */
export function unionNames(...sets: readonly NameSet[]): NameSet {
  return { has: (name) => sets.some((set) => set.has(name)) };
}

/** Constraint names are unique per table. */
export function constraintNames(t: TableState): Set<string> {
  return new Set(t.constraints.map((c) => c.name));
}

/** The table and index that hold an index name, if any. */
export function findIndex(s: SchemaState, name: string): { table: TableState; index: IndexState } | undefined {
  const table = inSchemaOrder(s, s.names.indexTables.get(name))[0];
  const index = table?.indexes.find((i) => i.name === name);
  return table && index ? { table, index } : undefined;
}

/** The tables with a foreign key to `table` (itself too, if it references itself), in the schema's order. */
export function referencingTables(s: SchemaState, table: string): TableState[] {
  return inSchemaOrder(s, s.names.referencedBy.get(table));
}

/** The tables named by the keys of `holders`, in the order the schema lists tables. */
function inSchemaOrder(s: SchemaState, holders: ReadonlyMap<string, unknown> | undefined): TableState[] {
  if (!holders) return [];
  const rank = (name: string) => s.tables.rank(name) ?? 0;
  return [...holders.keys()].sort((a, b) => rank(a) - rank(b)).map((name) => s.tables.get(name) as TableState);
}

/** Foreign keys of other tables that point at `table`. */
export function referencesTo(s: SchemaState, table: string): { table: string; constraint: ConstraintState }[] {
  const out: { table: string; constraint: ConstraintState }[] = [];
  for (const t of referencingTables(s, table)) {
    for (const c of t.constraints) if (c.kind === "foreignKey" && c.refTable === table && t.name !== table) out.push({ table: t.name, constraint: c });
  }
  return out;
}
