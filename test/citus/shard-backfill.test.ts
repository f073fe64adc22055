import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { baseline } from "../../runtime/baseline.js";
import { openDb } from "../../runtime/db/open.js";
import type { Db } from "../../runtime/db/connection.js";
import { SILENT } from "../../runtime/events.js";
import { createTestDatabase } from "../support/pg.js";
import { runCli } from "../support/cli.js";
import { createKeikoV1, expectKeikoRows, KEIKO_SPEC, keikoPlans, keikoRows, migrationDate, type KeikoRows } from "../runtime/support/keiko.js";
import { applyAll, recorder } from "../runtime/support/run.js";
import { startCli } from "../runtime/support/spawn.js";
import type { BackfillStep } from "../../core/plan.js";
import { backfillUpto } from "../../runtime/run-backfill.js";
import { shardUptoCondition, type ShardUpto } from "../../runtime/citus/shard-upto.js";
import { CITUS_BASE, CITUS_SKIP_REASON, createCitusDatabase } from "./support/citus.js";

const COUNTS = { users: 20, agents: 40, tasks: 700 };
const SEED = 4242;

/** Keiko v1.9 on Citus as the issue lays it out: users and agents reference tables, tasks distributed by id (8 shards). */
async function keikoOnCitus(db: Db): Promise<void> {
  await createKeikoV1(db, SEED, COUNTS);
  await db.exec(`SET client_min_messages = warning;
    SELECT create_reference_table('users'); SELECT create_reference_table('agents');
    SELECT create_distributed_table('tasks', 'id', shard_count => 8);
    SELECT truncate_local_data_after_distributing_table('users'), truncate_local_data_after_distributing_table('agents'), truncate_local_data_after_distributing_table('tasks');`);
  await baseline(db, keikoPlans(), null, 5000, SILENT);
}

/** The rows, with the one value that differs between two runs (the run's time in agents.metadata) named. */
function comparable(rows: KeikoRows, date: string): KeikoRows {
  const swap = (v: unknown) => JSON.parse(JSON.stringify(v).split(JSON.stringify(date)).join('"<run time>"')) as Record<string, unknown>[];
  return { users: rows.users, agents: swap(rows.agents), tasks: rows.tasks };
}

/** The same data migrated on one plain PostgreSQL server: what Citus must give. */
async function singleNode(): Promise<{ v1: KeikoRows; v2: KeikoRows }> {
  const d = await createTestDatabase();
  const db = await openDb(d.url);
  try {
    await createKeikoV1(db, SEED, COUNTS);
    await baseline(db, keikoPlans(), null, 5000, SILENT);
    const v1 = await keikoRows(db);
    await applyAll(db, keikoPlans(), { batch: { batchSize: 29, pauseMs: 0 } });
    return { v1, v2: comparable(await keikoRows(db), await migrationDate(db)) };
  } finally {
    await db.close();
    await d.drop();
  }
}

describe.skipIf(!CITUS_BASE)(`Keiko's backfills on Citus, shard by shard${CITUS_BASE ? "" : ` (skipped: ${CITUS_SKIP_REASON})`}`, () => {
  let reference: { v1: KeikoRows; v2: KeikoRows };
  beforeAll(async () => {
    reference = await singleNode();
  }, 120_000);

  it("gives every row a single-node apply gives; the workers' cursors are gone and progress counts each row once", async () => {
    const cluster = await createCitusDatabase();
    const db = await openDb(cluster.url);
    try {
      await keikoOnCitus(db);
      expect(await keikoRows(db)).toEqual(reference.v1);
      const events = recorder();
      // Small batches: every shard runs several keyset batches; two shards at once.
      expect((await applyAll(db, keikoPlans(), { batch: { batchSize: 29, pauseMs: 0, shardConcurrency: 2 } }, events)).applied).toEqual(["keiko_v2"]);
      const v2 = await keikoRows(db);
      expect(comparable(v2, await migrationDate(db))).toEqual(reference.v2);
      expectKeikoRows(v2, reference.v1, await migrationDate(db));
      const tasksStep = keikoPlans()[1].steps.find((s) => s.kind === "backfill" && s.table === "tasks")?.id;
      const progress = events.events.flatMap((e) => (e.type === "backfill-progress" && e.step === tasksStep ? [[e.done, e.total]] : []));
      expect(progress.at(-1)).toEqual([v2.tasks.length, v2.tasks.length]);
      expect(new Set(progress.map(([, t]) => t))).toEqual(new Set([v2.tasks.length]));
      for (const w of cluster.workers) {
        const node = await openDb(w);
        try {
          expect((await node.query(`SELECT * FROM "kmig"."shard_progress"`)).rows).toEqual([]);
        } finally {
          await node.close();
        }
      }
      // The stash is distributed with tasks, each original beside its row.
      const colocated = await db.query<{ same: boolean }>(`SELECT (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'kmig.stash__keiko_v2__tasks'::regclass) = (SELECT colocationid FROM pg_dist_partition WHERE logicalrelid = 'tasks'::regclass) AS same`);
      expect(String(colocated.rows[0].same)).toMatch(/^(t|true)$/);
    } finally {
      await db.close();
      await cluster.drop();
    }
  }, 300_000);

  it("through the coordinator instead (shardConcurrency 0: one statement a batch, in the form Citus accepts), the same rows", async () => {
    const cluster = await createCitusDatabase();
    const db = await openDb(cluster.url);
    try {
      await keikoOnCitus(db);
      expect((await applyAll(db, keikoPlans(), { batch: { batchSize: 97, pauseMs: 0, shardConcurrency: 0 } })).applied).toEqual(["keiko_v2"]);
      expect(comparable(await keikoRows(db), await migrationDate(db))).toEqual(reference.v2);
    } finally {
      await db.close();
      await cluster.drop();
    }
  }, 300_000);

  it("killed mid-backfill (SIGKILL between shard batches) and resumed: the same rows, each transformed exactly once", async () => {
    const cluster = await createCitusDatabase();
    const db = await openDb(cluster.url);
    try {
      await keikoOnCitus(db);
      const tasksStep = keikoPlans()[1].steps.find((s) => s.kind === "backfill" && s.table === "tasks")?.id;
      const run = startCli(["apply", KEIKO_SPEC, "--db", cluster.url, "--batch-size", "23", "--pause", "15", "--shard-concurrency", "2", "--json"]);
      let seen = 0;
      await run.waitFor((e) => e.type === "backfill-progress" && e.step === tasksStep && ++seen >= 9);
      run.child.kill("SIGKILL");
      expect((await run.done).signal).toBe("SIGKILL");
      // Some shards part-done on the workers, none recorded on the coordinator yet.
      let cursors = 0;
      for (const w of cluster.workers) {
        const node = await openDb(w);
        try {
          cursors += (await node.query(`SELECT 1 FROM "kmig"."shard_progress"`)).rows.length;
        } finally {
          await node.close();
        }
      }
      expect(cursors).toBeGreaterThan(0);
      // What a restore of the half-done step would touch (an undo, a rollback): exactly the rows transformed so far.
      const step = keikoPlans()[1].steps.find((s) => s.kind === "backfill" && s.table === "tasks") as BackfillStep;
      const upto = await backfillUpto(db, "keiko_v2", step);
      expect(upto && !Array.isArray(upto)).toBe(true);
      const cond = shardUptoCondition(step, upto as ShardUpto, 1);
      const counts = await db.query<{ done: string; mismatched: string }>(
        `SELECT count(*) FILTER (WHERE "metadata" ? 'migrated_from')::text AS done, count(*) FILTER (WHERE (true ${cond.sql}) <> ("metadata" ? 'migrated_from'))::text AS mismatched FROM "tasks"`,
        cond.params,
      );
      expect(Number(counts.rows[0].done)).toBeGreaterThan(0);
      expect(Number(counts.rows[0].done)).toBeLessThan(COUNTS.tasks);
      expect(counts.rows[0].mismatched).toBe("0");
      const resumed = runCli(["apply", KEIKO_SPEC, "--db", cluster.url, "--batch-size", "23"], { timeoutMs: 240_000 });
      expect(resumed.stderr).toBe("");
      expect(resumed.status).toBe(0);
      expect(comparable(await keikoRows(db), await migrationDate(db))).toEqual(reference.v2);
    } finally {
      await db.close();
      await cluster.drop();
    }
  }, 400_000);
});
