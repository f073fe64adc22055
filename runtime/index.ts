/**
 * `kmig/runtime`: kmig's runtime as a library, for an application's start-up or a test's set-up.
 * It runs plans — a folder `kmig compile` wrote, or plans already loaded — on a `pg` client or
 * pool, a PGlite instance, or a database URL, and reports the same events the CLI prints. It loads
 * no parser, no compiler and no TypeScript (test/load/runtime-imports.test.ts keeps it so).
 *
 *   import { apply } from "kmig/runtime";
 *   await apply({ plans: "plans/app", db: pool, onEvent: (e) => log.info(e) });
 */
import type { Plan } from "../core/plan.js";
import { apply as applyPlans } from "./apply.js";
import { baseline as baselinePlans } from "./baseline.js";
import { withDatabase, type Database } from "./db/client-db.js";
import type { Reporter, RunEvent } from "./events.js";
import { planImpact } from "./impact/plan-impact.js";
import type { PlanImpact } from "./impact/types.js";
import { loadCompiledPlans } from "./load/compiled-plans.js";
import { rollback as rollbackPlans, type Loss } from "./rollback.js";
import { status as statusOf, type MigrationStatus, type StagedConfig } from "./status.js";
import { DEFAULT_LOCK_POLICY } from "./transaction.js";
import { DEFAULT_BATCH } from "./run-backfill.js";

export type { Plan, Step, SqlStep, BackfillStep, ConfigStep, Origin, Reversibility } from "../core/plan.js";
export type { Manifest, ManifestEntry } from "../core/compiled-folder.js";
export type { RunEvent } from "./events.js";
export type { Database, PgClientLike, PgPoolLike, PgliteLike } from "./db/client-db.js";
export type { Loss } from "./rollback.js";
export type { MigrationStatus, StagedConfig } from "./status.js";
export type { PlanImpact, MigrationImpact, StepImpact, Violation } from "./impact/types.js";
export { RunError } from "./errors.js";
export { loadCompiledPlans, isCompiledFolder } from "./load/compiled-plans.js";
export { PLAN_FORMAT } from "../core/compiled-folder.js";

/** What every call takes: the plans, the database, and who hears the run's events. */
export interface RunOptions {
  /** A folder `kmig compile` wrote (checked against its manifest), or plans `loadCompiledPlans` returned. */
  readonly plans: string | readonly Plan[];
  /** A `pg` client or pool or a PGlite instance (yours: kmig never closes it), or a `--db` value kmig opens and closes. */
  readonly db: Database;
  /** Called with each event as the run goes: the events `kmig <command> --json` prints, one per call. */
  readonly onEvent?: (event: RunEvent) => void;
  /** How long to wait for kmig's lock and for each schema lock, in milliseconds (default 5000). */
  readonly lockTimeoutMs?: number;
}

/** Config folders for the plans' config steps: read from `from`, written to `to` (the same folder: in place). */
export interface ConfigFolders {
  readonly from: string;
  readonly to: string;
}

export interface ApplyOptions extends RunOptions {
  /** Stop after the migration that reaches this version (default: apply every pending one). */
  readonly to?: string;
  /** Rows per backfill batch (default 10,000) and the pause between batches (default 0 ms). */
  readonly batchSize?: number;
  readonly pauseMs?: number;
  /** On Citus: shards of a distributed table backfilled at once (default one per worker; 0: through the coordinator). */
  readonly shardConcurrency?: number;
  /** Migrate config files too; without it, config steps are skipped. */
  readonly config?: ConfigFolders;
}

export interface ApplyResult {
  /** The migrations applied by this call, in order (empty: the database was up to date). */
  readonly applied: readonly string[];
}

export interface RollbackOptions extends RunOptions {
  /** Roll back every migration after this version (default: only the last applied one). */
  readonly to?: string;
  /** Roll back even where data written since the migration would be lost (default: refuse, changing nothing). */
  readonly acceptDataLoss?: boolean;
  /** The config target folder (default: the one recorded when the migration wrote it). */
  readonly configTo?: string;
}

export interface RollbackResult {
  readonly rolledBack: readonly string[];
  /** What was lost (only with acceptDataLoss; otherwise a loss throws a RunError K9301). */
  readonly losses: readonly Loss[];
}

export interface StatusResult {
  readonly migrations: readonly MigrationStatus[];
  /** Differences between the live schema and what the applied migrations made. */
  readonly drift: readonly string[];
  /** Migrations the database records that the plans do not have. */
  readonly unknown: readonly string[];
  readonly stagedConfig: readonly StagedConfig[];
}

export interface PlanOptions extends RunOptions {
  readonly to?: string;
  readonly batchSize?: number;
  readonly config?: ConfigFolders;
}

/**
 * Applies every pending migration in order, as `kmig apply` does: resumes one a crashed run left
 * half-done, undoes a migration whose step fails (and throws its RunError). On an empty database
 * it first creates the baseline.
 */
export async function apply(options: ApplyOptions): Promise<ApplyResult> {
  const plans = await plansOf(options.plans);
  return run(options, "apply", async (db, reporter) => {
    const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_POLICY.lockTimeoutMs;
    const batch = { batchSize: options.batchSize ?? DEFAULT_BATCH.batchSize, pauseMs: options.pauseMs ?? DEFAULT_BATCH.pauseMs, ...(options.shardConcurrency === undefined ? {} : { shardConcurrency: options.shardConcurrency }) };
    const r = await applyPlans(db, plans, { lock: { ...DEFAULT_LOCK_POLICY, lockTimeoutMs }, batch, to: options.to ?? null, lockTimeoutMs, fixtures: [], runAt: new Date().toISOString(), config: options.config ?? null }, reporter);
    if (r.applied.length === 0) reporter.emit({ type: "info", message: "nothing to apply: the database is up to date" });
    return { applied: r.applied };
  });
}

/** Undoes the last applied migration (or every one after `to`) exactly, as `kmig rollback` does. */
export async function rollback(options: RollbackOptions): Promise<RollbackResult> {
  const plans = await plansOf(options.plans);
  return run(options, "rollback", async (db, reporter) => {
    const lockTimeoutMs = options.lockTimeoutMs ?? DEFAULT_LOCK_POLICY.lockTimeoutMs;
    return rollbackPlans(db, plans, { to: options.to ?? null, acceptDataLoss: options.acceptDataLoss ?? false, lockTimeoutMs, dryRun: false, configTo: options.configTo ?? null }, reporter);
  });
}

/** Which migrations are applied, pending or half-done, and any schema drift, as `kmig status` says. */
export async function status(options: RunOptions): Promise<StatusResult> {
  const plans = await plansOf(options.plans);
  return withDatabase(options.db, "kmig status", options.lockTimeoutMs ?? DEFAULT_LOCK_POLICY.lockTimeoutMs, (db) => statusOf(db, plans));
}

/** What apply would do, step by step, and what in the live data would make it fail; changes nothing. */
export async function plan(options: PlanOptions): Promise<PlanImpact> {
  const plans = await plansOf(options.plans);
  return withDatabase(options.db, "kmig plan", options.lockTimeoutMs ?? DEFAULT_LOCK_POLICY.lockTimeoutMs, (db) =>
    planImpact(db, plans, { to: options.to ?? null, batchSize: options.batchSize ?? DEFAULT_BATCH.batchSize, runAt: new Date().toISOString(), config: options.config ?? null }),
  );
}

/** Records the baseline of a database that already has its schema, as `kmig baseline` does (checking it first). */
export async function baseline(options: RunOptions & { readonly version?: string }): Promise<void> {
  const plans = await plansOf(options.plans);
  return run(options, "baseline", (db, reporter) => baselinePlans(db, plans, options.version ?? null, options.lockTimeoutMs ?? DEFAULT_LOCK_POLICY.lockTimeoutMs, reporter));
}

async function plansOf(plans: string | readonly Plan[]): Promise<readonly Plan[]> {
  return typeof plans === "string" ? loadCompiledPlans(plans) : plans;
}

/** One command's run: the database for it, and run-start / run-done around it, as the CLI reports them. */
async function run<T>(options: RunOptions, command: string, work: (db: Parameters<Parameters<typeof withDatabase>[3]>[0], reporter: Reporter) => Promise<T>): Promise<T> {
  const reporter: Reporter = { emit: (e) => options.onEvent?.(e), close: () => undefined };
  const started = Date.now();
  return withDatabase(options.db, `kmig ${command}`, options.lockTimeoutMs ?? DEFAULT_LOCK_POLICY.lockTimeoutMs, async (db) => {
    reporter.emit({ type: "run-start", command, database: db.where });
    try {
      const result = await work(db, reporter);
      reporter.emit({ type: "run-done", ok: true, ms: Date.now() - started });
      return result;
    } catch (e) {
      reporter.emit({ type: "run-done", ok: false, ms: Date.now() - started });
      throw e;
    }
  });
}
