// kmig on Citus against kmig on one PostgreSQL server: apply and rollback of the Keiko migration on
// the same generated v1 rows, timed in the same run, printed as ratios.
//
//   npm run build && node bench/citus.mjs [--tasks 100000] [--shards 32] [--batch-size N]
//        [--citus postgres://postgres@127.0.0.1:55440] [--server postgres://postgres@127.0.0.1:5432]
//        [--keys random|ordered] [--steps] [--keep]
//
// Needs a Citus cluster (a coordinator whose `postgres` database lists its workers, as
// docs/citus.md's local cluster does) and a plain PostgreSQL server. Generates Keiko v1 on both
// (bench/keiko/v1-data.mjs; agents = tasks/50, users = tasks/1000): on Citus users and agents are
// reference tables and tasks is distributed by id over --shards shards. On each, untimed `kmig
// baseline`, then timed `kmig apply specs/keiko` and `kmig rollback specs/keiko` as whole processes.
// Checks: v1 is the same on both, the migrated rows and schema are the same on both
// (metadata.migration_date aside), rollback gives v1 back on both. Prints Citus/single-node for
// apply and rollback, rollback/apply on each, and the work each worker held. On this machine the
// coordinator and both workers share the CPUs with the single server: the ratio is an upper bound
// of Citus's overhead, not what separate workers give (see bench/README.md).

import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { createV1, dropDb, urlOf, withDb } from "./keiko/databases.mjs";
import { createCitusDb, dropCitusDb, loadCitusV1, tasksPerWorker } from "./keiko/citus-db.mjs";
import { differences, fingerprint } from "./keiko/digest.mjs";
import { runMeasured } from "./keiko/process.mjs";
import { kmigSteps, topSteps } from "./keiko/steps.mjs";
import { option, printTable } from "./stats.mjs";

const argv = process.argv.slice(2);
const tasks = Number(option(argv, "tasks", "100000"));
const counts = { tasks, agents: Math.max(10, Math.round(tasks / 50)), users: Math.max(10, Math.round(tasks / 1000)) };
const shards = Number(option(argv, "shards", "32"));
const batchSize = option(argv, "batch-size", null);
const keys = option(argv, "keys", "random");
const citus = option(argv, "citus", process.env.KMIG_TEST_CITUS ?? "postgres://postgres@127.0.0.1:55440");
const server = option(argv, "server", "postgres://postgres@127.0.0.1:5432");
const showSteps = argv.includes("--steps");
const AIM = { citusOverSingle: 2, rollbackOverApply: 2 };

if (!existsSync("dist/kmig.mjs")) {
  console.error("dist/kmig.mjs is missing: run `npm run build` first");
  process.exit(2);
}

const name = `kmig_bench_citus_${process.pid}`;
const kmig = (cmd, url, extra = []) => runMeasured(process.execPath, ["bin/kmig.js", cmd, "specs/keiko", "--db", url, "--json", ...extra]);
const load = () => loadavg()[0].toFixed(1);

/** baseline (untimed), apply and rollback (timed) on `url`, with the fingerprints after each. */
async function migrate(url, where, citusDb) {
  const v1 = await where((c) => fingerprint(c, undefined, { citus: citusDb }));
  await kmig("baseline", url);
  const loadBefore = load();
  const apply = await kmig("apply", url, batchSize ? ["--batch-size", batchSize] : []);
  const v2 = await where((c) => fingerprint(c, undefined, { citus: citusDb }));
  // A rollback that fails is reported, not thrown: the apply's figures still stand.
  const rollback = await kmig("rollback", url).catch((e) => ({ failed: /"code":"(K\d{4})","message":"([^"]*)"/.exec(e.message)?.slice(1).join(": ") ?? e.message.slice(0, 300) }));
  const back = await where((c) => fingerprint(c, undefined, { citus: citusDb }));
  return { v1, v2, back, apply: apply.seconds, rollback: rollback.failed ? null : rollback.seconds, rollbackFailed: rollback.failed ?? null, applySteps: kmigSteps(apply.stdout), rollbackSteps: rollback.failed ? [] : kmigSteps(rollback.stdout), load: `${loadBefore}→${load()}` };
}

async function main() {
  console.log(`Citus benchmark: ${counts.tasks} tasks (${shards} shards), ${counts.agents} agents, ${counts.users} users, ${keys} keys, batch ${batchSize ?? "default"}, load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  const t0 = Date.now();
  await createV1(server, name, counts, keys);
  const workers = await createCitusDb(citus, name);
  try {
    await loadCitusV1(citus, name, counts, keys, shards);
    console.log(`generated v1 on one server and on Citus (a coordinator, ${workers.length} workers) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const perWorker = await tasksPerWorker(citus, name);
    const one = await migrate(urlOf(server, name), (fn) => withDb(server, name, fn), false);
    const secs = (r) => (r.rollback === null ? `FAILED (${r.rollbackFailed})` : `${r.rollback.toFixed(2)} s`);
    console.log(`single node: apply ${one.apply.toFixed(2)} s, rollback ${secs(one)}, load ${one.load}`);
    const dist = await migrate(urlOf(citus, name), (fn) => withDb(citus, name, fn), true);
    console.log(`Citus:       apply ${dist.apply.toFixed(2)} s, rollback ${secs(dist)}, load ${dist.load}`);
    if (showSteps) {
      for (const [label, r] of [["single node", one], ["Citus", dist]]) {
        console.log([`    ${label} apply:`, ...topSteps(r.applySteps, r.apply)].join("\n"));
        console.log([`    ${label} rollback:`, ...topSteps(r.rollbackSteps, r.rollback)].join("\n"));
      }
    }
    const s = (x) => (x === null || !Number.isFinite(x) ? "—" : x.toFixed(2));
    const ratio = (a, b) => (a === null || b === null ? null : a / b);
    const checks = [
      ["v1 the same on both", differences(one.v1, dist.v1)],
      ["migrated rows and schema the same on both", differences(one.v2, dist.v2)],
      ["single node rolled back to v1", one.rollbackFailed ? ["rollback failed"] : differences(one.v1, one.back)],
      ["Citus rolled back to v1", dist.rollbackFailed ? ["rollback failed"] : differences(dist.v1, dist.back)],
    ];
    console.log();
    printTable([
      ["", "apply s", "rollback s", "rollback/apply"],
      ["single node", s(one.apply), s(one.rollback), s(ratio(one.rollback, one.apply))],
      ["Citus", s(dist.apply), s(dist.rollback), s(ratio(dist.rollback, dist.apply))],
      ["Citus/single", s(dist.apply / one.apply), s(ratio(dist.rollback, one.rollback)), ""],
    ]);
    console.log();
    console.log(`Citus/single apply     ${s(dist.apply / one.apply)}   aim ≤ ${AIM.citusOverSingle} (the workers share this machine's CPUs)`);
    console.log(`Citus rollback/apply   ${s(ratio(dist.rollback, dist.apply))}   aim ≤ ${AIM.rollbackOverApply}`);
    console.log(`work per worker        ${perWorker.map((w) => `:${w.port} ${w.shards} shards, ${w.rows} tasks`).join("; ")}`);
    for (const [what, diff] of checks) console.log(`check                  ${what}: ${diff.length ? `NO (${diff.join(", ")})` : "yes"}`);
    process.exitCode = checks.every(([, d]) => d.length === 0) ? 0 : 1;
  } finally {
    if (!argv.includes("--keep")) {
      await dropDb(server, name);
      await dropCitusDb(citus, name);
    }
  }
}

await main();
