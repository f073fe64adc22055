import { refusedDistributionColumnChange } from "./citus-rules.js";
import type * as A from "../../grammar/ast.js";
import type { RestoreCheck, Reversibility } from "../../core/plan.js";
import { checkExpr } from "../expr/check-expr.js";
import { checkFits } from "../expr/fits.js";
import { restoreCheck } from "./restore-check.js";
import { lowerSql } from "../expr/lower-sql.js";
import { sqlType, type Type } from "../../core/types.js";
import { getColumn, ownedSequences, primaryKey, putTable, referencingTables, removeSequence, type ColumnState, type TableState } from "../model/schema.js";
import type { SequenceState } from "../model/sequence.js";
import { columnsRead } from "../ir/expr.js";
import { createSequenceSql, identitySql, ownedBySql } from "./column-sequence.js";
import { stashSequences } from "./sequence-stash.js";
import { ident, identList, KMIG_SCHEMA, qualified } from "../sql/quote.js";
import { addSqlStep, lineOf, newStashName, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import { columnTypes, rowScope } from "../migration/scopes.js";
import { columnSql } from "./column-def.js";
import { addConstraintSql, createIndexSql } from "./constraint-sql.js";
import { constraintColumns, indexColumns } from "./predicate.js";
import { columnComments } from "./comments.js";
import { externalDependents } from "./external.js";

/**
 * `drop col [reverse e | irreversible 'why']`. PostgreSQL drops every constraint and index that
 * depends on the column (key columns, check expressions, partial-index predicates) and the
 * sequences it owns (a serial's, an identity's); rollback re-adds the column, fills it — from a
 * stash keyed by primary key, or by the declared reverse; a generated column is computed again —
 * and gives back its default, NOT NULL, identity, sequences (at the value they had), constraints,
 * indexes and comment.
 */
export function dropColumnStep(cx: MigrationContext, table: string, column: string, inverse: A.StepInverse | null, span: A.Span): void {
  const t = cx.schema.tables.get(table) as TableState;
  const col = getColumn(t, column) as ColumnState;
  if (refusedDistributionColumnChange(cx, t, column, "dropped", span)) return;
  if (referencedElsewhere(cx, t, column, span) || readByGenerated(cx, t, column, span) || externalDependents(cx, span, table, column, "dropped")) return;
  const lostConstraints = t.constraints.filter((c) => constraintColumns(c).includes(column));
  const lostIndexes = t.indexes.filter((i) => indexColumns(i).includes(column));
  const owned = ownedSequences(cx.schema, table, column);
  const rest: TableState = { ...t, columns: t.columns.filter((c) => c.name !== column), constraints: t.constraints.filter((c) => !lostConstraints.includes(c)), indexes: t.indexes.filter((i) => !lostIndexes.includes(i)) };
  const drop = `ALTER TABLE ${ident(table)} DROP COLUMN ${ident(column)}`;
  // What follows the column's values on rollback: its constraints, indexes and comment.
  const dependents = [...lostConstraints.map((c) => addConstraintSql(table, c)), ...lostIndexes.map((i) => createIndexSql(table, i)), ...columnComments(table, [col])];
  const stash = stashSequences(cx, table, `${column}_seq`, inverse?.kind === "IrreversibleClause" || col.generated ? [] : owned);
  const parts = { before: owned.filter((q) => !q.identity).map((q) => createSequenceSql(q, true)), restore: [...columnParts(table, col, owned, cx.schema.sequences), ...stash.restore, ...dependents] };
  const readd = `ALTER TABLE ${ident(table)} ADD COLUMN ${columnSql({ ...col, type: { ...col.type, nullable: true } as Type, generated: null }, cx.schema.sequences, false)}`;
  let plan: { up: string[]; down: string[] | null; reversibility: Reversibility; restoreChecks?: RestoreCheck[] };
  if (inverse?.kind === "IrreversibleClause") {
    plan = { up: [drop], down: null, reversibility: { kind: "irreversible", why: `declared irreversible: ${inverse.reason.value}` } };
  } else if (col.generated) {
    plan = { up: [drop], down: [`ALTER TABLE ${ident(table)} ADD COLUMN ${columnSql(col, cx.schema.sequences)}`, ...dependents], reversibility: REVERSIBLE("a generated column: rollback adds it again and PostgreSQL computes every value from its row") };
  } else if (inverse?.kind === "ReverseClause") {
    // The reverse reads the row as this step leaves it: the table without the column.
    const g = checkFits(checkExpr(inverse.expr, rowScope(cx, table, columnTypes(rest))), { what: `the reverse of \`${table}.${column}\``, type: col.type, types: cx.schema.types }, cx.file, cx.diags, inverse.expr.span);
    const value = lowerSql(g, { column: (c) => ident(c), maps: cx.maps });
    plan = { up: [drop], down: [...parts.before, readd, `UPDATE ${ident(table)} SET ${ident(column)} = ${value}`, ...parts.restore], reversibility: { kind: "lossy", why: `\`${column}\` comes back through the declared reverse (not checked to be exact)` } };
    // A NOT NULL column comes back NOT NULL: rows (written since) where the reverse gives NULL would stop the rollback half-way.
    if (col.type.kind !== "null" && col.type.kind !== "error" && !col.type.nullable) {
      plan.restoreChecks = [restoreCheck(rest, `(${value}) IS NULL`, `would get NULL from the declared reverse of ${table}.${column}, which comes back NOT NULL`, "fill the columns the reverse reads for them, or make the reverse give a value for every row")];
    }
  } else {
    plan = stashedDrop(cx, t, col, span, drop, [...parts.before, readd], parts.restore);
  }
  if (plan.down) plan = { ...plan, up: [...stash.keep, ...plan.up], down: [...plan.down, ...stash.cleanup] };
  addSqlStep(cx, span, { change: { op: "drop-column", table, column, sequences: owned.map((q) => q.name) }, summary: `drop column ${table}.${column}${owned.length > 0 ? ` (and its sequence ${owned.map((q) => q.name).join(", ")})` : ""}`, table, ...plan });
  const dropped = cx.dropped.get(table) ?? new Map<string, string>();
  dropped.set(column, lineOf(cx, span));
  cx.dropped.set(table, dropped);
  let next = putTable(cx.schema, rest);
  for (const q of owned) next = removeSequence(next, q.name);
  cx.schema = next;
}

/**
 * What makes a re-added, refilled column what it was: its default, NOT NULL, identity, and the
 * ownership of its sequences (recreated before it, see `before`).
 */
function columnParts(table: string, col: ColumnState, owned: readonly SequenceState[], sequences: ReadonlyMap<string, SequenceState>): string[] {
  const alter = `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(col.name)}`;
  const seq = col.identity ? sequences.get(col.identity.sequence) : undefined;
  return [
    ...(col.default ? [`${alter} SET DEFAULT ${col.default.sql}`] : []),
    ...(col.type.kind !== "null" && col.type.kind !== "error" && !col.type.nullable ? [`${alter} SET NOT NULL`] : []),
    ...(col.identity && seq ? [`${alter} ADD${identitySql(col.identity, seq)}`] : []),
    ...owned.filter((q) => !q.identity).map(ownedBySql),
  ];
}

/** A column a generated column reads cannot be dropped (PostgreSQL refuses without CASCADE): reported, true. */
function readByGenerated(cx: MigrationContext, t: TableState, column: string, span: A.Span): boolean {
  const readers = t.columns.filter((c) => c.generated && columnsRead(c.generated.expr).has(column)).map((c) => c.name);
  if (readers.length === 0) return false;
  report(cx, "K4015", span, `\`${t.name}.${column}\` is read by the generated column${readers.length === 1 ? "" : "s"} ${readers.join(", ")}`, { help: "drop the generated column first, or compute it without this column" });
  return true;
}

/** The default: the values are kept in a stash keyed by primary key and put back on rollback. */
function stashedDrop(cx: MigrationContext, t: TableState, col: ColumnState, span: A.Span, drop: string, readd: string[], restore: string[]): { up: string[]; down: string[] | null; reversibility: Reversibility } {
  const table = t.name;
  const column = col.name;
  const stash = newStashName(cx, table, column);
  const reversibility: Reversibility = { kind: "stash", why: `the values of \`${column}\` are kept in ${KMIG_SCHEMA}.${stash} and restored on rollback` };
  const pk = primaryKey(t);
  if (!pk) {
    report(cx, "K4006", span, `table \`${table}\` has no primary key, so the values of \`${column}\` cannot be kept for rollback`, { help: `add a primary key first, or write \`drop ${column} irreversible 'why'\`` });
    return { up: [drop], down: null, reversibility };
  }
  const s = qualified(KMIG_SCHEMA, stash);
  const keyCols = pk.map((k) => `${ident(k)} ${sqlType((getColumn(t, k) as ColumnState).type)} NOT NULL`);
  const join = pk.map((k) => `${ident(table)}.${ident(k)} = s.${ident(k)}`).join(" AND ");
  return {
    up: [
      `CREATE SCHEMA IF NOT EXISTS ${ident(KMIG_SCHEMA)}`,
      `CREATE TABLE ${s} (${keyCols.join(", ")}, ${ident(column)} ${sqlType(col.type)}, PRIMARY KEY (${identList(pk)}))`,
      `INSERT INTO ${s} SELECT ${identList(pk)}, ${ident(column)} FROM ${ident(table)} WHERE ${ident(column)} IS NOT NULL`,
      drop,
    ],
    down: [...readd, `UPDATE ${ident(table)} SET ${ident(column)} = s.${ident(column)} FROM ${s} AS s WHERE ${join}`, ...restore, `DROP TABLE ${s}`],
    reversibility,
  };
}

/** A column that a foreign key references cannot be dropped (PostgreSQL refuses without CASCADE): reported, true. */
function referencedElsewhere(cx: MigrationContext, t: TableState, column: string, span: A.Span): boolean {
  const refs = referencingTables(cx.schema, t.name).flatMap((other) =>
    other.constraints.filter((c) => c.kind === "foreignKey" && c.refTable === t.name && c.refColumns.includes(column) && !(other.name === t.name && c.columns.includes(column))).map((c) => `${other.name} (${c.name})`),
  );
  if (refs.length === 0) return false;
  report(cx, "K4015", span, `\`${t.name}.${column}\` is referenced by the foreign key${refs.length === 1 ? "" : "s"} ${refs.join(", ")}`, { help: "drop those foreign keys first: `table other { drop constraint name }`" });
  return true;
}
