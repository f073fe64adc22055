import { getTable, type TableState } from "../model/schema.js";
import { finding, say, type Finding, type Rule } from "./finding.js";
import { blocksNote, lockPhrase } from "./claim-words.js";
import type { LintOp } from "./operations.js";

/**
 * Index builds and drops on tables that have rows. K5001: `CREATE INDEX` without CONCURRENTLY
 * holds SHARE (writes blocked) for the whole build; rollback rebuilds a dropped index that way
 * whatever the spec said. K5002: `DROP INDEX` without CONCURRENTLY takes ACCESS EXCLUSIVE.
 * K5020: a foreign key this migration adds whose columns lead no index.
 */
export const indexRules: Rule = (ops, cx) => ops.flatMap((op) => [...notConcurrent(op, cx.server.pgVersion), ...fkWithoutIndex(op)]);

function notConcurrent(op: LintOp, pg: number): Finding[] {
  const s = op.statement;
  if (op.newTable || op.table === null) return [];
  // Rollback runs a statement in its transaction, CONCURRENTLY removed, unless it defers it (then it builds CONCURRENTLY after the commit: not reported).
  if (s.kind === "create-index" && (op.direction === "down" ? !op.deferred : !s.concurrently)) {
    return [finding("K5001", op, say(op, `building index \`${s.index}\` without CONCURRENTLY ${lockPhrase("create-index", s.table, pg)}`, `rebuilds index \`${s.index}\` without CONCURRENTLY: it ${lockPhrase("create-index", s.table, pg)}`), op.direction === "up" ? `write \`concurrently\` after the index name: CREATE INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE, which lets reads and writes go on` : `rebuild it with \`kmig apply\` of a migration that adds it \`concurrently\`, or acknowledge with \`allow K5001 '…'\` when the table is small`, [blocksNote("create-index", pg), ...keptNote(op)])];
  }
  // A rollback's DROP INDEX (the undo of an index this migration built) is a catalog change under kmig's lock_timeout: not reported.
  if (s.kind === "drop-index" && !s.concurrently && op.direction === "up") {
    return [finding("K5002", op, `dropping index \`${s.index}\` without CONCURRENTLY ${lockPhrase("drop-index", op.table, pg)}`, "write `drop index … concurrently`: DROP INDEX CONCURRENTLY takes SHARE UPDATE EXCLUSIVE, which lets reads and writes go on", [blocksNote("drop-index", pg)])];
  }
  return [];
}

/** Why a rollback keeps in its transaction an undo it would otherwise run after it (core/deferred-undo.ts). */
export function keptNote(op: LintOp): string[] {
  return op.keptBy ? [`kmig runs it after the rollback's transaction only when no undo that comes after it needs it first: here the undo of \`${op.keptBy.summary}\` (line ${op.keptBy.origin.line}) does`] : [];
}

/** K5020: a foreign key added (up) whose columns are not the leading columns of an index of its table. */
function fkWithoutIndex(op: LintOp): Finding[] {
  if (op.direction !== "up") return [];
  const s = op.statement;
  // Indexes the migration adds after the key count (a create table's come as steps of their own).
  const t = op.table === null ? undefined : getTable(op.unit.after, op.table) ?? getTable(op.after, op.table);
  if (!t) return [];
  const fks = s.kind === "add-constraint" && s.type === "foreign-key" ? t.constraints.filter((c) => c.kind === "foreignKey" && c.name === s.constraint) : s.kind === "create-table" ? t.constraints.filter((c) => c.kind === "foreignKey") : [];
  return fks.flatMap((c) => {
    if (c.kind !== "foreignKey" || leadsAnIndex(t, c.columns)) return [];
    return [finding("K5020", op, `foreign key \`${c.name}\` on \`${t.name}\` (${c.columns.join(", ")}) has no index that starts with its columns: every DELETE or key UPDATE on \`${c.refTable}\` scans \`${t.name}\``, `add \`index ${t.name}_${c.columns.join("_")}_idx (${c.columns.join(", ")}) concurrently\` (on a new table, without concurrently)`, ["without it, deleting a parent row reads the whole child table under a ROW SHARE lock, once per row deleted"])];
  });
}

/** Whether some index, primary key or unique constraint of `t` has `columns` as its leading columns (in any order). */
export function leadsAnIndex(t: TableState, columns: readonly string[]): boolean {
  const keys: (readonly string[])[] = [...t.indexes.filter((i) => i.whereSql === null).map((i) => i.columns.map((k) => k.name)), ...t.constraints.flatMap((c) => (c.kind === "primaryKey" || c.kind === "unique" ? [c.columns] : []))];
  const want = new Set(columns);
  return keys.some((k) => k.length >= columns.length && k.slice(0, columns.length).every((c) => want.has(c)));
}
