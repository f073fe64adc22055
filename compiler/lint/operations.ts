import type { Step } from "../../core/plan.js";
import type { SourceFile } from "../../core/source-file.js";
import type { CompiledUnit } from "../migration/compile-unit.js";
import { findIndex, getTable, type SchemaState, type TableState } from "../model/schema.js";
import { readStatement, type Statement } from "./statement.js";
import { refillOf, undoPlacement } from "../../core/deferred-undo.js";

/** Which way a statement runs: applying the migration, or rolling it back (its derived down). */
export type Direction = "up" | "down";

/**
 * One statement of a plan step, as the lints see it: what it is, which way it runs, and the
 * compiler's schema on either side of its step — so that a rule knows the old type of a column,
 * whether a table is new in this migration (not linted: it has no rows), which indexes exist.
 */
export interface LintOp {
  readonly file: SourceFile;
  readonly unit: CompiledUnit;
  readonly step: Step;
  /** The step's position in the plan. */
  readonly stepIndex: number;
  readonly direction: Direction;
  readonly sql: string;
  readonly statement: Statement;
  /** The statement's position among its step's statements (in its direction). */
  readonly position: number;
  /** The schema before the step runs in this direction, and after. */
  readonly before: SchemaState;
  readonly after: SchemaState;
  /** The table the statement works on, if any, and whether this migration created it. */
  readonly table: string | null;
  readonly newTable: boolean;
  /**
   * A down statement that `kmig rollback` runs after its transaction has committed (an index built or
   * dropped CONCURRENTLY, a refill in batches: core/deferred-undo.ts); it holds no lock in that transaction.
   */
  readonly deferred: boolean;
  /** A down statement that could have been deferred but is kept in the transaction: the earlier step whose undo needs it first. */
  readonly keptBy: Step | null;
}

/** A migration's statements, up in plan order and down in rollback order (last step first). Baselines have none. */
export function lintOps(unit: CompiledUnit): LintOp[] {
  if (unit.plan.kind === "baseline") return [];
  const steps = unit.plan.steps;
  const at = (i: number): SchemaState => unit.stepSchemas[i] ?? unit.after;
  const created = createdTables(steps);
  const placement = undoPlacement(unit.plan, steps.length);
  const up: LintOp[] = [];
  const down: LintOp[] = [];
  steps.forEach((step, i) => {
    const before = at(i);
    const after = at(i + 1);
    const make = (direction: Direction, sql: string, position: number): LintOp => {
      const statement = readStatement(sql);
      const table = tableOf(statement, direction === "up" ? before : after, direction === "up" ? after : before);
      const down = direction === "down";
      // Of a deferred undo, the refill or the concurrent index statement (a refill's stash drop stays a statement like any).
      const undone = step.kind !== "backfill" || position < (refillOf(step)?.length ?? 0);
      const deferred = down && placement.deferred.has(i) && undone;
      const kept = down && undone ? placement.kept.get(i) : undefined;
      return { file: unit.file, unit, step, stepIndex: i, direction, sql, statement, position, before: down ? after : before, after: down ? before : after, table, newTable: table !== null && created.has(table), deferred, keptBy: kept ? steps[kept.by] : null };
    };
    step.up.forEach((sql, p) => up.push(make("up", sql, p)));
    (step.down ?? []).forEach((sql, p) => down.push(make("down", sql, p)));
  });
  // Rollback undoes the last step first.
  const byStep = new Map<number, LintOp[]>();
  for (const op of down) byStep.set(op.stepIndex, [...(byStep.get(op.stepIndex) ?? []), op]);
  return [...up, ...[...byStep.keys()].sort((a, b) => b - a).flatMap((k) => byStep.get(k) ?? [])];
}

/** Tables created by this migration's steps (and the names renames of them give). */
function createdTables(steps: readonly Step[]): Set<string> {
  const out = new Set<string>();
  for (const step of steps) {
    for (const sql of step.up) {
      const s = readStatement(sql);
      if (s.kind === "create-table") out.add(s.table);
      if (s.kind === "rename-table" && out.has(s.table)) out.add(s.to);
    }
  }
  return out;
}

function tableOf(s: Statement, before: SchemaState, after: SchemaState): string | null {
  switch (s.kind) {
    case "other":
      return null;
    case "drop-index":
      return (findIndex(before, s.index) ?? findIndex(after, s.index))?.table.name ?? null;
    default:
      return s.table;
  }
}

/** The table a statement works on, in the schema before it (or after, for what it adds). */
export function tableIn(op: LintOp, which: "before" | "after" = "before"): TableState | undefined {
  return op.table === null ? undefined : getTable(op[which], op.table) ?? getTable(which === "before" ? op.after : op.before, op.table);
}
