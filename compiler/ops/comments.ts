import type * as A from "../../grammar/ast.js";
import { getColumn, putTable, replaceColumn, type ColumnState, type TableState } from "../model/schema.js";
import { ident, literal } from "../sql/quote.js";
import { addSqlStep, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";

/**
 * Comments on tables and columns (PostgreSQL's `COMMENT ON`): part of the schema, so a baseline
 * written in kmig matches a database that has them, and rollback puts back the comment that was.
 */

/** `COMMENT ON TABLE "t" IS '…'` (or `IS NULL`, which removes it). */
export function tableCommentSql(table: string, text: string | null): string {
  return `COMMENT ON TABLE ${ident(table)} IS ${text === null ? "NULL" : literal(text)}`;
}

/** `COMMENT ON COLUMN "t"."c" IS '…'` (or `IS NULL`). */
export function columnCommentSql(table: string, column: string, text: string | null): string {
  return `COMMENT ON COLUMN ${ident(table)}.${ident(column)} IS ${text === null ? "NULL" : literal(text)}`;
}

/** The comments a new table and its columns carry, as statements run after CREATE TABLE. */
export function commentsOfNewTable(t: TableState): string[] {
  return [...(t.comment === null ? [] : [tableCommentSql(t.name, t.comment)]), ...columnComments(t.name, t.columns)];
}

/** `COMMENT ON COLUMN` for each of `columns` that has a comment. */
export function columnComments(table: string, columns: readonly ColumnState[]): string[] {
  return columns.flatMap((c) => (c.comment === null ? [] : [columnCommentSql(table, c.name, c.comment)]));
}

/** The comment a `create table` block gives its table: its `comment '…'` line (one at most, reported). */
export function tableComment(cx: MigrationContext, elements: readonly A.TableElement[]): string | null {
  const lines = elements.filter((e): e is A.TableComment => e.kind === "TableComment");
  for (const extra of lines.slice(1)) report(cx, "K2022", extra.span, "a table has one comment; this is a second `comment` line", { help: "keep one `comment '…'` line" });
  return lines[0]?.text?.value ?? null;
}

/** `comment '…'` / `comment null` in a `table` block: the table's comment changes; rollback puts the old one back. */
export function tableCommentStep(cx: MigrationContext, t: TableState, c: A.TableComment): void {
  const text = c.text?.value ?? null;
  addSqlStep(cx, c.span, {
    change: { op: "comment-table", table: t.name, comment: text },
    summary: text === null ? `remove the comment of table ${t.name}` : `comment on table ${t.name}: ${literal(text)}`,
    table: t.name,
    up: [tableCommentSql(t.name, text)],
    down: [tableCommentSql(t.name, t.comment)],
    reversibility: REVERSIBLE(t.comment === null ? "the table had no comment: rollback removes it" : "rollback puts the previous comment back"),
  });
  cx.schema = putTable(cx.schema, { ...t, comment: text });
}

/** `alter c comment '…'` / `alter c comment null`: the column's comment changes; rollback puts the old one back. */
export function columnCommentStep(cx: MigrationContext, t: TableState, column: string, c: A.SetComment): void {
  const col = getColumn(t, column) as ColumnState;
  const text = c.text?.value ?? null;
  addSqlStep(cx, c.span, {
    change: { op: "comment-column", table: t.name, column, comment: text },
    summary: text === null ? `remove the comment of column ${t.name}.${column}` : `comment on column ${t.name}.${column}: ${literal(text)}`,
    table: t.name,
    up: [columnCommentSql(t.name, column, text)],
    down: [columnCommentSql(t.name, column, col.comment)],
    reversibility: REVERSIBLE(col.comment === null ? "the column had no comment: rollback removes it" : "rollback puts the previous comment back"),
  });
  cx.schema = putTable(cx.schema, replaceColumn(t, column, { ...col, comment: text }));
}
