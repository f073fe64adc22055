import type { Db } from "../db/connection.js";
import { RANGE_MARKER, type BackfillStep, type Origin, type Plan, type Step } from "../../core/plan.js";
import { ident as q } from "../../core/sql-quote.js";
import { ENSURE_CLOSED_MAP_FUNCTION } from "../../core/closed-map.js";
import { guarded } from "./violations.js";
import { citusRoute } from "../citus/shard-backfill.js";
import { placeBackfillTables } from "../citus/stash-placement.js";

/**
 * `kmig plan` tries the statements apply runs, not a SELECT standing for them: each pending step's
 * own SQL — a backfill's preparation and its per-batch statements, for the first few rows by key —
 * in one transaction that is always rolled back. What the server refuses there (Citus: a VOLATILE
 * or STABLE function over columns in an UPDATE, a subquery it cannot push down, a key without the
 * distribution column) apply would stop at: it is reported on the step's spec line, with the
 * statement. The simulation (simulate-sql.ts) still counts the rows; this finds what only the real
 * statement shows.
 *
 * It takes the locks the statements take, for as long as `lock_timeout` lets it wait (2 s) and
 * the trial runs; a statement that has to wait longer, or runs longer than STATEMENT_MS, ends the
 * trial there with a note, never a violation.
 */

/** Rows of a backfill the trial updates: enough to run every statement, few enough to be quick on a large table. */
export const TRIAL_ROWS = 10;
const LOCK_MS = 2000;
const STATEMENT_MS = 10_000;

/** What the trial found at one step: the statement the server refused, or why the trial stopped there. */
export interface Tried {
  readonly migration: string;
  readonly stepIndex: number;
  /** `origin`: the spec line to report it on — a backfill's only mapping, else the step's. */
  readonly refused: { readonly statement: string; readonly message: string; readonly origin: Origin } | null;
  readonly note: string | null;
}

/** Tries the steps of `plans` in order. Stops at the first refused schema step (what follows would meet another schema), goes on past a refused backfill. */
export async function tryStatements(db: Db, plans: readonly Plan[], runAt: string): Promise<Tried[]> {
  const out: Tried[] = [];
  await db.query("BEGIN");
  try {
    await db.query(`SELECT set_config('lock_timeout', '${LOCK_MS}ms', true), set_config('statement_timeout', '${STATEMENT_MS}ms', true), set_config('kmig.run_at', $1, true)`, [runAt]);
    await guarded(db, () => db.exec(ENSURE_CLOSED_MAP_FUNCTION));
    for (const plan of plans) {
      for (let i = 0; i < plan.steps.length; i++) {
        const step = plan.steps[i];
        const r = await tryStep(db, step);
        if (r === null) continue;
        out.push({ migration: plan.id, stepIndex: i, refused: r.refused, note: r.note });
        // A backfill changes no column: the steps after a refused (or untried) one still meet the schema they expect.
        if (!r.goOn && !(r.refused && step.kind === "backfill")) return out;
      }
    }
    return out;
  } finally {
    await db.query("ROLLBACK");
  }
}

type StepTrial = Omit<Tried, "migration" | "stepIndex"> & { readonly goOn?: boolean };

/** Runs one step's statements; null when all ran, else what stopped them. */
async function tryStep(db: Db, step: Step): Promise<StepTrial | null> {
  if (step.kind === "sql" && !step.transactional) return { refused: null, note: "not tried from here on: the step runs outside a transaction (CONCURRENTLY), which a rolled-back trial cannot hold" };
  const trial = step.kind === "backfill" ? await backfillTrial(db, step) : step.up.map((sql) => ({ sql, params: [] as unknown[] }));
  if ("note" in trial) return { refused: null, note: trial.note, goOn: true };
  const runs = trial;
  for (const { sql, params } of runs) {
    try {
      await db.query("SAVEPOINT kmig_try");
      await db.query(sql, params);
      await db.query("RELEASE SAVEPOINT kmig_try");
    } catch (e) {
      await db.query("ROLLBACK TO SAVEPOINT kmig_try");
      const code = (e as { code?: string }).code;
      const message = (e as Error).message;
      if (code === "55P03" || code === "57014") return { refused: null, note: `not tried from here on: ${code === "55P03" ? `a lock it needs is held by another session (waited ${LOCK_MS} ms)` : `a statement ran longer than ${STATEMENT_MS / 1000} s`}` };
      const origin = step.kind === "backfill" && step.assignments.length === 1 && sql.startsWith("UPDATE") ? step.assignments[0].origin : step.origin;
      return { refused: { statement: sql, message, origin }, note: null };
    }
  }
  return null;
}

/**
 * A backfill's statements as apply runs its first batch, limited to the first TRIAL_ROWS rows by
 * key (`AND (key) <= (bound)`, the form apply gives every batch). A table without a key runs its
 * single statement, as apply does.
 */
async function backfillTrial(db: Db, step: BackfillStep): Promise<{ sql: string; params: unknown[] }[] | { note: string }> {
  if (step.key.length === 0) return step.up.map((sql) => ({ sql, params: [] }));
  const routed = await citusForm(db, step);
  if ("note" in routed) return routed;
  step = routed.step;
  const cols = step.key.map((k) => q(k.column));
  const prepare = step.batch.prepare.map((sql) => ({ sql, params: [] as unknown[] }));
  // The bound is read after the preparation ran (a mapping may read a column it adds): in the batch's own statement list, first.
  let bound: unknown[] | null = null;
  try {
    await db.query("SAVEPOINT kmig_bound");
    for (const p of prepare) await db.query(p.sql);
    const r = await db.query<Record<string, string>>(`SELECT ${cols.join(", ")} FROM ${q(step.table)} ORDER BY ${cols.join(", ")} OFFSET ${TRIAL_ROWS - 1} LIMIT 1`);
    bound = r.rows[0] ? step.key.map((k) => r.rows[0][k.column]) : null;
  } catch {
    // The preparation itself fails: the trial below runs it again and reports it.
  } finally {
    await db.query("ROLLBACK TO SAVEPOINT kmig_bound");
  }
  const range = bound ? `AND (${cols.join(", ")}) <= (${step.key.map((k, i) => `$${i + 1}::${k.sqlType}`).join(", ")})` : "";
  const params = bound ?? [];
  return [...prepare, ...step.batch.perBatch.map((sql) => ({ sql: sql.replace(RANGE_MARKER, range), params: sql.includes(RANGE_MARKER) && bound ? params : [] }))];
}

/**
 * The backfill as apply runs it on Citus (runtime/citus/shard-backfill.ts): through the coordinator
 * in the form Citus accepts, which the trial runs; or shard by shard on the workers, which a trial
 * on the coordinator cannot (the workers do not see the columns its earlier steps added, uncommitted):
 * a note. Elsewhere the step as it is. The route is found after the step's preparation ran, as apply
 * finds it (after placing the tables the preparation made beside the table: stash-placement.ts), and undone with the rest.
 */
async function citusForm(db: Db, step: BackfillStep): Promise<{ step: BackfillStep } | { note: string }> {
  await db.query("SAVEPOINT kmig_route");
  try {
    for (const sql of step.batch.prepare) await db.query(sql);
    await placeBackfillTables(db, step);
    const route = await citusRoute(db, step, { batchSize: TRIAL_ROWS, pauseMs: 0 });
    if (route?.kind === "shards") return { note: `not tried: apply runs this backfill on each of the ${route.shards.length} shards of ${step.table} on its worker, as plain PostgreSQL statements, which a trial on the coordinator cannot reach` };
    return { step: route ? { ...step, batch: { prepare: step.batch.prepare, perBatch: route.step.batch.perBatch } } : step };
  } catch {
    // The preparation fails: the trial runs it again as it is and reports it.
    return { step };
  } finally {
    await db.query("ROLLBACK TO SAVEPOINT kmig_route");
  }
}
