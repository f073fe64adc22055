import { readFileSync } from "node:fs";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../runtime/db/open.js";
import type { Db } from "../../runtime/db/connection.js";
import { readCitusTopology } from "../../runtime/citus/topology.js";
import { runCli } from "../support/cli.js";
import { insertGeneratedV1 } from "../support/keiko-data.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";
import { postgresDb, type TestDb } from "../runtime/support/engines.js";
import { expectKeikoRows, expectKeikoSchema, KEIKO_SPEC, keikoRows, migrationDate, type KeikoRows } from "../runtime/support/keiko.js";
import { snapshotDb, type DbSnapshot } from "../runtime/support/snapshot.js";
import { CITUS_BASE, CITUS_SKIP_REASON, createCitusDatabase } from "./support/citus.js";

const SEED = 1818;
const COUNTS = { users: 30, agents: 60, tasks: 1500 };

/**
 * Keiko v1.9 with its tables laid out as docs/citus.md says: the small tables reference tables (a
 * copy on every node), `tasks` distributed by `id` (its foreign keys point at reference tables,
 * which Citus allows from a distributed table). The rows are loaded after the layout, through the
 * coordinator, as an application writes them.
 */
async function createCitusKeikoV1(db: Db): Promise<void> {
  await db.exec(readFileSync(`${KEIKO_FIXTURES}../reference/v1-schema.sql`, "utf8"));
  await db.exec(`
    SELECT create_reference_table('users');
    SELECT create_reference_table('agents');
    SELECT create_distributed_table('tasks', 'id', shard_count => 8);
  `);
  await db.exec(readFileSync(`${KEIKO_FIXTURES}v1-sample.sql`, "utf8"));
  await insertGeneratedV1({ query: (sql: string, params: unknown[]) => db.query(sql, params) } as unknown as pg.Client, SEED, COUNTS);
}

/** The same v1 rows on one PostgreSQL server. */
async function createSingleKeikoV1(db: Db): Promise<void> {
  await db.exec(readFileSync(`${KEIKO_FIXTURES}../reference/v1-schema.sql`, "utf8"));
  await db.exec(readFileSync(`${KEIKO_FIXTURES}v1-sample.sql`, "utf8"));
  await insertGeneratedV1({ query: (sql: string, params: unknown[]) => db.query(sql, params) } as unknown as pg.Client, SEED, COUNTS);
}

/** Rows with the run's own time (what `now()` read: the ledger's start of keiko_v2) replaced, so that two runs compare. */
function withoutRunTime(rows: KeikoRows, runTime: string): unknown {
  return JSON.parse(JSON.stringify(rows, (_k, v: unknown) => (v === runTime ? "<run time>" : v)));
}

/**
 * A snapshot without kmig's per-shard cursor table: the first per-shard backfill creates it (on
 * every node, the coordinator included), and like the ledger it stays. The rest of kmig's schema,
 * and all of the user's, must be as before.
 */
function withoutShardCursors(s: DbSnapshot): DbSnapshot {
  return { ...s, kmig: { ...s.kmig, relations: s.kmig.relations.filter((r) => !/ shard_progress(_pkey)?$/.test(r)) } };
}

/** Each table's kind and distribution column, as Citus's metadata says. */
async function layout(db: Db): Promise<Record<string, string>> {
  const t = await readCitusTopology(db);
  return Object.fromEntries([...(t?.tables.values() ?? [])].filter((x) => x.schema === "public").map((x) => [x.table, `${x.kind}${x.column ? ` by ${x.column}` : ""}`]));
}

/**
 * The issue's acceptance on a Citus cluster: Keiko v1 with users and agents as reference tables and
 * tasks distributed by id; `kmig baseline`, `kmig apply` (the full spec; config steps aside), every
 * migrated row equal to an apply of the same rows on one server, `kmig rollback` back to v1 row for
 * row, `kmig status` clean. The steps share one database and run in order.
 */
describe.skipIf(!CITUS_BASE)(`Keiko v1.9 → v2.0 on Citus${CITUS_BASE ? "" : ` (skipped: ${CITUS_SKIP_REASON})`}`, () => {
  let cluster: Awaited<ReturnType<typeof createCitusDatabase>>;
  let single: TestDb;
  let db: Db;
  let v1: DbSnapshot;
  let v1Rows: KeikoRows;
  let v1Layout: Record<string, string>;
  const kmig = (url: string, ...args: string[]) => runCli([args[0], KEIKO_SPEC, "--db", url, ...args.slice(1)], { timeoutMs: 600_000 });

  beforeAll(async () => {
    cluster = await createCitusDatabase("kmig_citus_keiko");
    db = await openDb(cluster.url);
    await createCitusKeikoV1(db);
    single = await postgresDb();
    const s = await single.open();
    try {
      await createSingleKeikoV1(s);
    } finally {
      await s.close();
    }
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    await cluster?.drop();
    await single?.drop();
  });

  it("kmig baseline records v1 on the coordinator: the live schema is the baseline's, status is clean", async () => {
    v1Layout = await layout(db);
    expect(v1Layout).toEqual({ users: "reference", agents: "reference", tasks: "distributed by id" });
    const b = kmig(cluster.url, "baseline");
    expect(b.stderr).toBe("");
    expect(b.status).toBe(0);
    v1 = await snapshotDb(db);
    v1Rows = await keikoRows(db);
    expect(v1Rows.tasks.length).toBeGreaterThan(COUNTS.tasks);
    const st = kmig(cluster.url, "status");
    expect(st.status).toBe(0);
    expect(st.stdout).toMatch(/✓ keiko_v1 +1\.9\.0 +applied/);
    expect(st.stdout).toMatch(/· keiko_v2 +2\.0\.0 +pending/);
    expect(st.stdout).toContain("no schema drift");
  }, 120_000);

  it("kmig apply: every migrated row equals an apply of the same rows on one server, and the contract's", async () => {
    expect(kmig(single.url, "baseline").status).toBe(0);
    const one = kmig(single.url, "apply", "--batch-size", "200");
    expect(one.status, one.stderr).toBe(0);
    const applied = kmig(cluster.url, "apply", "--batch-size", "200");
    expect(applied.stderr).toBe("");
    expect(applied.status).toBe(0);
    expect(applied.stdout).toContain("applied keiko_v2");
    const s = await single.open();
    try {
      const onCitus = await keikoRows(db);
      const onOne = await keikoRows(s);
      expect(withoutRunTime(onCitus, await migrationDate(db))).toEqual(withoutRunTime(onOne, await migrationDate(s)));
      expectKeikoRows(onCitus, v1Rows, await migrationDate(db));
    } finally {
      await s.close();
    }
    await expectKeikoSchema(db);
    // The layout is kept: tasks still distributed by id, the small tables still on every node.
    expect(await layout(db)).toMatchObject(v1Layout);
  }, 600_000);

  it("kmig status after apply: applied, no drift", async () => {
    const st = kmig(cluster.url, "status");
    expect(st.status).toBe(0);
    expect(st.stdout).toMatch(/✓ keiko_v2 +2\.0\.0 +applied/);
    expect(st.stdout).toContain("no schema drift");
  }, 120_000);

  it("kmig rollback: every row back to v1, the layout kept, status clean", async () => {
    const rolled = kmig(cluster.url, "rollback");
    expect(rolled.stderr).toBe("");
    expect(rolled.status).toBe(0);
    expect(rolled.stdout).toContain("rolled back keiko_v2");
    expect(await keikoRows(db)).toEqual(v1Rows);
    expect(withoutShardCursors(await snapshotDb(db))).toEqual(v1);
    expect(await layout(db)).toEqual(v1Layout);
    const st = kmig(cluster.url, "status");
    expect(st.status).toBe(0);
    expect(st.stdout).toMatch(/· keiko_v2 +2\.0\.0 +pending/);
    expect(st.stdout).toContain("no schema drift");
  }, 600_000);
});
