// The backfill of Keiko's distributed `tasks` on Citus, shard by shard on the workers against
// through the coordinator, and against one PostgreSQL server: one mode per run (each under two
// minutes at 100k tasks on the shared machine), the figures in bench/README.md.
//
//   npm run build && node bench/citus-backfill.mjs --mode shards|coordinator|single [--tasks 100000]
//        [--shards 32] [--batch-size 10000] [--shard-concurrency N]
//        [--citus postgres://postgres@127.0.0.1:55440] [--server postgres://postgres@127.0.0.1:5432]
//
// Generates Keiko v1 (bench/keiko/v1-data.mjs, random uuid keys; on Citus users and agents
// reference tables, tasks distributed by id), untimed `kmig baseline`, then times `kmig apply`
// and prints the seconds of the two backfill steps (tasks: distributed; agents: reference) and of
// the whole apply. `shards`: kmig's default on Citus (runtime/citus/shard-backfill.ts);
// `coordinator`: `--shard-concurrency 0`, every batch one statement through the coordinator
// (runtime/citus/coordinator-batch.ts).

import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { createV1, dropDb, urlOf } from "./keiko/databases.mjs";
import { createCitusDb, dropCitusDb, loadCitusV1, tasksPerWorker } from "./keiko/citus-db.mjs";
import { runMeasured } from "./keiko/process.mjs";
import { kmigSteps } from "./keiko/steps.mjs";
import { option } from "./stats.mjs";

const argv = process.argv.slice(2);
const mode = option(argv, "mode", "shards");
const tasks = Number(option(argv, "tasks", "100000"));
const counts = { tasks, agents: Math.max(10, Math.round(tasks / 50)), users: Math.max(10, Math.round(tasks / 1000)) };
const shards = Number(option(argv, "shards", "32"));
const batchSize = option(argv, "batch-size", "10000");
const concurrency = option(argv, "shard-concurrency", null);
const citus = option(argv, "citus", process.env.KMIG_TEST_CITUS ?? "postgres://postgres@127.0.0.1:55440");
const server = option(argv, "server", "postgres://postgres@127.0.0.1:5432");

if (!existsSync("dist/kmig.mjs")) {
  console.error("dist/kmig.mjs is missing: run `npm run build` first");
  process.exit(2);
}
if (!["shards", "coordinator", "single"].includes(mode)) {
  console.error(`--mode takes shards, coordinator or single, found ${mode}`);
  process.exit(2);
}

const name = `kmig_bench_backfill_${process.pid}`;
const base = mode === "single" ? server : citus;
const url = urlOf(base, name);
const kmig = (cmd, extra = []) => runMeasured(process.execPath, ["bin/kmig.js", cmd, "specs/keiko", "--db", url, "--json", ...extra]);

const t0 = Date.now();
if (mode === "single") await createV1(server, name, counts, "random");
else {
  await createCitusDb(citus, name);
  await loadCitusV1(citus, name, counts, "random", shards);
}
try {
  const layout = mode === "single" ? "one server" : (await tasksPerWorker(citus, name)).map((w) => `worker ${w.port}: ${w.shards} shards, ${w.rows} rows`).join("; ");
  console.log(`${mode}: ${counts.tasks} tasks, ${counts.agents} agents (${layout}), generated in ${((Date.now() - t0) / 1000).toFixed(1)} s, load ${loadavg()[0].toFixed(1)}`);
  await kmig("baseline");
  const flags = ["--batch-size", batchSize, ...(mode === "coordinator" ? ["--shard-concurrency", "0"] : concurrency ? ["--shard-concurrency", concurrency] : [])];
  const r = await kmig("apply", flags);
  const step = (prefix) => kmigSteps(r.stdout).find(([s]) => s.startsWith(prefix))?.[1] ?? NaN;
  const progress = r.stdout.split("\n").filter((l) => l.includes('"backfill-progress"')).length;
  console.log(`${mode}: tasks backfill ${step("backfill tasks").toFixed(2)} s, agents backfill ${step("backfill agents").toFixed(2)} s, apply ${r.seconds.toFixed(2)} s (${progress} progress events), load ${loadavg()[0].toFixed(1)}`);
} finally {
  if (mode === "single") await dropDb(server, name);
  else await dropCitusDb(citus, name);
}
