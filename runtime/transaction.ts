import { isDbError, LOCK_NOT_AVAILABLE, type Db } from "./db/connection.js";
import type { Reporter } from "./events.js";
import { beginStatements } from "./citus/propagate-settings.js";
import { buildStillNeeded } from "./failed-step-leftovers.js";
import { buildsConcurrently } from "../core/deferred-undo.js";

/** How schema statements wait for locks: briefly, and then retry with backoff rather than queue. */
export interface LockPolicy {
  readonly lockTimeoutMs: number;
  readonly retries: number;
  readonly backoffMs: number;
}

export const DEFAULT_LOCK_POLICY: LockPolicy = { lockTimeoutMs: 5000, retries: 5, backoffMs: 200 };

/**
 * Runs `work` in one transaction with `lock_timeout` (and any `settings`, `name = value` pairs)
 * set; a lock timeout rolls back and retries after an exponential backoff with jitter, so that DDL
 * never queues behind a long query for long. The transaction starts in one round trip: a
 * backfill starts one per batch.
 */
export async function inTransaction<T>(db: Db, policy: LockPolicy, step: string, reporter: Reporter, work: () => Promise<T>, settings: readonly string[] = []): Promise<T> {
  const begin = await beginStatements(db, policy.lockTimeoutMs, settings);
  for (let attempt = 1; ; attempt++) {
    try {
      await db.exec(begin);
      const out = await work();
      await db.query("COMMIT");
      return out;
    } catch (e) {
      await db.query("ROLLBACK").catch(() => undefined);
      if (!isDbError(e) || e.code !== LOCK_NOT_AVAILABLE || attempt > policy.retries) throw e;
      const waitMs = Math.round(policy.backoffMs * 2 ** (attempt - 1) * (0.5 + Math.random()));
      reporter.emit({ type: "retry", step, attempt, waitMs, reason: "lock_timeout: another session holds a lock this step needs" });
      await new Promise((r) => setTimeout(r, waitMs));
    }
  }
}

/**
 * A statement's form that may run inside a transaction: `CREATE/DROP INDEX CONCURRENTLY` may not,
 * and the plain statement does the same (holding its lock for the transaction).
 */
export function withoutConcurrently(sql: string): string {
  return sql.replace(/^DROP INDEX CONCURRENTLY /, "DROP INDEX ").replace(/^CREATE (UNIQUE )?INDEX CONCURRENTLY /, "CREATE $1INDEX ");
}

export { buildsConcurrently, concurrentIndexStatement } from "../core/deferred-undo.js";

/**
 * Statements that cannot run in a transaction (CREATE INDEX CONCURRENTLY), with the same lock
 * policy. An index build finds what a stopped earlier try left: a valid index of its name is kept
 * (the build is not run again), an INVALID one is dropped first.
 */
export async function outsideTransaction(db: Db, policy: LockPolicy, statements: readonly string[]): Promise<void> {
  await db.query(`SET lock_timeout = ${Math.max(1, Math.floor(policy.lockTimeoutMs))}`);
  try {
    for (const s of statements) {
      const sql = buildsConcurrently(s) ? await buildStillNeeded(db, s, true) : s;
      if (sql !== null) await db.query(sql);
    }
  } finally {
    await db.query("RESET lock_timeout").catch(() => undefined);
  }
}
