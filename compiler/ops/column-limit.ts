import type * as A from "../../grammar/ast.js";
import { report, type MigrationContext } from "../migration/context.js";

/** PostgreSQL's MaxHeapAttributeNumber: no table has more columns. */
export const MAX_COLUMNS = 1600;

/** Whether `table` may have `count` columns; reports K2021 at `span` when not. */
export function fitsColumnLimit(cx: MigrationContext, table: string, count: number, span: A.Span): boolean {
  if (count <= MAX_COLUMNS) return true;
  report(cx, "K2021", span, `table \`${table}\` would have ${count} columns: PostgreSQL allows at most ${MAX_COLUMNS.toLocaleString("en")}`, {
    help: "split the table, or move groups of columns into a jsonb column; PostgreSQL counts dropped columns too until the table is rewritten",
  });
  return false;
}
