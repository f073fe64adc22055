import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../runtime/db/open.js";
import type { Db } from "../../runtime/db/connection.js";
import { baseline } from "../../runtime/baseline.js";
import { status } from "../../runtime/status.js";
import { SILENT } from "../../runtime/events.js";
import { readDatabase } from "../../runtime/pull/read-database.js";
import { previewRollback } from "../../runtime/impact/rollback-preview.js";
import { acquireLock, releaseLock } from "../../runtime/lock.js";
import { applyAll, planAll, rollbackLast, runErrorOf } from "../runtime/support/run.js";
import { specFolder, type SpecFolder } from "../runtime/support/specs.js";
import { CITUS_BASE, CITUS_SKIP_REASON, createCitusDatabase } from "./support/citus.js";

const BASE = `baseline guard_v1 version '1' {
  describe 'a distributed table and a small one'
  create table owners {
    id   bigint primary key
    name text
  }
  create table items {
    id       bigint primary key
    owner_id bigint
    note     text?
  }
}
`;

const V2 = `migration guard_v2 from '1' to '2' {
  describe 'a column more'
  table items {
    add size integer?
  }
}
`;

/** kmig on a Citus cluster: it runs only on the coordinator, its lock timeout reaches the workers, its own tables stay on the coordinator. */
describe.skipIf(!CITUS_BASE)(`kmig's guards on Citus${CITUS_BASE ? "" : ` (skipped: ${CITUS_SKIP_REASON})`}`, () => {
  let cluster: Awaited<ReturnType<typeof createCitusDatabase>>;
  let db: Db;
  let spec: SpecFolder;
  beforeAll(async () => {
    cluster = await createCitusDatabase("kmig_citus_guards");
    db = await openDb(cluster.url);
    spec = specFolder({ "000_base.kmig": BASE, "001_v2.kmig": V2 });
    await db.exec(`
      CREATE TABLE owners (id bigint PRIMARY KEY, name text NOT NULL);
      CREATE TABLE items (id bigint PRIMARY KEY, owner_id bigint NOT NULL, note text);
      SELECT create_reference_table('owners');
      SELECT create_distributed_table('items', 'id', shard_count => 4);
      INSERT INTO owners SELECT g, 'o' || g FROM generate_series(1, 10) g;
      INSERT INTO items SELECT g, 1 + g % 10, 'n' || g FROM generate_series(1, 1000) g;
    `);
    await baseline(db, spec.plans, null, 5000, SILENT);
  }, 120_000);
  afterAll(async () => {
    spec?.remove();
    await db?.close();
    await cluster?.drop();
  });

  it("refuses every database command on a worker, naming the coordinator", async () => {
    const worker = await openDb(cluster.workers[0]);
    try {
      const coordinator = new URL(CITUS_BASE as string);
      const at = `${coordinator.hostname}:${coordinator.port}`;
      const commands: [string, () => Promise<unknown>][] = [
        ["apply", () => applyAll(worker, spec.plans)],
        ["rollback", () => rollbackLast(worker, spec.plans)],
        ["status", () => status(worker, spec.plans)],
        ["plan", () => planAll(worker, spec.plans)],
        ["plan --rollback", () => previewRollback(worker, spec.plans, { to: null, lockTimeoutMs: 1000 })],
        ["baseline", () => baseline(worker, spec.plans, null, 1000, SILENT)],
        ["pull", () => readDatabase(worker, "public")],
      ];
      for (const [name, run] of commands) {
        const e = await runErrorOf(run());
        expect(e.code, name).toBe("K9032");
        expect(e.message, name).toContain(`kmig runs only on the cluster's coordinator, ${at}`);
        expect(e.help, name).toContain(at);
      }
      // Nothing was written on the worker: no ledger of its own.
      expect((await worker.query<{ t: string | null }>(`SELECT to_regclass('kmig.ledger')::text AS t`)).rows[0].t).toBeNull();
    } finally {
      await worker.close();
    }
  });

  it("keeps its ledger and lock on the coordinator: its tables are none of Citus's", async () => {
    expect((await status(db, spec.plans)).migrations.map((m) => [m.id, m.state])).toEqual([["guard_v1", "applied"], ["guard_v2", "pending"]]);
    const citusTables = await db.query<{ t: string }>(`SELECT logicalrelid::regclass::text AS t FROM pg_dist_partition WHERE logicalrelid::regclass::text LIKE 'kmig.%'`);
    expect(citusTables.rows).toEqual([]);
    // The advisory lock is the coordinator's: a second session there is refused while it is held.
    const other = await openDb(cluster.url);
    try {
      await acquireLock(db, 1000);
      const e = await runErrorOf(acquireLock(other, 300));
      expect(e.code).toBe("K9002");
    } finally {
      await releaseLock(db);
      await other.close();
    }
  });

  it("sends its lock_timeout to the workers: a DDL step behind a reader of a shard fails in seconds", async () => {
    // A reader of one of items' shards, on the worker that holds it, in a transaction left open.
    const shard = await db.query<{ name: string; port: string }>(`
      SELECT 'items_' || s.shardid AS name, n.nodeport::text AS port
      FROM pg_dist_shard s JOIN pg_dist_placement p USING (shardid) JOIN pg_dist_node n USING (groupid)
      WHERE s.logicalrelid = 'items'::regclass ORDER BY s.shardid LIMIT 1`);
    const { name, port } = shard.rows[0];
    const workerUrl = cluster.workers.find((w) => new URL(w).port === port) as string;
    const reader = await openDb(workerUrl);
    try {
      await reader.query("BEGIN");
      await reader.query(`SELECT count(*) FROM "${name}"`);
      const started = Date.now();
      const e = await runErrorOf(applyAll(db, spec.plans, { lock: { lockTimeoutMs: 1000, retries: 0, backoffMs: 0 } }));
      const took = Date.now() - started;
      expect(e.code).toBe("K9101");
      expect(e.message).toMatch(/lock timeout|55P03/);
      // Without the propagation the worker waited for the reader (19 s in the issue); here the reader never lets go.
      expect(took).toBeLessThan(10_000);
    } finally {
      await reader.query("ROLLBACK").catch(() => undefined);
      await reader.close();
    }
    // Undone, and applied once the reader is gone.
    expect((await status(db, spec.plans)).migrations.map((m) => m.state)).toEqual(["applied", "pending"]);
    expect((await applyAll(db, spec.plans)).applied).toEqual(["guard_v2"]);
    expect((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM information_schema.columns WHERE table_name = 'items' AND column_name = 'size'`)).rows[0].n).toBe("1");
  });
});
