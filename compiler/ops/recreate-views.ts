import type * as A from "../../grammar/ast.js";
import { addSqlStep, newStashName, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import { ident, KMIG_SCHEMA, qualified } from "../sql/quote.js";
import { dependentViewsSql } from "../../core/dependent-views.js";

/**
 * `recreate views` in a `table t { … }` block: the views and materialized views that read `t`
 * (and the views over those, found in the live catalog when the step runs, declared or not) are
 * dropped before the block's steps and made again after them from the definitions PostgreSQL kept
 * (`pg_get_viewdef`), with their options, owner, comments, column comments and defaults, grants,
 * a materialized view's indexes (refilled: `WITH DATA` when it was populated), triggers and rules.
 * So a type change of a column a view reads — which PostgreSQL refuses while the view exists —
 * can run; a dropped column cannot be made again in a view that reads it (K4090 says so).
 *
 * Both steps keep the definitions in one stash table of kmig's schema. The drop step stashes and
 * drops; the recreate step recreates and drops the stash. Rollback runs the same in the other
 * direction: undoing the recreate stashes the views as they are then and drops them, the block's
 * steps are undone, and undoing the drop makes them again. Between the two steps (each commits on
 * its own) the views do not exist: other sessions reading them fail for that moment.
 */

function stashSql(stash: string, table: string): string {
  return `CREATE TABLE ${qualified(KMIG_SCHEMA, stash)} AS\n${dependentViewsSql(table)}`;
}

/** Drops the stashed views, those over others first. */
function dropSql(stash: string): string {
  return `DO $kmig$ DECLARE r record; BEGIN FOR r IN SELECT drop_sql FROM ${qualified(KMIG_SCHEMA, stash)} ORDER BY depth DESC, name LOOP EXECUTE r.drop_sql; END LOOP; END $kmig$`;
}

/** Makes the stashed views again, those others read first. */
function recreateSql(stash: string): string {
  return `DO $kmig$ DECLARE r record; s text; BEGIN FOR r IN SELECT create_sql FROM ${qualified(KMIG_SCHEMA, stash)} ORDER BY depth, name LOOP FOREACH s IN ARRAY r.create_sql LOOP EXECUTE s; END LOOP; END LOOP; END $kmig$`;
}

/** The views' stash for this block: made by `dropViewsStep`, used by `recreateViewsStep`. */
export function viewsStash(cx: MigrationContext, table: string): string {
  return newStashName(cx, table, "views");
}

/** Before the block's steps: keep the definitions of the views over `table`, and drop them. */
export function dropViewsStep(cx: MigrationContext, table: string, stash: string, span: A.Span): void {
  addSqlStep(cx, span, {
    change: { op: "drop-views", table, stash },
    summary: `drop the views over ${table} (recreate views)`,
    table,
    up: [`CREATE SCHEMA IF NOT EXISTS ${ident(KMIG_SCHEMA)}`, stashSql(stash, table), dropSql(stash)],
    down: [recreateSql(stash), `DROP TABLE ${qualified(KMIG_SCHEMA, stash)}`],
    reversibility: REVERSIBLE("rollback makes the views again from the definitions kept"),
  });
}

/** After the block's steps: make the views again from their kept definitions. */
export function recreateViewsStep(cx: MigrationContext, table: string, stash: string, span: A.Span): void {
  addSqlStep(cx, span, {
    change: { op: "recreate-views", table, stash },
    summary: `recreate the views over ${table}`,
    table,
    up: [recreateSql(stash), `DROP TABLE ${qualified(KMIG_SCHEMA, stash)}`],
    down: [stashSql(stash, table), dropSql(stash)],
    reversibility: REVERSIBLE("rollback drops the views again, keeping their definitions, before undoing the block"),
  });
}

/** K2022: `recreate views` or `triggers fire` written twice in one block; true for the first. */
export function firstOption(cx: MigrationContext, item: A.AlterTable, action: A.TableOption): boolean {
  const first = item.actions.find((a) => a.kind === "TableOption" && a.option === action.option);
  if (first === action) return true;
  report(cx, "K2022", action.span, `\`${action.option}\` is written twice in the block of \`${item.name.name}\``, { help: "keep one line" });
  return false;
}
