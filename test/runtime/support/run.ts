import { apply, type ApplyOptions } from "../../../runtime/apply.js";
import type { Db } from "../../../runtime/db/connection.js";
import { RunError } from "../../../runtime/errors.js";
import { SILENT, type Reporter, type RunEvent } from "../../../runtime/events.js";
import type { Plan } from "../../../core/plan.js";
import { rollback, type RollbackOptions } from "../../../runtime/rollback.js";
import { planImpact } from "../../../runtime/impact/plan-impact.js";
import type { PlanImpact } from "../../../runtime/impact/types.js";
import { DEFAULT_LOCK_POLICY } from "../../../runtime/transaction.js";

/** `kmig apply` through the library, with the CLI's defaults unless overridden. */
export function applyAll(db: Db, plans: readonly Plan[], opts: Partial<ApplyOptions> = {}, reporter: Reporter = SILENT): Promise<{ applied: string[] }> {
  return apply(db, plans, { lock: DEFAULT_LOCK_POLICY, batch: { batchSize: 10_000, pauseMs: 0 }, to: null, lockTimeoutMs: 5000, fixtures: [], runAt: new Date().toISOString(), config: null, ...opts }, reporter);
}

/** `kmig plan` through the library, at a fixed run time so that mappings reading now() agree between runs. */
export function planAll(db: Db, plans: readonly Plan[]): Promise<PlanImpact> {
  return planImpact(db, plans, { to: null, batchSize: 100, runAt: "2026-11-25T12:00:00Z" });
}

/** `kmig rollback` through the library. */
export function rollbackLast(db: Db, plans: readonly Plan[], opts: Partial<RollbackOptions> = {}, reporter: Reporter = SILENT) {
  return rollback(db, plans, { to: null, acceptDataLoss: false, lockTimeoutMs: 5000, dryRun: false, configTo: null, ...opts }, reporter);
}

/** The RunError a promise rejects with (the test fails if it resolves or throws something else). */
export async function runErrorOf(p: Promise<unknown>): Promise<RunError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof RunError) return e;
    throw e;
  }
  throw new Error("expected the run to fail");
}

/** A reporter that keeps every event, for assertions. */
export function recorder(): Reporter & { events: RunEvent[] } {
  const events: RunEvent[] = [];
  return { events, emit: (e) => events.push(e), close: () => undefined };
}
