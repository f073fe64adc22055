import type { Db } from "./db/connection.js";
import type { Reporter } from "./events.js";
import { STEP_DONE_SQL } from "./ledger.js";
import { RANGE_MARKER, UPTO_MARKER, type BackfillStep } from "../core/plan.js";
import { inTransaction, type LockPolicy } from "./transaction.js";
import { withoutUserTriggers } from "./triggers.js";
import { ident as q } from "../core/sql-quote.js";
import { placeBackfillTables } from "./citus/stash-placement.js";
import { citusRoute, runShardBatches } from "./citus/shard-backfill.js";
import { shardUpto, shardUptoCondition, type ShardUpto } from "./citus/shard-upto.js";

/** How a backfill runs: rows per batch (default chosen by measurement: PERF-NOTES.md), and a pause. */
export interface BatchOptions {
  readonly batchSize: number;
  readonly pauseMs: number;
  /**
   * On Citus: how many shards of a distributed table are backfilled at once (spread over the
   * workers); 0 runs every batch through the coordinator instead. Default: SHARD_CONCURRENCY.
   */
  readonly shardConcurrency?: number;
}

/**
 * 10,000 rows a batch, by measurement: on the 1M-task Keiko database (bench/keiko-batch-size.mjs,
 * figures in bench/README.md) every size from 2k to 50k ran within the noise (±7%) of the others,
 * as in PERF-NOTES.md; 10k is at the small end of that plateau, so a batch holds its row locks, and
 * a crashed run redoes, only a fraction of a second's work.
 */
export const DEFAULT_BATCH: BatchOptions = { batchSize: 10_000, pauseMs: 0 };


/** `("a", "b")` and `($1::uuid, $2::int)` for a key tuple. */
function keyTuple(step: BackfillStep, qualify: string | null): string {
  return `(${step.key.map((k) => (qualify ? `${q(qualify)}.${q(k.column)}` : q(k.column))).join(", ")})`;
}

function paramTuple(step: BackfillStep, first: number): string {
  return `(${step.key.map((k, i) => `$${first + i}::${k.sqlType}`).join(", ")})`;
}

/**
 * Runs a backfill in keyset batches by primary key (see runBatches). On Citus, a distributed
 * table's batches run shard by shard on the workers (runtime/citus/shard-backfill.ts).
 */
export async function runBackfill(db: Db, migration: string, stepIndex: number, step: BackfillStep, opts: BatchOptions, policy: LockPolicy, reporter: Reporter): Promise<void> {
  if (step.key.length === 0) {
    // No key to batch by (the compiler warned): one statement, one transaction.
    await inTransaction(db, policy, step.id, reporter, async () => {
      await withoutUserTriggers(db, step, step.up, step.fireTriggers === true, async () => {
        for (const s of step.up) await db.query(s);
      });
      await db.query(STEP_DONE_SQL, [migration, stepIndex + 1]);
    });
    return;
  }
  await inTransaction(db, policy, step.id, reporter, async () => {
    for (const s of step.batch.prepare) await db.query(s);
    await placeBackfillTables(db, step);
  });
  const citus = await citusRoute(db, step, opts);
  if (citus?.kind === "shards") return runShardBatches(db, migration, stepIndex, step, citus, opts, policy, reporter);
  if (citus?.why) reporter.emit({ type: "info", message: `${step.summary}: through the Citus coordinator, not shard by shard: ${citus.why}` });
  // Through the Citus coordinator, the workers run each batch in the transaction's settings
  // (SET LOCALs are sent on, transaction.ts): in UTC, as kmig's own sessions, so that a time a
  // mapping prints reads the same as on one node.
  await runBatches(db, citus?.step ?? step, opts, policy, reporter, coordinatorBook(db, migration, stepIndex, step, reporter), citus ? ["TimeZone = 'UTC'"] : []);
}

/**
 * Where a run of batches keeps its resume cursor: read once at the start, then written by
 * `record` inside each batch's own transaction (so that the batch and its cursor commit together).
 */
export interface BatchBook {
  read(): Promise<{ cursor: unknown[] | null; done: number }>;
  /** In the batch's transaction: every row up to `hi` is done (`hi` null: the last batch, the whole table). */
  record(hi: unknown[] | null, done: number): Promise<void>;
  /** After each batch's commit: rows done so far and the total expected. */
  progress(done: number, total: number): void;
}

/** The single-node book: the cursor in `kmig.backfill_progress`, the last batch records the step done. */
function coordinatorBook(db: Db, migration: string, stepIndex: number, step: BackfillStep, reporter: Reporter): BatchBook {
  let started = 0;
  let doneAtStart = 0;
  return {
    async read() {
      const progress = await db.query<{ last_key: string | null; rows_done: string }>(`SELECT "last_key"::text, "rows_done"::text FROM "kmig"."backfill_progress" WHERE "migration" = $1 AND "step" = $2`, [migration, step.id]);
      const done = Number(progress.rows[0]?.rows_done ?? 0);
      started = Date.now();
      doneAtStart = done;
      return { cursor: progress.rows[0]?.last_key ? (JSON.parse(progress.rows[0].last_key) as unknown[]) : null, done };
    },
    async record(hi, done) {
      if (hi === null) {
        await db.query(`DELETE FROM "kmig"."backfill_progress" WHERE "migration" = $1 AND "step" = $2`, [migration, step.id]);
        await db.query(STEP_DONE_SQL, [migration, stepIndex + 1]);
      } else {
        await db.query(
          `INSERT INTO "kmig"."backfill_progress" ("migration", "step", "last_key", "rows_done") VALUES ($1, $2, $3::jsonb, $4)
           ON CONFLICT ("migration", "step") DO UPDATE SET "last_key" = EXCLUDED."last_key", "rows_done" = EXCLUDED."rows_done"`,
          [migration, step.id, JSON.stringify(hi), done],
        );
      }
    },
    progress(done, total) {
      const secs = (Date.now() - started) / 1000;
      const rate = secs > 0 ? (done - doneAtStart) / secs : 0;
      reporter.emit({ type: "backfill-progress", migration, step: step.id, done, total, rowsPerSecond: Math.round(rate), etaSeconds: rate > 0 ? Math.max(0, (total - done) / rate) : null });
    },
  };
}

/**
 * The keyset batches of one table (on a single node, or one shard on its worker): each batch
 * commits together with its resume cursor (`book.record`), so a run killed at any moment resumes
 * after the last committed batch: every row is transformed exactly once (the mappings are not
 * idempotent).
 */
export async function runBatches(db: Db, step: BackfillStep, opts: BatchOptions, policy: LockPolicy, reporter: Reporter, book: BatchBook, settings: readonly string[] = [], qualify: string | null = null): Promise<void> {
  const start = await book.read();
  // A statement that joins another table with the same key columns (a refill from its stash) names the key by its table.
  const key = keyTuple(step, qualify);
  let cursor = start.cursor;
  let done = start.done;
  let bounds: unknown[][] = [];
  let total = -1;
  for (;;) {
    // Fetched again when used up: the last batch starts only where fewer than a batch of rows are left now.
    if (bounds.length === 0) {
      bounds = await upperBounds(db, step, cursor, opts.batchSize);
      if (total < 0) total = done + (await rowsLeft(db, step, cursor, bounds, opts.batchSize));
    }
    const hi = bounds.shift() ?? null;
    const conds: string[] = [];
    const params: unknown[] = [];
    if (cursor) {
      conds.push(`${key} > ${paramTuple(step, 1)}`);
      params.push(...cursor);
    }
    if (hi) {
      conds.push(`${key} <= ${paramTuple(step, params.length + 1)}`);
      params.push(...hi);
    }
    const range = conds.map((c) => `AND ${c}`).join(" ");
    const last = hi === null;
    // A batch's commit need not wait for its WAL to reach disk: a server crash loses such a
    // commit whole, the batch with its cursor, and the resumed run redoes exactly that batch.
    // The last batch, which records the step as done, commits synchronously, and flushing it
    // flushes every batch before it.
    const batchSettings = [...settings, ...(last ? [] : ["synchronous_commit = off"])];
    const n = await inTransaction(db, policy, step.id, reporter, async () => {
      let touched = 0;
      await withoutUserTriggers(db, step, step.batch.perBatch, step.fireTriggers === true, async () => {
        for (const s of step.batch.perBatch) {
          const r = await db.query(s.replace(RANGE_MARKER, range), params);
          if (s.startsWith("UPDATE")) touched = r.rowCount;
        }
      });
      await book.record(hi, done + touched);
      return touched;
    }, batchSettings);
    done += n;
    total = Math.max(total, done);
    book.progress(done, total);
    if (last) return;
    cursor = hi;
    if (opts.pauseMs > 0) await new Promise((r) => setTimeout(r, opts.pauseMs));
  }
}

/**
 * A backfill's refill in keyset batches, as rollback runs it after its transaction has committed
 * (core/deferred-undo.ts): the refill (stashed originals put back, inverses recomputed — not
 * idempotent) batch by batch, each committed with its cursor, so that a rollback stopped half-way
 * restores every row exactly once when run again; the last batch's transaction also runs the rest
 * of the down (the stash dropped) and records in the ledger that the undo of step `stepIndex` is done.
 */
export async function runRestore(db: Db, migration: string, stepIndex: number, step: BackfillStep, refill: readonly string[], opts: BatchOptions, policy: LockPolicy, reporter: Reporter): Promise<void> {
  const rest = (step.down ?? []).filter((s) => !refill.includes(s));
  // Each batch runs every refill statement over its key range (the rows recomputed, the stashed rows put back: each row once).
  const refilling: BackfillStep = { ...step, batch: { prepare: [], perBatch: refill.map((s) => s.replace(UPTO_MARKER, RANGE_MARKER)) } };
  await runBatches(db, refilling, opts, policy, reporter, restoreBook(db, migration, stepIndex, step, rest, opts.batchSize, reporter), [], step.table);
}

/**
 * A refill's book: its cursor in `kmig.backfill_progress` (rollback cleared the forward run's
 * rows there), progress in rows covered (a refill changes only some of them); the last batch runs
 * the rest of the down and counts the ledger's steps_done down past the step.
 */
function restoreBook(db: Db, migration: string, stepIndex: number, step: BackfillStep, rest: readonly string[], batchSize: number, reporter: Reporter): BatchBook {
  let covered = 0;
  let started = 0;
  let coveredAtStart = 0;
  return {
    async read() {
      const progress = await db.query<{ last_key: string | null; rows_done: string }>(`SELECT "last_key"::text, "rows_done"::text FROM "kmig"."backfill_progress" WHERE "migration" = $1 AND "step" = $2`, [migration, step.id]);
      covered = coveredAtStart = Number(progress.rows[0]?.rows_done ?? 0);
      started = Date.now();
      return { cursor: progress.rows[0]?.last_key ? (JSON.parse(progress.rows[0].last_key) as unknown[]) : null, done: covered };
    },
    async record(hi) {
      if (hi === null) {
        for (const s of rest) await db.query(s);
        await db.query(`DELETE FROM "kmig"."backfill_progress" WHERE "migration" = $1 AND "step" = $2`, [migration, step.id]);
        await db.query(`UPDATE "kmig"."ledger" SET "steps_done" = $2 WHERE "id" = $1`, [migration, stepIndex]);
      } else {
        await db.query(
          `INSERT INTO "kmig"."backfill_progress" ("migration", "step", "last_key", "rows_done") VALUES ($1, $2, $3::jsonb, $4)
           ON CONFLICT ("migration", "step") DO UPDATE SET "last_key" = EXCLUDED."last_key", "rows_done" = EXCLUDED."rows_done"`,
          [migration, step.id, JSON.stringify(hi), covered + batchSize],
        );
      }
    },
    progress(_changed, total) {
      // Each batch but the last covers batchSize rows (its bounds are that far apart); the last, the rest.
      covered = Math.min(total, covered + batchSize);
      const last = covered >= total;
      const done = last ? total : covered;
      const secs = (Date.now() - started) / 1000;
      const rate = secs > 0 ? (done - coveredAtStart) / secs : 0;
      reporter.emit({ type: "backfill-progress", migration, step: step.id, done, total, rowsPerSecond: Math.round(rate), etaSeconds: rate > 0 ? Math.max(0, (total - done) / rate) : null });
    },
  };
}

/** How many batches one look-up of upper keys plans: 10M rows at the default batch size. */
const BOUNDS_PER_QUERY = 1000;

/**
 * The upper keys of the next batches after `cursor`, `batchSize` rows apart, from one scan of the
 * key's index. Found up front, before the batches clear the visibility map of the pages they
 * touch: probing before each batch instead (`OFFSET n-1 LIMIT 1`) visits the heap for each key
 * once the table is being updated, ~8% of a backfill's time when keys are random (uuid v4).
 */
async function upperBounds(db: Db, step: BackfillStep, cursor: unknown[] | null, batchSize: number): Promise<unknown[][]> {
  const cols = step.key.map((k) => q(k.column)).join(", ");
  const lower = cursor ? `WHERE ${keyTuple(step, null)} > ${paramTuple(step, 1)}` : "";
  const keys = `SELECT ${cols}, row_number() OVER (ORDER BY ${cols}) AS "kmig_rn" FROM ${q(step.table)} ${lower} ORDER BY ${cols} LIMIT ${batchSize * BOUNDS_PER_QUERY}`;
  const r = await db.query<Record<string, string>>(`SELECT ${cols} FROM (${keys}) AS "kmig_keys" WHERE "kmig_rn" % ${batchSize} = 0 ORDER BY "kmig_rn"`, cursor ?? []);
  return r.rows.map((row) => step.key.map((k) => row[k.column]));
}

/**
 * The rows a backfill has left after `cursor`, for its progress. When the look-up of `bounds`
 * reached the end of the table, only the rows after its last bound (fewer than a batch) are
 * counted; a count of the whole table otherwise.
 */
async function rowsLeft(db: Db, step: BackfillStep, cursor: unknown[] | null, bounds: readonly unknown[][], batchSize: number): Promise<number> {
  if (bounds.length >= BOUNDS_PER_QUERY) return Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${q(step.table)}`)).rows[0].n);
  const from = bounds.at(-1) ?? cursor;
  const after = from ? `WHERE ${keyTuple(step, null)} > ${paramTuple(step, 1)}` : "";
  const r = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM (SELECT 1 FROM ${q(step.table)} ${after} LIMIT ${batchSize}) AS "kmig_rest"`, from ?? []);
  return bounds.length * batchSize + Number(r.rows[0].n);
}

/** The restore statements of a backfill, limited to the rows processed so far when it stopped half-way. */
export function restoreStatements(step: BackfillStep, upto: BackfillUpto | null): { sql: string; params: unknown[] }[] {
  return (step.down ?? []).map((s) => {
    if (!upto || !s.includes(UPTO_MARKER)) return { sql: s, params: [] };
    if (!Array.isArray(upto)) {
      const c = shardUptoCondition(step, upto as ShardUpto, 1);
      return { sql: s.replace(UPTO_MARKER, c.sql), params: c.params };
    }
    return { sql: s.replace(UPTO_MARKER, `AND ${keyTuple(step, step.table)} <= ${paramTuple(step, 1)}`), params: upto };
  });
}

/** How far a half-done backfill got: a key (one cursor), or, on Citus, one cursor per shard. */
export type BackfillUpto = readonly unknown[] | ShardUpto;

/** Where a half-done backfill stopped, for its restore: per shard when it ran shard by shard, else its cursor; null when nothing is recorded. */
export async function backfillUpto(db: Db, migration: string, step: BackfillStep): Promise<BackfillUpto | null> {
  return (await shardUpto(db, migration, step)) ?? (await backfillCursor(db, migration, step.id));
}

/** Where a half-done backfill stopped, or null when none is recorded. */
export async function backfillCursor(db: Db, migration: string, step: string): Promise<unknown[] | null> {
  const r = await db.query<{ last_key: string | null }>(`SELECT "last_key"::text FROM "kmig"."backfill_progress" WHERE "migration" = $1 AND "step" = $2`, [migration, step]);
  return r.rows[0]?.last_key ? (JSON.parse(r.rows[0].last_key) as unknown[]) : null;
}
