import type { Db } from "./db/connection.js";
import { withoutUserTriggers } from "./triggers.js";
import { RunError } from "./errors.js";
import type { Reporter } from "./events.js";
import { adoptChecksums, ensureLedger, forget, readLedger, recordFinished, recordStart, type LedgerRow } from "./ledger.js";
import { acquireLock, releaseLock } from "./lock.js";
import { refuseCitusWorker } from "./citus/coordinator-only.js";
import { beginStatements } from "./citus/propagate-settings.js";
import type { Plan } from "../core/plan.js";
import { backfillUpto, restoreStatements, type BackfillUpto } from "./run-backfill.js";
import { runStep, stepFailure, type StepOptions } from "./run-step.js";
import { concurrentIndexStatement, DEFAULT_LOCK_POLICY, outsideTransaction, type LockPolicy } from "./transaction.js";
import { verifyChain } from "./verify-chain.js";
import { dropLeftovers } from "./failed-step-leftovers.js";
import { planConfigFiles, type FileChange, type Staged } from "./config/config-files.js";
import { forgetFiles, markWritten } from "./config/config-ledger.js";
import { recoverStagedConfig } from "./config/config-recovery.js";
import { stageConfig } from "./config/stage-config.js";
import { asRunError } from "./config/config-errors.js";
import { loadFixture, type Fixture } from "./fixtures.js";
import { adoptPlans, planToRun } from "./recorded-plan.js";
import { checkDeclaredSql, hasDeclaredSql } from "./declared-sql.js";
import { requireCitusFor } from "./citus/needs-citus.js";

export interface ApplyOptions extends StepOptions {
  readonly to: string | null;
  readonly lockTimeoutMs: number;
  /** SQL to load after kmig created the baseline on an empty database (the spec's fixtures). */
  readonly fixtures: readonly Fixture[];
  readonly runAt: string;
  /** Config folders: source and target (may be the same, for in-place); null skips config steps. */
  readonly config: { readonly from: string; readonly to: string } | null;
}

/**
 * Applies every pending migration of the chain in order (up to `to`). A migration a crashed run
 * left half-done is resumed where it stopped. A failing step stops the run and the migration's
 * completed steps are undone by their derived down steps, leaving the database as before it.
 */
export async function apply(db: Db, plans: readonly Plan[], opts: ApplyOptions, reporter: Reporter): Promise<{ applied: string[] }> {
  await refuseCitusWorker(db);
  await acquireLock(db, opts.lockTimeoutMs);
  try {
    await db.query(`SELECT set_config('kmig.run_at', $1, false)`, [opts.runAt]);
    // Before the target folder is read: finish or clean what a killed run left there.
    await recoverStagedConfig(db, reporter);
    const ledger = await readLedger(db);
    const state = verifyChain(plans, ledger);
    await adoptChecksums(db, plans, state);
    const applied: string[] = [];
    const pending: Plan[] = [];
    for (const plan of plans) {
      // `--to` the baseline's version (or one already reached) leaves nothing after it pending.
      if (plan.kind !== "baseline" && state.get(plan.id)?.state !== "applied") pending.push(plan);
      if (opts.to !== null && plan.to === opts.to) break;
    }
    await requireCitusFor(db, [...(plans[0]?.kind === "baseline" && !state.has(plans[0].id) ? [plans[0]] : []), ...pending]);
    // Config files first, in memory: bad input stops the run before the database is touched.
    let files: FileChange[] = [];
    if (opts.config) {
      try {
        files = planConfigFiles(pending, opts.config.from, opts.config.to);
      } catch (e) {
        throw asRunError(e);
      }
    }
    // What declared `sql` items say they do is checked in a scratch replay, before anything is written.
    if (pending.some(hasDeclaredSql)) await checkDeclaredSql(db, plans.slice(0, plans.indexOf(pending[pending.length - 1]) + 1));
    let staged: Staged | null = null;
    try {
      // Only now does kmig write anything: its own schema, on a database that has none yet.
      await ensureLedger(db);
      await adoptPlans(db, plans, state);
      if (opts.config && files.length > 0) staged = await stageConfig(db, opts.config.to, files);
      if (plans[0]?.kind === "baseline" && !state.has(plans[0].id)) await createBaseline(db, plans[0], opts, reporter);
      for (const plan of pending) {
        const row = state.get(plan.id);
        if (row?.state === "rolling_back") throw new RunError("K9005", `migration ${plan.id} was being rolled back when a run stopped`, "finish it with `kmig rollback` before applying again");
        // A half-done migration is finished by the plan recorded when it started, not by today's compiler.
        const run = row ? await planToRun(db, plan, row, reporter, "resuming apply") : plan;
        await applyOne(db, run, row ?? null, opts, reporter);
        applied.push(plan.id);
        if (staged) {
          // Applied: its files go into place (a kill before markWritten is finished by the next run).
          staged.commit(plan.id);
          await markWritten(db, plan.id);
          for (const f of files) if (f.migration === plan.id) reporter.emit({ type: "info", message: `  ✓ wrote ${f.path}${f.before ? " (kept the previous version)" : ""}` });
        }
      }
    } catch (e) {
      if (staged) {
        staged.abort();
        const leftover = pending.filter((p) => !applied.includes(p.id));
        for (const p of leftover) await forgetFiles(db, p.id).catch(() => undefined);
      }
      throw e;
    }
    return { applied };
  } finally {
    await releaseLock(db);
  }
}

/** On a database without the baseline's tables, kmig creates them (and loads fixtures if asked). */
async function createBaseline(db: Db, plan: Plan, opts: ApplyOptions, reporter: Reporter): Promise<void> {
  const tables = plan.steps.filter((s) => s.kind === "sql" && s.op === "create-table").map((s) => s.table as string);
  const existing = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'public' AND tablename = ANY($1)`, [tables]);
  if (Number(existing.rows[0].n) > 0) {
    throw new RunError("K9003", `the database already has tables of baseline ${plan.id}, but kmig has not recorded it`, "check and record it with `kmig baseline <folder>`");
  }
  reporter.emit({ type: "info", message: `empty database: creating baseline ${plan.id} (version ${plan.to})` });
  await recordStart(db, plan);
  for (let i = 0; i < plan.steps.length; i++) await runStep(db, plan.id, i, plan.steps[i], opts, reporter);
  for (const f of opts.fixtures) await loadFixture(db, f);
  await recordFinished(db, plan.id, "applied");
}

async function applyOne(db: Db, plan: Plan, row: LedgerRow | null, opts: ApplyOptions, reporter: Reporter): Promise<void> {
  const started = Date.now();
  reporter.emit({ type: "migration-start", id: plan.id, from: plan.from, to: plan.to, resumed: row !== null });
  if (!row) await recordStart(db, plan);
  // One time for the whole run, resumes included: now() in mappings reads it (and rollback's loss check).
  await db.query(`SELECT set_config('kmig.run_at', "started_at"::text, false) FROM "kmig"."ledger" WHERE "id" = $1`, [plan.id]);
  let index = row?.steps_done ?? 0;
  try {
    for (; index < plan.steps.length; index++) await runStep(db, plan.id, index, plan.steps[index], opts, reporter);
  } catch (e) {
    await undoPartial(db, plan, index, reporter, opts.lock).catch((undoError: unknown) => {
      throw new RunError("K9102", `${(e as Error).message}; undoing the migration then failed too: ${(undoError as Error).message}`, "the ledger still marks it as applying: fix the cause and run `kmig apply` to resume, or `kmig rollback`", (e as RunError).origin ?? null);
    });
    throw e;
  }
  if (plan.config.length > 0 && !opts.config) reporter.emit({ type: "warning", message: `${plan.id}: config steps (${plan.config.map((c) => c.source).join(", ")}) skipped: no --config-from/--config-to given` });
  await recordFinished(db, plan.id, "applied");
  reporter.emit({ type: "migration-done", id: plan.id, ms: Date.now() - started, direction: "up" });
}

/**
 * After step `failed` failed: undo the steps before it (and the committed batches of a backfill
 * that failed half-way), newest first, then forget the migration in the ledger.
 */
export async function undoPartial(db: Db, plan: Plan, failed: number, reporter: Reporter, lock: LockPolicy = DEFAULT_LOCK_POLICY): Promise<void> {
  const f = plan.steps[failed];
  const cursor = f?.kind === "backfill" ? await backfillUpto(db, plan.id, f) : null;
  if (cursor) await runDown(db, plan, failed, cursor, lock);
  else if (f) await dropLeftovers(db, f);
  for (let i = failed - 1; i >= 0; i--) {
    reporter.emit({ type: "info", message: `undoing ${plan.steps[i].summary}` });
    await runDown(db, plan, i, null, lock);
  }
  await forget(db, plan.id);
}

/**
 * One step's down statements, in a transaction with `lock_timeout` (a backfill limited to `upto`
 * when given); an index build or drop CONCURRENTLY (a step's or a down's) outside one.
 */
export async function runDown(db: Db, plan: Plan, index: number, upto: BackfillUpto | null, lock: LockPolicy = DEFAULT_LOCK_POLICY): Promise<void> {
  const step = plan.steps[index];
  if (!step.down) throw new RunError("K9201", `step \`${step.summary}\` is irreversible: ${step.reversibility.why}`, null, step.origin);
  const statements = step.kind === "backfill" ? restoreStatements(step, upto) : step.down.map((sql) => ({ sql, params: [] as unknown[] }));
  try {
    if (step.kind === "sql" && (!step.transactional || step.down.some(concurrentIndexStatement))) {
      await outsideTransaction(db, lock, step.down);
      await db.query(`UPDATE "kmig"."ledger" SET "steps_done" = $2 WHERE "id" = $1`, [plan.id, index]);
    } else {
      await db.exec(await beginStatements(db, lock.lockTimeoutMs));
      try {
        await withoutUserTriggers(db, step, statements.map((s) => s.sql), step.fireTriggers === true, async () => {
          for (const s of statements) await db.query(s.sql, s.params);
        });
        await db.query(`UPDATE "kmig"."ledger" SET "steps_done" = $2 WHERE "id" = $1`, [plan.id, index]);
        await db.query("COMMIT");
      } catch (e) {
        await db.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
    }
  } catch (e) {
    throw stepFailure(step, e, "could not be undone");
  }
}
