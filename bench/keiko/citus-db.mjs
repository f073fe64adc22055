// A Citus database for the benchmark: created on the coordinator and on every worker the cluster's
// `postgres` database registers, Citus in each, the workers added; then Keiko v1 laid out as
// docs/citus.md says (users and agents reference tables, tasks distributed by id) and filled with
// the same generated rows as the single-node database.

import pg from "pg";
import { V1_SCHEMA, v1RowStatements } from "./v1-data.mjs";
import { urlOf } from "./databases.mjs";

const q = (name) => `"${name.replace(/"/g, '""')}"`;

async function run(url, statements) {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const out = [];
    for (const s of statements) out.push(await c.query(s));
    return out;
  } finally {
    await c.end();
  }
}

/** The workers of the cluster whose coordinator is `coordinator` (a server URL without a database). */
export async function citusWorkers(coordinator) {
  const [r] = await run(urlOf(coordinator, "postgres"), [`SELECT nodename AS host, nodeport AS port FROM pg_dist_node WHERE groupid <> 0 AND noderole = 'primary' ORDER BY nodeport`]);
  const user = new URL(coordinator).username || "postgres";
  return r.rows.map((n) => ({ host: n.host, port: Number(n.port), server: `postgres://${user}@${n.host}:${n.port}` }));
}

/** Drops database `name` on the coordinator and every worker. */
export async function dropCitusDb(coordinator, name) {
  for (const node of [coordinator, ...(await citusWorkers(coordinator)).map((w) => w.server)]) {
    await run(urlOf(node, "postgres"), [`DROP DATABASE IF EXISTS ${q(name)} WITH (FORCE)`]);
  }
}

/** Creates database `name` on every node, with Citus and the workers added; returns the workers. */
export async function createCitusDb(coordinator, name) {
  const workers = await citusWorkers(coordinator);
  await dropCitusDb(coordinator, name);
  for (const node of [coordinator, ...workers.map((w) => w.server)]) {
    await run(urlOf(node, "postgres"), [`CREATE DATABASE ${q(name)}`]);
    await run(urlOf(node, name), ["SET client_min_messages = warning", "CREATE EXTENSION citus"]);
  }
  const at = new URL(coordinator);
  await run(urlOf(coordinator, name), [`SELECT citus_set_coordinator_host('${at.hostname}', ${Number(at.port || 5432)})`, ...workers.map((w) => `SELECT citus_add_node('${w.host}', ${w.port})`)]);
  return workers;
}

/** Keiko v1 in `name`: the schema, the layout (`shards` shards for tasks), the generated rows, analysed. */
export async function loadCitusV1(coordinator, name, counts, keys, shards) {
  await run(urlOf(coordinator, name), [
    "SET client_min_messages = warning",
    V1_SCHEMA,
    "SELECT create_reference_table('users')",
    "SELECT create_reference_table('agents')",
    `SELECT create_distributed_table('tasks', 'id', shard_count => ${Number(shards)})`,
    ...v1RowStatements(counts, keys),
    "VACUUM (ANALYZE)",
  ]);
}

/** Per worker port: how many of tasks' shards it holds and their rows (the work a backfill of tasks gives it). */
export async function tasksPerWorker(coordinator, name) {
  const [r] = await run(urlOf(coordinator, name), [
    `SELECT nodeport AS port, count(*)::int AS shards, sum(result::bigint)::bigint AS rows
     FROM run_command_on_placements('tasks', 'SELECT count(*) FROM %s') GROUP BY nodeport ORDER BY nodeport`,
  ]);
  return r.rows.map((x) => ({ port: Number(x.port), shards: x.shards, rows: Number(x.rows) }));
}
