import type * as A from "../../grammar/ast.js";
import { NO_NAMES, type Collector, type ColumnAt, type ExprScope, type TableAt } from "./collector.js";
import { exprNames } from "./expr-names.js";

/** `create table t { … }`: the table and its columns are created here; its constraints and checks read them. */
export function createTableNames(c: Collector, item: A.CreateTable): void {
  const t: TableAt = { ...c.declare("table", item.name, "created"), columns: new Map() };
  c.tables.set(item.name.name, t);
  for (const e of item.elements) {
    if (e.kind !== "ColumnDef" || t.columns.has(e.name.name)) continue;
    const at = c.declare("column", e.name, "created", t.id);
    t.columns.set(e.name.name, at);
    c.setColumnType(at.id, e.type);
  }
  const row: ExprScope = { old: t.columns, new: t.columns, newByDefault: true, params: null };
  for (const e of item.elements) {
    if (e.kind === "ColumnDef") columnDefNames(c, e, row);
    else elementNames(c, t, e, row);
  }
  c.blocks.push({ span: item.span, unit: c.unit, table: t.id, tableName: item.name.name, before: [], after: [...t.columns.keys()], types: typesOf(c, t) });
}

/** A column definition's type, default and constraints (the column itself is declared by the caller). */
function columnDefNames(c: Collector, d: A.ColumnDef, row: ExprScope): void {
  exprNames(c, d.type, NO_NAMES);
  if (d.default) exprNames(c, d.default, NO_NAMES);
  // A generated column's expression reads the other columns of its row.
  if (d.generated) exprNames(c, d.generated.expr, row);
  for (const m of d.constraints) {
    if (m.kind === "ReferencesMark") referenceNames(c, m.table, m.column ? [m.column] : []);
    else if (m.kind === "CheckMark") exprNames(c, m.expr, row);
  }
}

/** A foreign key's target: the table, and columns of it. */
function referenceNames(c: Collector, table: A.Ident, columns: readonly A.Ident[]): void {
  const target = c.useTable(table);
  for (const col of columns) c.use(target?.columns.get(col.name), col);
}

/** Constraints, indexes and expects of a table: their column lists and expressions. */
function elementNames(c: Collector, t: TableAt, e: A.TableElement | A.TableConstraint, row: ExprScope): void {
  switch (e.kind) {
    case "PrimaryKeyConstraint":
    case "UniqueConstraint":
      for (const col of e.columns) c.use(t.columns.get(col.name), col);
      return;
    case "ForeignKeyConstraint":
      for (const col of e.columns) c.use(t.columns.get(col.name), col);
      referenceNames(c, e.refTable, e.refColumns);
      return;
    case "IndexDef":
      for (const col of e.columns) c.use(t.columns.get(col.name.name), col.name);
      if (e.where) exprNames(c, e.where, row);
      return;
    default:
      exprNames(c, e, row);
  }
}

/** What a `table` block builds after its renames and adds. */
type Later = A.AddConstraint | A.IndexDef | A.ExpectClause;

/**
 * `table t { … }`: actions use and rename columns in order; mappings read the old row (the
 * columns as the block found them), expects and reverses the new one; constraints and indexes are
 * built after the block's renames and adds, drops happen last.
 */
export function alterTableNames(c: Collector, item: A.AlterTable): void {
  const t = c.useTable(item.name);
  if (!t) {
    for (const a of item.actions) exprNames(c, a, NO_NAMES);
    return;
  }
  const old = new Map(t.columns);
  const oldRow: ExprScope = { old, new: null, newByDefault: false, params: null };
  const later: Later[] = [];
  const drops: { name: string; span: A.Span; at: ColumnAt }[] = [];
  for (const a of item.actions) {
    const dropped = actionNames(c, t, a, oldRow, later);
    if (dropped) drops.push(dropped);
  }
  const built: ExprScope = { old, new: t.columns, newByDefault: true, params: null };
  for (const a of later) if (a.kind !== "ExpectClause") elementNames(c, t, a.kind === "AddConstraint" ? a.constraint : a, built);
  for (const d of drops) {
    if (t.columns.get(d.name) !== d.at) continue;
    t.columns.delete(d.name);
    c.drop(d.at.id, d.span);
  }
  const after: ExprScope = { old, new: t.columns, newByDefault: true, params: null };
  for (const a of later) if (a.kind === "ExpectClause") exprNames(c, a, after);
  for (const a of item.actions) if ("inverse" in a && a.inverse?.kind === "ReverseClause") exprNames(c, a.inverse.expr, after);
  c.blocks.push({ span: item.span, unit: c.unit, table: t.id, tableName: item.name.name, before: [...old.keys()], after: [...t.columns.keys()], types: typesOf(c, t) });
}

/** One action of a `table` block; returns the column it drops (dropped at the end of the block). */
function actionNames(c: Collector, t: TableAt, a: A.TableAction, oldRow: ExprScope, later: Later[]): { name: string; span: A.Span; at: ColumnAt } | null {
  switch (a.kind) {
    case "AddColumn": {
      if (!t.columns.has(a.column.name.name)) {
        const at = c.declare("column", a.column.name, "added", t.id);
        t.columns.set(a.column.name.name, at);
        c.setColumnType(at.id, a.column.type);
      }
      columnDefNames(c, a.column, { ...oldRow, new: t.columns });
      if (a.compute) exprNames(c, a.compute, oldRow);
      return null;
    }
    case "RenameColumn": {
      const at = t.columns.get(a.from.name);
      c.use(at, a.from);
      if (at && !t.columns.has(a.to.name)) {
        t.columns.delete(a.from.name);
        t.columns.set(a.to.name, { id: at.id, naming: c.rename(at.id, a.to, "renamed") });
      }
      if (a.default) exprNames(c, a.default, NO_NAMES);
      if (a.compute) exprNames(c, a.compute, oldRow);
      return null;
    }
    case "DropColumn": {
      const at = t.columns.get(a.name.name);
      c.use(at, a.name);
      return at ? { name: a.name.name, span: a.span, at } : null;
    }
    case "AlterColumn": {
      const at = t.columns.get(a.name.name);
      c.use(at, a.name);
      if (a.change.kind === "SetType" && at) c.setColumnType(at.id, a.change.type, a.change.type.nullable || c.symbols[at.id].declaredType?.endsWith("?"));
      if (a.change.kind === "SetType") {
        exprNames(c, a.change.type, NO_NAMES);
        if (a.change.using) exprNames(c, a.change.using, oldRow);
      } else if (a.change.kind === "SetDefault") exprNames(c, a.change.expr, NO_NAMES);
      return null;
    }
    case "AssignColumn":
      c.use(t.columns.get(a.target.name), a.target);
      exprNames(c, a.value, oldRow);
      return null;
    case "AddConstraint":
    case "IndexDef":
    case "ExpectClause":
      later.push(a);
      return null;
    case "DropConstraint":
    case "DropIndex":
    case "Allow":
      return null;
    default:
      exprNames(c, a, oldRow);
      return null;
  }
}

/** Each column's type name as the block leaves it. */
function typesOf(c: Collector, t: TableAt): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, at] of t.columns) {
    const type = c.columnTypes.get(at.id);
    if (type !== undefined) out.set(name, type);
  }
  return out;
}
