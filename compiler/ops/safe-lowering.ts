import type * as A from "../../grammar/ast.js";
import type { RestoreCheck, Reversibility } from "../../core/plan.js";
import { chooseName } from "../model/naming.js";
import { allConstraintNames, getColumn, type ColumnState, type ConstraintState, type IndexState } from "../model/schema.js";
import { ident } from "../sql/quote.js";
import { addSqlStep, createdHere, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import { quotedInSteps } from "../migration/step-index.js";
import { addConstraintSql, createIndexSql, dropConstraintSql } from "./constraint-sql.js";
import { constraintChange, indexChange } from "./change-data.js";
import type { ConstraintChange } from "../../core/plan-change.js";

/**
 * Safe lowerings: on a table that had rows before this migration, kmig writes a constraint and a
 * NOT NULL so that the strong lock is held only for a catalog change, and the scan of every row
 * runs under a lock that blocks neither reads nor writes — in a step (a transaction) of its own.
 * A table created in the same migration has no rows: it gets the plain statements. Each step has
 * an exact inverse, so that rollback, and undoing a failed run, leave the table as it was.
 *
 * - a check or foreign key: `ADD … NOT VALID`, then `VALIDATE CONSTRAINT` (SHARE UPDATE EXCLUSIVE);
 * - a unique constraint or primary key: `CREATE UNIQUE INDEX CONCURRENTLY`, then `ADD … USING INDEX`
 *   (nullable key columns first proven non-null as below);
 * - SET NOT NULL: `CHECK (c IS NOT NULL) NOT VALID`, `VALIDATE`, then `SET NOT NULL`, which
 *   PostgreSQL 12+ does without scanning when a valid check proves it; the helper check is dropped.
 */

/** Whether `table` had rows before this migration (and so gets the safe forms). */
export function lowersOn(cx: MigrationContext, table: string): boolean {
  return !cx.baseline && !createdHere(cx, table);
}

type Validated = ConstraintState & { kind: "check" | "foreignKey" };
type Keyed = ConstraintState & { kind: "unique" | "primaryKey" };

/** Why each lowering is there, as `kmig explain` shows it (and the safety lint it makes unnecessary). */
const WHY = {
  check: "lowered (instead of K5006): added NOT VALID, a brief ACCESS EXCLUSIVE lock and no scan; the next step validates the rows",
  foreignKey: "lowered (instead of K5005): added NOT VALID, a brief SHARE ROW EXCLUSIVE lock on both tables and no scan; the next step validates the rows",
  validate: "lowered: validating scans every row under SHARE UPDATE EXCLUSIVE, which blocks neither reads nor writes, in a transaction of its own",
  index: "lowered (instead of K5003/K5004): the index is built CONCURRENTLY (SHARE UPDATE EXCLUSIVE, reads and writes go on); the next step makes it the constraint",
  usingIndex: "lowered: the constraint takes over the index built by the step before (USING INDEX): a brief ACCESS EXCLUSIVE lock, no scan",
  notNullCheck: "lowered (instead of K5007): a helper CHECK (… IS NOT NULL) added NOT VALID (brief lock, no scan); the next step validates it",
  notNull: "lowered: a valid CHECK (… IS NOT NULL) proves the column has no NULL, so PostgreSQL 12+ sets NOT NULL without scanning; the helper check is dropped",
} as const;

/** `add check` / `add foreign key` on a table with rows: NOT VALID, then VALIDATE in its own step. */
export function validatedConstraintSteps(cx: MigrationContext, table: string, c: Validated, span: A.Span, summary: string): void {
  addSqlStep(cx, span, {
    change: { op: "add-constraint", table, constraint: constraintChange({ ...c, notValid: true }) },
    summary: `${summary} (not valid; validated by the next step)`,
    table,
    up: [addConstraintSql(table, { ...c, notValid: true })],
    down: [dropConstraintSql(table, c.name)],
    reversibility: REVERSIBLE("a constraint holds no data: rollback drops it"),
    lowering: WHY[c.kind],
  });
  validateStep(cx, table, validatedChange(c), span, "rollback drops the constraint (the step before)");
}

/** A check's or foreign key's change, as validated. */
function validatedChange(c: Validated): ConstraintChange {
  const { notValid: _was, ...valid } = c;
  return constraintChange(valid as ConstraintState);
}

/** `VALIDATE CONSTRAINT`, whose rollback is the step before's (which drops the constraint). */
function validateStep(cx: MigrationContext, table: string, constraint: ConstraintChange, span: A.Span, why: string, summary = `validate constraint ${constraint.name} on ${table}`): void {
  addSqlStep(cx, span, {
    change: { op: "validate-constraint", table, constraint },
    summary,
    table,
    up: [`ALTER TABLE ${ident(table)} VALIDATE CONSTRAINT ${ident(constraint.name)}`],
    down: [],
    reversibility: REVERSIBLE(why),
    lowering: WHY.validate,
  });
}

/**
 * `add unique (…)` / `add primary key (…)` on a table with rows: the unique index built
 * CONCURRENTLY (outside a transaction), then `ADD CONSTRAINT … USING INDEX`. A primary key's
 * nullable columns are first proven non-null by validated helper checks, dropped with it.
 */
export function keyConstraintSteps(cx: MigrationContext, table: string, c: Keyed, span: A.Span, summary: string): void {
  const index: IndexState = {
    name: c.name,
    columns: c.columns.map((name) => ({ name, descending: false })),
    unique: true,
    method: "btree",
    whereSql: null,
    where: null,
    ...(c.include && { include: c.include }),
    ...(c.with && { with: c.with }),
    ...(c.kind === "unique" && c.nullsNotDistinct && { nullsNotDistinct: true }),
  };
  addSqlStep(cx, span, {
    change: { op: "create-index", ...indexChange(table, index, true) },
    summary: `create unique index ${c.name} on ${table} concurrently (for the ${c.kind === "primaryKey" ? "primary key" : "unique constraint"} of the next step)`,
    table,
    up: [createIndexSql(table, index, true)],
    // After the next step's rollback dropped the constraint, the index is gone with it.
    down: [`DROP INDEX CONCURRENTLY IF EXISTS ${ident(c.name)}`],
    reversibility: REVERSIBLE("an index holds no data of its own: rollback drops it"),
    transactional: false,
    lowering: WHY.index,
  });
  const t = cx.schema.tables.get(table);
  const nullable = c.kind === "primaryKey" && t ? c.columns.filter((n) => isNullable(getColumn(t, n))) : [];
  const helpers = nullable.map((column) => provenNotNull(cx, table, column, span));
  const deferral = c.deferrable ? ` DEFERRABLE${c.initiallyDeferred ? " INITIALLY DEFERRED" : ""}` : "";
  addSqlStep(cx, span, {
    change: { op: "add-constraint", table, constraint: { ...constraintChange(c), usingIndex: true } as ConstraintChange },
    summary: `${summary} using index ${c.name}`,
    table,
    up: [`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(c.name)} ${c.kind === "primaryKey" ? "PRIMARY KEY" : "UNIQUE"} USING INDEX ${ident(c.name)}${deferral}`, ...helpers.map((h) => dropConstraintSql(table, h))],
    // The key's index goes with it; columns the primary key made NOT NULL allow NULL again.
    down: [dropConstraintSql(table, c.name), ...nullable.map((n) => `ALTER TABLE ${ident(table)} ALTER COLUMN ${ident(n)} DROP NOT NULL`)],
    reversibility: REVERSIBLE(`a constraint holds no data: rollback drops it${nullable.length > 0 ? ` and lets ${nullable.join(", ")} hold NULL again` : ""}`),
    lowering: WHY.usingIndex,
  });
}

function isNullable(col: ColumnState | undefined): boolean {
  return col !== undefined && col.type.kind !== "null" && col.type.kind !== "error" && col.type.nullable;
}

/**
 * A helper `CHECK (column IS NOT NULL)` added NOT VALID and validated, two steps; returns its
 * name, for the step that relies on it to drop. Its first step's rollback drops it if it is
 * still there.
 */
function provenNotNull(cx: MigrationContext, table: string, column: string, span: A.Span): string {
  const taken = allConstraintNames(cx.schema);
  const name = chooseName(table, [column], "kmig_not_null", (n) => taken.has(n) || quotedInSteps(cx.stepIndex, cx.steps, n));
  const check: ConstraintState = { kind: "check", name, columns: [column], sql: `${ident(column)} IS NOT NULL`, expr: null };
  addSqlStep(cx, span, {
    change: { op: "add-constraint", table, constraint: constraintChange({ ...check, notValid: true }) },
    summary: `add check ${name} on ${table} (not valid; proves ${column} NOT NULL for a later step)`,
    table,
    up: [`ALTER TABLE ${ident(table)} ADD CONSTRAINT ${ident(name)} CHECK (${ident(column)} IS NOT NULL) NOT VALID`],
    down: [`ALTER TABLE ${ident(table)} DROP CONSTRAINT IF EXISTS ${ident(name)}`],
    reversibility: REVERSIBLE("a helper constraint: rollback drops it if it is still there"),
    lowering: WHY.notNullCheck,
  });
  validateStep(cx, table, constraintChange(check), span, "rollback drops the helper check (the step before)", `check that ${table}.${column} holds no NULL (validate ${name})`);
  return name;
}

/**
 * `set not null` on a table with rows: a validated helper check first (two steps), then the
 * statement, which drops the helper after it. The statement's step keeps its own rollback.
 */
export function setNotNullSteps(cx: MigrationContext, table: string, column: string, span: A.Span, stmt: string, back: { down: string[] | null; reversibility: Reversibility; restoreChecks: RestoreCheck[] }): void {
  const helper = provenNotNull(cx, table, column, span);
  addSqlStep(cx, span, {
    change: { op: "set-not-null", table, column },
    summary: `set not null on ${table}.${column}`,
    table,
    up: [stmt, dropConstraintSql(table, helper)],
    ...back,
    lowering: WHY.notNull,
  });
}
