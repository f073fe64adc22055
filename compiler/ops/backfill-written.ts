import type { BackfillStep } from "../../core/plan.js";
import { RANGE_MARKER } from "../../core/plan.js";
import { ident, identList, KMIG_SCHEMA, qualified } from "../sql/quote.js";
import { newStashName, type MigrationContext } from "../migration/context.js";
import type { Assignment } from "../rollback/assignment.js";
import { variesPerCall } from "../expr/volatility.js";

/**
 * Where a backfill whose mappings call `gen_random_uuid()` or `random()` records what it wrote:
 * evaluating such a mapping again gives another value, so rollback's check for rows changed since
 * the migration compares each row with the value written (as text), never with a recomputation.
 */
export interface WrittenLayout {
  readonly table: string;
  readonly targets: readonly string[];
  /** Statements of `prepare` (create the table), of each batch (after the UPDATE), and of the restore (drop it). */
  readonly prepare: readonly string[];
  readonly perBatch: string;
  readonly drop: string;
}

export function writtenLayout(cx: MigrationContext, table: string, key: BackfillStep["key"], assignments: readonly Assignment[]): WrittenLayout | null {
  const targets = assignments.filter((a) => variesPerCall(a.value)).map((a) => a.target);
  if (targets.length === 0 || key.length === 0) return null;
  const name = qualified(KMIG_SCHEMA, newStashName(cx, table, "written"));
  const keys = key.map((k) => k.column);
  const cols = [...key.map((k) => `${ident(k.column)} ${k.sqlType} NOT NULL`), ...targets.map((c) => `${ident(c)} text`)];
  return {
    table: name,
    targets,
    prepare: [`CREATE SCHEMA IF NOT EXISTS ${ident(KMIG_SCHEMA)}`, `CREATE TABLE IF NOT EXISTS ${name} (${cols.join(", ")}, PRIMARY KEY (${identList(keys)}))`],
    // After the batch's UPDATE, in its transaction: the row as written.
    perBatch: `INSERT INTO ${name} (${identList([...keys, ...targets])}) SELECT ${[...keys.map(ident), ...targets.map((c) => `(${ident(c)})::text`)].join(", ")} FROM ${ident(table)} WHERE true ${RANGE_MARKER}`,
    drop: `DROP TABLE IF EXISTS ${name}`,
  };
}

/** The loss check's join and its condition for one recorded column. */
export function writtenJoin(w: WrittenLayout, t: string, key: BackfillStep["key"]): string {
  return ` LEFT JOIN ${w.table} AS w ON ${key.map((k) => `${t}.${ident(k.column)} = w.${ident(k.column)}`).join(" AND ")}`;
}

export const changedSinceWritten = (t: string, column: string) => `(${t}.${ident(column)})::text IS DISTINCT FROM w.${ident(column)}`;
