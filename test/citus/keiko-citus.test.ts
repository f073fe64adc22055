import { readFileSync } from "node:fs";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../runtime/db/open.js";
import type { Db } from "../../runtime/db/connection.js";
import { readCitusTopology } from "../../runtime/citus/topology.js";
import { runCli } from "../support/cli.js";
import { insertGeneratedV1 } from "../support/keiko-data.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";
import { KEIKO_SPEC, keikoRows } from "../runtime/support/keiko.js";
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

/** Each table's kind and distribution column, as Citus's metadata says. */
async function layout(db: Db): Promise<Record<string, string>> {
  const t = await readCitusTopology(db);
  return Object.fromEntries([...(t?.tables.values() ?? [])].filter((x) => x.schema === "public").map((x) => [x.table, `${x.kind}${x.column ? ` by ${x.column}` : ""}`]));
}

/**
 * The issue's acceptance on a Citus cluster: Keiko v1 with users and agents as reference tables and
 * tasks distributed by id: `kmig baseline` records it and `kmig status` is clean. (The apply and the
 * rollback of the full spec join this file as the backfills and stashes that Citus runs land.)
 */
describe.skipIf(!CITUS_BASE)(`Keiko v1.9 → v2.0 on Citus${CITUS_BASE ? "" : ` (skipped: ${CITUS_SKIP_REASON})`}`, () => {
  let cluster: Awaited<ReturnType<typeof createCitusDatabase>>;
  let db: Db;
  const kmig = (url: string, ...args: string[]) => runCli([args[0], KEIKO_SPEC, "--db", url, ...args.slice(1)], { timeoutMs: 600_000 });

  beforeAll(async () => {
    cluster = await createCitusDatabase("kmig_citus_keiko");
    db = await openDb(cluster.url);
    await createCitusKeikoV1(db);
  }, 300_000);
  afterAll(async () => {
    await db?.close();
    await cluster?.drop();
  });

  it("kmig baseline records v1 on the coordinator: the live schema is the baseline's, status is clean", async () => {
    expect(await layout(db)).toEqual({ users: "reference", agents: "reference", tasks: "distributed by id" });
    const b = kmig(cluster.url, "baseline");
    expect(b.stderr).toBe("");
    expect(b.status).toBe(0);
    expect((await keikoRows(db)).tasks.length).toBeGreaterThan(COUNTS.tasks);
    const st = kmig(cluster.url, "status");
    expect(st.status).toBe(0);
    expect(st.stdout).toMatch(/✓ keiko_v1 +1\.9\.0 +applied/);
    expect(st.stdout).toMatch(/· keiko_v2 +2\.0\.0 +pending/);
    expect(st.stdout).toContain("no schema drift");
  }, 120_000);
});
