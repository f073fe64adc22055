import type * as A from "../../grammar/ast.js";
import type { Type } from "../../core/types.js";
import { constraintNames, newTable, type ConstraintState, putSequence, putTable, relationNames, unionNames, type ColumnState, type IndexState, type TableState } from "../model/schema.js";
import type { SequenceState } from "../model/sequence.js";
import { createSequenceSql, ownedBySql } from "./column-sequence.js";
import { commentsOfNewTable, tableComment } from "./comments.js";
import { ident } from "../sql/quote.js";
import { addSqlStep, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import { checkColumnDef, columnSql } from "./column-def.js";
import { constraintSql, createIndexSql, dropIndexSql } from "./constraint-sql.js";
import { checkIndexDef } from "./index-def.js";
import { lowersOn } from "./safe-lowering.js";
import { checkTableConstraint } from "./table-constraint.js";
import { settleConstraints, type PendingConstraint } from "./create-table-constraints.js";
import { resolveTypeRef } from "../model/type-ref.js";
import { fitsColumnLimit, MAX_COLUMNS } from "./column-limit.js";
import { columnChange, constraintChange, indexChange } from "./change-data.js";
import { checkDistribution, distributeStep } from "./distribute-table.js";
import { refusedForeignKey, refusedUniqueKey } from "./citus-rules.js";

/** `create table t { … }`: one step for the table with its constraints (and serials' sequences), one per index. */
export function compileCreateTable(cx: MigrationContext, item: A.CreateTable): void {
  const table = item.name.name;
  if (relationNames(cx.schema).has(table)) {
    report(cx, "K2005", item.name.span, `a table or index named \`${table}\` already exists`, { help: "choose another name, or change the existing table with `table name { … }`" });
    return;
  }
  const { columns, pending, sequences } = checkNewColumns(cx, item);
  const constraints = settleConstraints(cx, table, pending);
  // Primary key columns are NOT NULL whatever was written (PostgreSQL does the same).
  const pk = constraints.find((c) => c.kind === "primaryKey");
  const finalColumns = columns.map((c) => (pk?.columns.includes(c.name) && c.type.kind !== "null" && c.type.kind !== "error" ? { ...c, type: { ...c.type, nullable: false } as Type } : c));
  const distribution = item.distribution ? checkDistribution(cx, table, item.distribution, finalColumns) : null;
  const state: TableState = { ...newTable(table), columns: finalColumns, constraints, comment: tableComment(cx, item.elements), ...(distribution ? { distribution } : {}) };
  const body = [...finalColumns.map((c) => columnSql(c, cx.schema.sequences)), ...constraints.map(constraintSql)].join(",\n  ");
  const serials = sequences.filter((q) => !q.identity);
  addSqlStep(cx, item.span, {
    change: { op: "create-table", table, columns: finalColumns.map(columnChange), constraints: constraints.map(constraintChange), sequences: sequences.map((q) => q.name) },
    summary: `create table ${table} (${finalColumns.length} columns)`,
    table,
    up: [...serials.map((q) => createSequenceSql(q)), `CREATE TABLE ${ident(table)} (\n  ${body}\n)`, ...serials.map(ownedBySql), ...commentsOfNewTable(state)],
    down: [`DROP TABLE ${ident(table)}`],
    reversibility: REVERSIBLE("a new table: rollback drops it (refusing if rows were written since, unless --accept-data-loss)"),
    lossChecks: [{ what: `rows in table ${table}`, sql: `SELECT count(*)::bigint AS n FROM ${ident(table)}` }],
  });
  cx.schema = putTable(cx.schema, state);
  if (distribution) {
    citusRefusalsOfNewTable(cx, state, pending);
    distributeStep(cx, item.distribution!.span, table, distribution, constraints.some((c) => c.kind === "foreignKey"));
  }
  for (const el of item.elements) {
    if (el.kind !== "IndexDef") continue;
    const index = checkIndexDef(cx, table, new Map(finalColumns.map((c) => [c.name, c.type])), el, unionNames(relationNames(cx.schema), constraintNames(state)));
    if (index) addIndex(cx, table, index, el);
  }
}

/**
 * The columns of a `create table` in the order written, the constraints they and the table's lines
 * declare (named later by settleConstraints, as PostgreSQL would), and the sequences of its serial
 * and identity columns — put into the schema as they are named, so that each name is free.
 */
function checkNewColumns(cx: MigrationContext, item: A.CreateTable): { columns: ColumnState[]; pending: PendingConstraint[]; sequences: SequenceState[] } {
  const table = item.name.name;
  const columns: ColumnState[] = [];
  const pending: PendingConstraint[] = [];
  const sequences: SequenceState[] = [];
  // A column's check (or generated expression) may read any column of the table, also one declared further down (as in PostgreSQL).
  const defs = item.elements.filter((el): el is A.ColumnDef => el.kind === "ColumnDef");
  const allTypes = new Map(defs.map((el) => [el.name.name, resolveTypeRef(el.type, cx.schema.types, () => undefined)] as const));
  const generated = new Set(defs.filter((el) => el.generated).map((el) => el.name.name));
  const taken = relationNames(cx.schema);
  // The names written on the table's constraints so far (the pending ones not derived).
  const written = new Set<string>();
  for (const el of item.elements) {
    if (el.kind === "ColumnDef") {
      if (columns.some((c) => c.name === el.name.name)) {
        report(cx, "K2006", el.name.span, `column \`${el.name.name}\` is declared twice in \`${table}\``);
        continue;
      }
      if (columns.length === MAX_COLUMNS) fitsColumnLimit(cx, table, defs.length, el.name.span);
      const checked = checkColumnDef(cx, table, el, { types: () => allTypes, generated: () => generated, taken: relationNames(cx.schema) });
      const pkCol = checked.constraints.some((c) => c.state.kind === "primaryKey");
      columns.push(pkCol && checked.column.type.kind !== "null" && checked.column.type.kind !== "error" ? { ...checked.column, type: { ...checked.column.type, nullable: false } as Type } : checked.column);
      for (const c of checked.constraints) pending.push({ ...c, derived: true });
      if (checked.sequence) {
        sequences.push(checked.sequence);
        cx.schema = putSequence(cx.schema, checked.sequence);
      }
    } else if (el.kind === "PrimaryKeyConstraint" || el.kind === "UniqueConstraint" || el.kind === "CheckConstraint" || el.kind === "ForeignKeyConstraint" || el.kind === "ExcludeConstraint") {
      const state = withoutNotValid(cx, table, checkTableConstraint(cx, table, allTypes, el, unionNames(taken, written)), el);
      if (state) pending.push({ state, span: el.span, derived: el.name === null });
      if (state && el.name !== null) written.add(state.name);
    }
  }
  return { columns, pending, sequences };
}

/** A new table's constraint is checked as it is made, `not valid` or not (PostgreSQL ignores it there): a warning, and the constraint is valid. */
function withoutNotValid(cx: MigrationContext, table: string, state: ConstraintState | null, el: A.TableConstraint): ConstraintState | null {
  if (!state || !("notValid" in state) || !state.notValid) return state;
  report(cx, "K4071", el.span, `\`${table}\` is new and has no rows: \`not valid\` skips nothing, and PostgreSQL validates the constraint`, { help: "drop `not valid`; it matters only for `add constraint … not valid` on a table with rows" });
  const { notValid: _ignored, ...valid } = state;
  return valid as ConstraintState;
}

/** K4130, K4131: a new table's keys and foreign keys that Citus would refuse, as its spec distributes it (and the tables it references). */
function citusRefusalsOfNewTable(cx: MigrationContext, t: TableState, pending: readonly PendingConstraint[]): void {
  for (const p of pending) {
    const c = p.state;
    if (c.kind === "primaryKey" || c.kind === "unique") refusedUniqueKey(cx, t, c.columns, c.kind === "primaryKey" ? "a primary key" : "a unique constraint", p.span);
    else if (c.kind === "foreignKey") refusedForeignKey(cx, cx.schema, t.name, c.columns, c.refTable, c.refColumns, p.span);
  }
}

/** Adds an index step and records the index in the model. */
export function addIndex(cx: MigrationContext, table: string, index: IndexState, def: A.IndexDef): void {
  const owner = cx.schema.tables.get(table);
  if (owner && index.unique && refusedUniqueKey(cx, owner, index.columns.map((k) => k.name), "a unique index", def.span)) return;
  addSqlStep(cx, def.span, {
    change: { op: "create-index", ...indexChange(table, index, def.concurrently) },
    summary: `create ${index.unique ? "unique " : ""}index ${index.name} on ${table}${index.method !== "btree" ? ` using ${index.method}` : ""}`,
    table,
    up: [createIndexSql(table, index, def.concurrently)],
    // On a table with rows, rollback drops it CONCURRENTLY after its transaction (core/deferred-undo.ts); IF EXISTS: an undo before it may have taken it with its column.
    down: [lowersOn(cx, table) ? `DROP INDEX CONCURRENTLY IF EXISTS ${ident(index.name)}` : dropIndexSql(index.name, def.concurrently)],
    reversibility: REVERSIBLE("an index holds no data of its own: rollback drops it"),
    transactional: !def.concurrently,
  });
  const t = cx.schema.tables.get(table);
  if (t) cx.schema = putTable(cx.schema, { ...t, indexes: [...t.indexes, index] });
}
