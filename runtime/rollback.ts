import type { Db } from "./db/connection.js";
import { RunError } from "./errors.js";
import type { Reporter } from "./events.js";
import { adoptChecksums, ensureLedger, forget, readLedger, type LedgerRow } from "./ledger.js";
import { adoptPlans, planToRun } from "./recorded-plan.js";
import { acquireLock, releaseLock } from "./lock.js";
import type { Plan, Step } from "../core/plan.js";
import { backfillCursor, restoreStatements } from "./run-backfill.js";
import { dropLeftovers } from "./failed-step-leftovers.js";
import { stepFailure } from "./run-step.js";
import { withoutConcurrently } from "./transaction.js";
import { verifyChain } from "./verify-chain.js";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { removeCreatedDirs, restoreFiles, sha256 } from "./config/config-files.js";
import { ensureConfigLedger, forgetFiles, recordedDirs, recordedFilesIfAny, type RecordedFile } from "./config/config-ledger.js";
import { recoverStagedConfig } from "./config/config-recovery.js";

export interface RollbackOptions {
  /** Roll back down to this version (exclusive of it); null: only the last applied migration. */
  readonly to: string | null;
  readonly acceptDataLoss: boolean;
  readonly lockTimeoutMs: number;
  /** Run everything and report, then undo it all: `kmig plan --rollback`. */
  readonly dryRun: boolean;
  /** The config target folder; by default the one recorded when the migration wrote it. */
  readonly configTo: string | null;
}

/** What a rollback would lose, step by step. */
export interface Loss {
  readonly migration: string;
  readonly step: string;
  readonly what: string;
  readonly rows: number;
}

/**
 * Rolls back applied migrations, newest first, each in one transaction: before each step's down
 * statements its loss check runs on the state as it then is; any loss without --accept-data-loss
 * (or a dry run) rolls the whole transaction back, so a refused rollback changes nothing.
 */
export async function rollback(db: Db, plans: readonly Plan[], opts: RollbackOptions, reporter: Reporter): Promise<{ rolledBack: string[]; losses: Loss[] }> {
  await acquireLock(db, opts.lockTimeoutMs);
  try {
    // A rollback is the way out of a run stopped half-way too: first finish or clean its config files.
    if (!opts.dryRun) await recoverStagedConfig(db, reporter);
    // An edited spec does not stop a rollback: the plans recorded when the migrations ran are what it undoes.
    const ledger = verifyChain(plans, await readLedger(db), { edited: "allow" });
    const applied = plans.filter((p) => p.kind === "migration" && ledger.has(p.id));
    if (applied.length === 0) throw new RunError("K9007", "no migration is applied beyond the baseline: nothing to roll back", "a baseline is never rolled back");
    if (!opts.dryRun) {
      // A ledger an older kmig wrote: its schema brought up to date, its unedited rows given their plans.
      await adoptChecksums(db, plans, ledger);
      await ensureLedger(db);
      await adoptPlans(db, plans, ledger);
    }
    let targets = [applied[applied.length - 1]];
    if (opts.to !== null) {
      const idx = plans.findIndex((p) => p.to === opts.to);
      if (idx < 0) throw new RunError("K9008", `no migration of the spec ends at version ${opts.to}`, `versions: ${plans.map((p) => p.to).join(", ")}`);
      targets = applied.filter((p) => plans.indexOf(p) > idx);
    }
    const losses: Loss[] = [];
    const done: string[] = [];
    for (const spec of [...targets].reverse()) {
      const row = ledger.get(spec.id) as LedgerRow;
      const plan = await planToRun(db, spec, row, reporter, "rollback");
      const started = Date.now();
      reporter.emit({ type: "migration-start", id: plan.id, from: plan.to, to: plan.from ?? "", resumed: false, direction: "down" });
      const stepsDone = row?.steps_done ?? plan.steps.length;
      await db.query("BEGIN");
      try {
        const runAt = await db.query<{ started_at: string }>(`SELECT "started_at"::text FROM "kmig"."ledger" WHERE "id" = $1`, [plan.id]);
        await db.query(`SELECT set_config('kmig.run_at', $1, true)`, [runAt.rows[0]?.started_at ?? new Date().toISOString()]);
        const mine: Loss[] = [];
        // Only apply with config folders creates kmig.config_files: a rollback leaves kmig's schema as it found it.
        const files = await recordedFilesIfAny(db, plan.id);
        const dir = opts.configTo ?? files[0]?.targetDir ?? null;
        if (dir) mine.push(...editedFiles(plan.id, dir, files));
        if (row?.state === "applying") await undoHalfDoneStep(db, plan, stepsDone, reporter);
        for (let i = stepsDone - 1; i >= 0; i--) await undoStep(db, plan, plan.steps[i], mine, reporter);
        losses.push(...mine);
        if ((mine.length > 0 && !opts.acceptDataLoss) || opts.dryRun) {
          await db.query("ROLLBACK");
          if (!opts.dryRun) throw lossError(plan, mine);
          continue;
        }
        await forget(db, plan.id);
        if (dir && files.length > 0) {
          // Files first: if putting them back fails, the database transaction is not committed either.
          restoreFiles(dir, files);
          removeCreatedDirs(dir, await recordedDirs(db, plan.id));
          await ensureConfigLedger(db);
          await forgetFiles(db, plan.id);
          reporter.emit({ type: "info", message: `  ✓ restored ${files.length} config file(s) in ${dir}` });
        }
        await db.query("COMMIT");
      } catch (e) {
        await db.query("ROLLBACK").catch(() => undefined);
        throw e;
      }
      done.push(plan.id);
      reporter.emit({ type: "migration-done", id: plan.id, ms: Date.now() - started, direction: "down" });
    }
    return { rolledBack: done, losses };
  } finally {
    await releaseLock(db);
  }
}

async function undoStep(db: Db, plan: Plan, step: Step, losses: Loss[], reporter: Reporter): Promise<void> {
  const started = Date.now();
  reporter.emit({ type: "step-start", migration: plan.id, step: step.id, summary: `undo ${step.summary}`, kind: step.kind });
  if (!step.down) throw irreversible(step, "");
  try {
    for (const c of step.lossChecks) {
      const n = Number((await db.query<{ n: string }>(c.sql)).rows[0]?.n ?? 0);
      if (n > 0) losses.push({ migration: plan.id, step: step.summary, what: c.what, rows: n });
    }
    // Inside the rollback's transaction.
    const statements = step.kind === "backfill" ? restoreStatements(step, null) : step.down.map((sql) => ({ sql: withoutConcurrently(sql), params: [] as unknown[] }));
    for (const s of statements) await db.query(s.sql, s.params);
  } catch (e) {
    throw stepFailure(step, e, "could not be undone");
  }
  reporter.emit({ type: "step-done", migration: plan.id, step: step.id, summary: `undo ${step.summary}`, ms: Date.now() - started });
}

/**
 * A run killed mid-migration leaves the step after the last one recorded as done half-done: a
 * backfill's committed batches (restored from its stash, up to its cursor) and its stash table, or
 * the INVALID index of an interrupted `CREATE INDEX CONCURRENTLY`. A transactional step left nothing.
 */
async function undoHalfDoneStep(db: Db, plan: Plan, index: number, reporter: Reporter): Promise<void> {
  const step = plan.steps[index];
  if (!step) return;
  try {
    const cursor = step.kind === "backfill" ? await backfillCursor(db, plan.id, step.id) : null;
    if (step.kind === "backfill" && cursor) {
      if (!step.down) throw irreversible(step, ", and a killed run left it half-done");
      reporter.emit({ type: "info", message: `undoing the half-done ${step.summary}` });
      for (const s of restoreStatements(step, cursor)) await db.query(s.sql, s.params);
    } else {
      await dropLeftovers(db, step, { inTransaction: true });
    }
  } catch (e) {
    if (e instanceof RunError) throw e;
    throw stepFailure(step, e, "could not be undone");
  }
}

function irreversible(step: Step, why: string): RunError {
  return new RunError("K9201", `rollback stops at step \`${step.summary}\`: it is irreversible (${step.reversibility.why})${why}`, "nothing was changed; a spec can declare a reverse for this step instead", step.origin);
}

/** Config files changed by hand since the migration wrote them: rollback would overwrite that. */
function editedFiles(migration: string, dir: string, files: readonly RecordedFile[]): Loss[] {
  const out: Loss[] = [];
  for (const f of files) {
    const path = join(dir, f.path);
    const now = existsSync(path) ? sha256(readFileSync(path)) : null;
    if (now !== f.writtenSha256) out.push({ migration, step: "config", what: `config file ${f.path} ${now === null ? "was deleted" : "was edited by hand"} after the migration`, rows: 1 });
  }
  return out;
}

function lossError(plan: Plan, losses: readonly Loss[]): RunError {
  const list = losses.map((l) => `${l.rows} ${l.what}`).join("; ");
  return new RunError("K9301", `rolling back ${plan.id} would destroy data written after the migration: ${list}`, "nothing was changed; look at that data first, then rerun with --accept-data-loss to roll back anyway");
}
