import { isDbError, LOCK_NOT_AVAILABLE, type Db } from "./db/connection.js";
import { RunError } from "./errors.js";
import type { Reporter, RunEvent } from "./events.js";
import { adoptChecksums, ensureLedger, forget, readLedger, type LedgerRow } from "./ledger.js";
import { adoptPlans, planToRun } from "./recorded-plan.js";
import { describeHolders, lockedRelations, lockHolders } from "./lock-holders.js";
import { acquireLock, releaseLock } from "./lock.js";
import { refuseCitusWorker } from "./citus/coordinator-only.js";
import { beginStatements } from "./citus/propagate-settings.js";
import type { Plan, RestoreCheck, Step } from "../core/plan.js";
import { backfillUpto, DEFAULT_BATCH, restoreStatements, runRestore, type BatchOptions } from "./run-backfill.js";
import { withoutUserTriggers } from "./triggers.js";
import { dropLeftovers } from "./failed-step-leftovers.js";
import { stepFailure } from "./run-step.js";
import { DEFAULT_LOCK_POLICY, outsideTransaction, withoutConcurrently, type LockPolicy } from "./transaction.js";
import { deferredUndos, refillOf } from "../core/deferred-undo.js";
import { verifyChain } from "./verify-chain.js";
import { setCitusRollbackMode } from "./citus/rollback-mode.js";
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
  /** Retries after a lock timeout and their backoff, as apply's (default: apply's). */
  readonly lock?: Partial<LockPolicy>;
  /** Run everything and report, then undo it all: `kmig plan --rollback`. */
  readonly dryRun: boolean;
  /** The config target folder; by default the one recorded when the migration wrote it. */
  readonly configTo: string | null;
  /** Rows per batch of a refill run after the transaction (default: apply's). */
  readonly batch?: BatchOptions;
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
 * (or a dry run) rolls the whole transaction back, so a refused rollback changes nothing. Index
 * builds and drops CONCURRENTLY and backfill refills that nothing after them in the transaction
 * depends on run once it has committed (core/deferred-undo.ts): outside it, and in batches.
 */
export async function rollback(db: Db, plans: readonly Plan[], opts: RollbackOptions, reporter: Reporter): Promise<{ rolledBack: string[]; losses: Loss[] }> {
  await refuseCitusWorker(db);
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
      const mine = await rollbackOne(db, plan, ledger.get(plan.id) ?? null, opts, reporter).catch((e: unknown) => {
        throw done.length > 0 && e instanceof RunError ? afterOthers(e, done) : e;
      });
      losses.push(...mine.losses);
      if (!mine.committed) continue;
      done.push(plan.id);
      reporter.emit({ type: "migration-done", id: plan.id, ms: Date.now() - started, direction: "down" });
    }
    return { rolledBack: done, losses };
  } finally {
    await releaseLock(db);
  }
}

/**
 * One migration's rollback in one transaction with `lock_timeout` set: a statement that waits
 * longer for a lock rolls everything back and the whole transaction is tried again after apply's
 * backoff; after the last try it stops, naming the lock. Step events are held back until the
 * transaction commits: a refused (or dry) rollback shows no step as undone.
 */
async function rollbackOne(db: Db, plan: Plan, row: LedgerRow | null, opts: RollbackOptions, reporter: Reporter): Promise<{ losses: Loss[]; committed: boolean }> {
  const policy = { ...DEFAULT_LOCK_POLICY, ...opts.lock, lockTimeoutMs: opts.lockTimeoutMs };
  const waited = Date.now();
  for (let attempt = 1; ; attempt++) {
    const held: RunEvent[] = [];
    const buffered: Reporter = { emit: (e) => (e.type === "step-start" || e.type === "step-done" ? held.push(e) : reporter.emit(e)), close: () => undefined };
    try {
      await db.exec(await beginStatements(db, policy.lockTimeoutMs));
      const r = await undoInTransaction(db, plan, row, opts, buffered);
      if (r.committed) for (const e of held) reporter.emit(e);
      if (r.committed) await runDeferred(db, plan, policy, opts.batch ?? DEFAULT_BATCH, reporter);
      return r;
    } catch (e) {
      await db.query("ROLLBACK").catch(() => undefined);
      if (!(e instanceof LockWait)) throw e;
      if (attempt > policy.retries) throw await lockGaveUp(db, plan, e, attempt, Date.now() - waited, policy.lockTimeoutMs);
      const waitMs = Math.round(policy.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
      reporter.emit({ type: "retry", step: e.step.id, attempt, waitMs, reason: "lock_timeout: another session holds a lock this rollback needs" });
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }
}

/** The body of rollbackOne's transaction: COMMIT (committed) or ROLLBACK (refused, dry run). */
async function undoInTransaction(db: Db, plan: Plan, row: LedgerRow | null, opts: RollbackOptions, reporter: Reporter): Promise<{ losses: Loss[]; committed: boolean }> {
  // A rollback that committed but stopped before the end of its deferred undos: only those are left.
  const deferredLeft = row?.state === "rolling_back";
  const stepsDone = deferredLeft ? 0 : (row?.steps_done ?? plan.steps.length);
  const deferred = deferredUndos(plan, stepsDone);
  await setCitusRollbackMode(db, plan, stepsDone);
  const runAt = await db.query<{ started_at: string }>(`SELECT "started_at"::text FROM "kmig"."ledger" WHERE "id" = $1`, [plan.id]);
  await db.query(`SELECT set_config('kmig.run_at', $1, true)`, [runAt.rows[0]?.started_at ?? new Date().toISOString()]);
  const mine: Loss[] = [];
  // Only apply with config folders creates kmig.config_files: a rollback leaves kmig's schema as it found it.
  const files = await recordedFilesIfAny(db, plan.id);
  const dir = opts.configTo ?? files[0]?.targetDir ?? null;
  if (dir) mine.push(...editedFiles(plan.id, dir, files));
  if (row?.state === "applying") await undoHalfDoneStep(db, plan, stepsDone, reporter);
  for (let i = stepsDone - 1; i >= 0; i--) await undoStep(db, plan, plan.steps[i], mine, reporter, deferred.has(i));
  if ((mine.length > 0 && !opts.acceptDataLoss) || opts.dryRun) {
    await db.query("ROLLBACK");
    if (!opts.dryRun) throw lossError(plan, mine);
    return { losses: mine, committed: false };
  }
  // Undos left for after the commit: the ledger keeps the migration, `rolling_back`, until they are
  // done; its steps_done counts down past each (those below it are left). A forward backfill's
  // cursor (a half-done step, restored above) is cleared: a refill keeps its own there.
  if (deferred.size > 0) {
    await db.query(`UPDATE "kmig"."ledger" SET "state" = 'rolling_back', "steps_done" = $2 WHERE "id" = $1`, [plan.id, stepsDone]);
    await db.query(`DELETE FROM "kmig"."backfill_progress" WHERE "migration" = $1`, [plan.id]);
  } else if (!deferredLeft) await forget(db, plan.id);
  if (dir && files.length > 0) {
    // Files first: if putting them back fails, the database transaction is not committed either.
    restoreFiles(dir, files);
    removeCreatedDirs(dir, await recordedDirs(db, plan.id));
    await ensureConfigLedger(db);
    await forgetFiles(db, plan.id);
    reporter.emit({ type: "info", message: `  ✓ restored ${files.length} config file(s) in ${dir}` });
  }
  await db.query("COMMIT");
  return { losses: mine, committed: true };
}

/** A rollback stopped after committing the rollback of newer migrations: its "nothing was changed" is about this migration only. */
function afterOthers(e: RunError, done: readonly string[]): RunError {
  const help = (e.help ?? "").replace(/^nothing was changed/, `nothing of this migration was changed (${done.join(", ")} ${done.length === 1 ? "was" : "were"} rolled back before it)`);
  return new RunError(e.code, e.message, help, e.origin, e.dbMessage, { notes: e.notes, label: e.label ?? undefined });
}

/** A statement of a step gave up waiting for a lock (lock_timeout): the transaction is tried again. */
class LockWait extends Error {
  constructor(
    readonly step: Step,
    readonly statements: readonly string[],
  ) {
    super(`step \`${step.summary}\` waited too long for a lock`);
  }
}

async function lockGaveUp(db: Db, plan: Plan, w: LockWait, attempts: number, ms: number, timeoutMs: number): Promise<RunError> {
  const relations = lockedRelations(w.step, w.statements);
  const holders = await lockHolders(db, relations);
  const pids = [...new Set(holders.map((h) => h.pid))];
  return new RunError(
    "K9040",
    `rollback of ${plan.id} gave up at step \`undo ${w.step.summary}\`: it waited for ${describeHolders(relations, holders)}; ${attempts} tries of ${timeoutMs} ms each (${(ms / 1000).toFixed(1)} s in all)`,
    `nothing was changed; wait for that session to finish${pids.length > 0 ? ` (or end it: SELECT pg_terminate_backend(${pids[0]}))` : ""}, or raise --lock-timeout`,
    w.step.origin,
    null,
    { label: "this step waited for a lock" },
  );
}

/**
 * After the commit: the undos deferred out of the transaction (core/deferred-undo.ts), newest
 * first — an index built or dropped CONCURRENTLY (an INVALID index a stopped build left is
 * dropped first, a valid one kept), a backfill's refill in keyset batches — each recorded in the
 * ledger when done; then the migration is forgotten. A run stopped here is finished by the next
 * `kmig rollback`, which finds the refill's cursor.
 */
async function runDeferred(db: Db, plan: Plan, policy: LockPolicy, batch: BatchOptions, reporter: Reporter): Promise<void> {
  const ledger = await db.query<{ state: string; steps_done: number }>(`SELECT "state", "steps_done" FROM "kmig"."ledger" WHERE "id" = $1`, [plan.id]);
  const row = ledger.rows[0];
  if (row?.state !== "rolling_back") return;
  for (const [i, d] of [...deferredUndos(plan, Number(row.steps_done))].sort(([a], [b]) => b - a)) {
    const step = plan.steps[i];
    const summary = `undo ${step.summary} (${d.kind === "refill" ? `in batches of ${batch.batchSize} rows` : "concurrently"})`;
    const started = Date.now();
    reporter.emit({ type: "step-start", migration: plan.id, step: step.id, summary, kind: step.kind });
    try {
      const refill = refillOf(step);
      if (step.kind === "backfill" && refill) await runRestore(db, plan.id, i, step, refill, batch, policy, reporter);
      else {
        await outsideTransaction(db, policy, step.down ?? []);
        await db.query(`UPDATE "kmig"."ledger" SET "steps_done" = $2 WHERE "id" = $1`, [plan.id, i]);
      }
    } catch (e) {
      throw stepFailure(step, e, "could not be undone");
    }
    reporter.emit({ type: "step-done", migration: plan.id, step: step.id, summary, ms: Date.now() - started });
  }
  await forget(db, plan.id);
}

/** One step's undo in the rollback's transaction: its checks, then its down (a deferred undo: its checks only, and no events: it reports when it runs). */
async function undoStep(db: Db, plan: Plan, step: Step, losses: Loss[], reporter: Reporter, deferred = false): Promise<void> {
  const started = Date.now();
  if (!deferred) reporter.emit({ type: "step-start", migration: plan.id, step: step.id, summary: `undo ${step.summary}`, kind: step.kind });
  if (!step.down) throw irreversible(step, "");
  try {
    if (step.kind === "sql") for (const c of step.restoreChecks ?? []) await restoreCheck(db, plan, step, c);
    for (const c of step.lossChecks) {
      const n = Number((await db.query<{ n: string }>(c.sql)).rows[0]?.n ?? 0);
      if (n > 0) losses.push({ migration: plan.id, step: step.summary, what: c.what, rows: n });
    }
    if (deferred) return;
    const statements = step.kind === "backfill" ? restoreStatements(step, null) : step.down.map((sql) => ({ sql: withoutConcurrently(sql), params: [] as unknown[] }));
    await withoutUserTriggers(db, step, statements.map((s) => s.sql), step.fireTriggers === true, async () => {
      for (const s of statements) await db.query(s.sql, s.params);
    });
  } catch (e) {
    if (isDbError(e) && e.code === LOCK_NOT_AVAILABLE) throw new LockWait(step, [...step.down, ...step.lossChecks.map((c) => c.sql)]);
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
    const cursor = step.kind === "backfill" ? await backfillUpto(db, plan.id, step) : null;
    if (step.kind === "backfill" && cursor) {
      if (!step.down) throw irreversible(step, ", and a killed run left it half-done");
      reporter.emit({ type: "info", message: `undoing the half-done ${step.summary}` });
      const restore = restoreStatements(step, cursor);
      await withoutUserTriggers(db, step, restore.map((s) => s.sql), step.fireTriggers === true, async () => {
        for (const s of restore) await db.query(s.sql, s.params);
      });
    } else {
      await dropLeftovers(db, step, { inTransaction: true });
    }
  } catch (e) {
    if (e instanceof RunError) throw e;
    if (isDbError(e) && e.code === LOCK_NOT_AVAILABLE) throw new LockWait(step, step.down ?? []);
    throw stepFailure(step, e, "could not be undone");
  }
}

function irreversible(step: Step, why: string): RunError {
  return new RunError("K9201", `rollback stops at step \`${step.summary}\`: it is irreversible (${step.reversibility.why})${why}`, "nothing was changed; a spec can declare a reverse for this step instead", step.origin);
}

/** Rows that would make the step's down statements fail (a NOT NULL restored over NULLs written since): named, and the rollback stops. */
async function restoreCheck(db: Db, plan: Plan, step: Step, c: RestoreCheck): Promise<void> {
  const r = (await db.query<{ n: string; examples: string | null }>(c.sql)).rows[0];
  const n = Number(r?.n ?? 0);
  if (n === 0) return;
  throw new RunError(
    "K9041",
    `rolling back ${plan.id} cannot undo \`${step.summary}\`: ${n} ${n === 1 ? "row" : "rows"} of ${step.table} ${c.what} (${r?.examples ?? ""}${n > 5 ? `, and ${n - 5} more` : ""})`,
    `nothing was changed; ${c.help}`,
    step.origin,
  );
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
