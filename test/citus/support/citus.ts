import pg from "pg";
import { randomBytes } from "node:crypto";

/**
 * A Citus cluster for the tests in test/citus: its coordinator's URL without a database, from
 * KMIG_TEST_CITUS (`.ci/run` starts a local cluster and sets it). Without it those tests are skipped,
 * and say so: kmig itself never needs Citus.
 */
export const CITUS_BASE = process.env.KMIG_TEST_CITUS ?? null;

/** Why Citus tests were skipped, for the test title. */
export const CITUS_SKIP_REASON = "no Citus cluster: set KMIG_TEST_CITUS=postgres://postgres@127.0.0.1:55440 (.ci/run does)";

async function run(url: string, sql: readonly string[]): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    for (const s of sql) await c.query(s);
  } finally {
    await c.end();
  }
}

function withDb(base: string, name: string): string {
  return `${base.replace(/\/[^/@]*$/, "").replace(/\/$/, "")}/${name}`;
}

/**
 * A fresh database with Citus on the coordinator and every worker, the workers added: one test
 * file's own cluster database. Drop it when done. Workers are found in the coordinator's
 * `pg_dist_node` (the cluster was set up once, in its `postgres` database).
 */
export async function createCitusDatabase(prefix = "kmig_citus"): Promise<{ url: string; name: string; workers: string[]; drop: () => Promise<void> }> {
  if (!CITUS_BASE) throw new Error(CITUS_SKIP_REASON);
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const admin = new pg.Client({ connectionString: withDb(CITUS_BASE, "postgres") });
  await admin.connect();
  const nodes = (await admin.query<{ host: string; port: number }>(`SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY nodeport`)).rows;
  await admin.end();
  const user = new URL(CITUS_BASE).username || "postgres";
  const workers = nodes.map((n) => `postgres://${user}@${n.host}:${n.port}`);
  const all = [CITUS_BASE, ...workers];
  for (const node of all) await run(withDb(node, "postgres"), [`CREATE DATABASE "${name}"`]);
  for (const node of all) await run(withDb(node, name), ["SET client_min_messages = warning", "CREATE EXTENSION citus"]);
  const coordinator = new URL(CITUS_BASE);
  await run(withDb(CITUS_BASE, name), [
    `SELECT citus_set_coordinator_host('${coordinator.hostname}', ${Number(coordinator.port || 5432)})`,
    ...nodes.map((n) => `SELECT citus_add_node('${n.host}', ${Number(n.port)})`),
  ]);
  return {
    name,
    url: withDb(CITUS_BASE, name),
    workers: workers.map((w) => withDb(w, name)),
    drop: async () => {
      for (const node of all) await run(withDb(node, "postgres"), [`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`]);
    },
  };
}
