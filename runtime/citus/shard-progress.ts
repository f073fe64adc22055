import type { Db } from "../db/connection.js";

/**
 * Where a per-shard backfill keeps each shard's resume cursor: a table `kmig.shard_progress` on
 * the node that holds the shard (a plain table of that node, not a Citus table), written in the
 * same local transaction as the shard's batch.
 *
 * Why that is exact: a batch on a shard updates rows of that shard, writes their originals into
 * the colocated stash shard, and moves the shard's cursor, and all three tables are on the one
 * node the batch's transaction runs on. The node commits them together or not at all, with no
 * two-phase commit and no coordinator involved; a run killed at any moment finds, on each node,
 * every shard's cursor exactly after its last committed batch, and resumes each shard there, so
 * every row is transformed exactly once. The coordinator records the step done (its ledger) only
 * after every shard's last batch has committed (synchronously, which also flushes the earlier
 * asynchronous commits of that node): a kill in between finds every shard done and only records it.
 *
 * `run_at` (the run's time, the ledger's start of the migration) tells a resumed run's rows from
 * those an earlier apply of the same migration left behind (rolled back since): those are deleted.
 * A shard moved to another node during a run would leave its cursor behind: the reader refuses
 * that (shard-backfill.ts) rather than transform rows twice.
 */
export const SHARD_PROGRESS_DDL = [
  // Citus refuses schema DDL on a worker, even IF NOT EXISTS: the schema comes from the coordinator
  // (kmig's functions and colocated stash tables in it are propagated there).
  `DO $kmig$ BEGIN IF to_regnamespace('kmig') IS NULL THEN CREATE SCHEMA "kmig"; END IF; END $kmig$`,
  `CREATE TABLE IF NOT EXISTS "kmig"."shard_progress" (
    "migration" text NOT NULL,
    "step" text NOT NULL,
    "shard" bigint NOT NULL,
    "run_at" timestamptz NOT NULL,
    "last_key" jsonb,
    "rows_done" bigint NOT NULL DEFAULT 0,
    "done" boolean NOT NULL DEFAULT false,
    PRIMARY KEY ("migration", "step", "shard")
  )`,
];

/** One shard's recorded progress. */
export interface ShardProgress {
  readonly shard: string;
  readonly lastKey: unknown[] | null;
  readonly rowsDone: number;
  readonly done: boolean;
}

/** The progress rows of one step on one node, after deleting an earlier run's. */
export async function readShardProgress(node: Db, migration: string, step: string, runAt: string): Promise<ShardProgress[]> {
  for (const s of SHARD_PROGRESS_DDL) await node.query(s);
  await node.query(`DELETE FROM "kmig"."shard_progress" WHERE "migration" = $1 AND "step" = $2 AND "run_at" <> $3::timestamptz`, [migration, step, runAt]);
  const r = await node.query<{ shard: string; last_key: string | null; rows_done: string; done: boolean | string }>(
    `SELECT "shard"::text, "last_key"::text, "rows_done"::text, "done" FROM "kmig"."shard_progress" WHERE "migration" = $1 AND "step" = $2`,
    [migration, step],
  );
  return r.rows.map((x) => ({ shard: x.shard, lastKey: x.last_key ? (JSON.parse(x.last_key) as unknown[]) : null, rowsDone: Number(x.rows_done), done: x.done === true || x.done === "t" || x.done === "true" }));
}

/** In the shard's batch transaction on its node: every row up to `hi` done (`hi` null: the whole shard). */
export async function recordShardProgress(node: Db, migration: string, step: string, shard: string, runAt: string, hi: unknown[] | null, rowsDone: number): Promise<void> {
  await node.query(
    `INSERT INTO "kmig"."shard_progress" ("migration", "step", "shard", "run_at", "last_key", "rows_done", "done") VALUES ($1, $2, $3, $4::timestamptz, $5::jsonb, $6, $7)
     ON CONFLICT ("migration", "step", "shard") DO UPDATE SET "last_key" = EXCLUDED."last_key", "rows_done" = EXCLUDED."rows_done", "done" = EXCLUDED."done"`,
    [migration, step, shard, runAt, hi === null ? null : JSON.stringify(hi), rowsDone, hi === null],
  );
}

/** After the coordinator recorded the step done: the nodes' rows of the step are no longer needed. */
export async function forgetShardProgress(node: Db, migration: string, step: string): Promise<void> {
  await node.query(`DELETE FROM "kmig"."shard_progress" WHERE "migration" = $1 AND "step" = $2`, [migration, step]);
}
