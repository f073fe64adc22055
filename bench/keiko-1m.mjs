// The runtime benchmark: kmig applying and rolling back the Keiko migration on a large generated
// v1 database, against the same migration written by hand as one transaction.
//
//   npm run build && node bench/keiko-1m.mjs [--tasks 1000000] [--runs 3] [--batch-size N]
//        [--agents tasks/50] [--users tasks/1000] [--keys random|ordered] [--steps] [--keep]
//        [--server postgres://postgres@127.0.0.1:5432] [--kmig bin/kmig.js]
//
// Generates one v1 database (a template), then per run, on identical fresh copies of it, times
// (a) `kmig baseline` + `kmig apply specs/keiko` as whole processes, with kmig's peak RSS (and,
//     untimed, a second `kmig apply` with nothing to do: kmig's fixed cost per process),
// (b) bench/keiko/hand-written.sql with `psql -1` (one UPDATE per table, no stash copies),
// (c) `kmig rollback specs/keiko` of (a)'s database;
// checks that (a) and (b) give the same schema and rows, and that (c) gives back v1 exactly; and
// prints the ratios (a)/(b) and rollback/apply (the apply process alone), comparable between runs
// on a loaded machine where raw seconds are not. Runs alternate which of (a) and (b) goes first.
// --keys random (default) gives uuids unrelated to where rows lie, as gen_random_uuid() does;
// ordered gives keys in insertion order. --steps prints where each run's time went. --kmig runs
// another build of the CLI (a copy, say, that others rebuilding dist/ cannot change mid-run).
// The machine's load average is printed with each run: the ratios hold on a busy machine, the
// seconds do not.

import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { checkpoint, copyDb, createV1, dropDb, urlOf, withDb } from "./keiko/databases.mjs";
import { differences, fingerprint } from "./keiko/digest.mjs";
import { runMeasured } from "./keiko/process.mjs";
import { kmigSteps, psqlSteps, topSteps } from "./keiko/steps.mjs";
import { median, option, printTable } from "./stats.mjs";

const argv = process.argv.slice(2);
const tasks = Number(option(argv, "tasks", "1000000"));
const counts = { tasks, agents: Number(option(argv, "agents", String(Math.max(10, Math.round(tasks / 50))))), users: Number(option(argv, "users", String(Math.max(10, Math.round(tasks / 1000))))) };
const runs = Number(option(argv, "runs", "3"));
const batchSize = option(argv, "batch-size", null);
const keys = option(argv, "keys", "random");
const server = option(argv, "server", "postgres://postgres@127.0.0.1:5432");
const showSteps = argv.includes("--steps");
const cli = option(argv, "kmig", "bin/kmig.js");
const AIM = { kmigOverHand: 1.25, rollbackOverApply: 1.5, peakMb: 200 };

if (!existsSync(cli === "bin/kmig.js" ? "dist/kmig.mjs" : cli)) {
  console.error(`${cli === "bin/kmig.js" ? "dist/kmig.mjs" : cli} is missing: run \`npm run build\` first`);
  process.exit(2);
}
if (keys !== "random" && keys !== "ordered") throw new Error("--keys is random or ordered");

const prefix = `kmig_bench_${process.pid}`;
const template = `${prefix}_v1`;
const kmig = (cmd, db, extra = []) => runMeasured(process.execPath, [cli, cmd, "specs/keiko", "--db", urlOf(server, db), "--json", ...extra]);

/** (a): baseline + apply on database `db`. */
async function timeKmig(db) {
  await checkpoint(server);
  const base = await kmig("baseline", db);
  const apply = await kmig("apply", db, batchSize ? ["--batch-size", batchSize] : []);
  // Untimed in (a): a second apply has nothing to do, so it is kmig's fixed cost per process
  // (start-up, compiling the spec, connecting, reading the ledger), whatever the table size.
  const noop = await kmig("apply", db);
  return { seconds: base.seconds + apply.seconds, baseline: base.seconds, fixed: noop.seconds, peakMb: Math.max(base.peakMb, apply.peakMb, noop.peakMb), steps: kmigSteps(apply.stdout) };
}

/** (b): the hand-written script on database `db`, in one transaction. */
async function timeHand(db) {
  await checkpoint(server);
  const timing = showSteps ? ["-e", "-c", "\\timing on"] : [];
  const r = await runMeasured("psql", ["-X", "-q", "-v", "ON_ERROR_STOP=1", "-1", "-d", urlOf(server, db), ...timing, "-f", "bench/keiko/hand-written.sql"]);
  return { seconds: r.seconds, steps: psqlSteps(r.stdout) };
}

/** (c): rollback of database `db`. */
async function timeRollback(db) {
  await checkpoint(server);
  const r = await kmig("rollback", db);
  return { seconds: r.seconds, peakMb: r.peakMb, steps: kmigSteps(r.stdout) };
}

const load = () => loadavg()[0].toFixed(1);

async function oneRun(i, v1) {
  const loadBefore = load();
  const k = `${prefix}_kmig`;
  const h = `${prefix}_hand`;
  await copyDb(server, template, k);
  await copyDb(server, template, h);
  let a, b;
  // Alternate the order: whichever goes second may find the machine warmer (or busier).
  if (i % 2 === 0) {
    a = await timeKmig(k);
    b = await timeHand(h);
  } else {
    b = await timeHand(h);
    a = await timeKmig(k);
  }
  const migrated = await withDb(server, k, (c) => fingerprint(c));
  const hand = await withDb(server, h, (c) => fingerprint(c));
  const stashed = await withDb(server, k, async (c) => Number((await c.query(`SELECT count(*) AS n FROM kmig.stash__keiko_v2__tasks`)).rows[0].n));
  await dropDb(server, h);
  const c = await timeRollback(k);
  const restored = await withDb(server, k, (cl) => fingerprint(cl));
  if (!argv.includes("--keep")) await dropDb(server, k);
  return { a, b, c, stashed, load: `${loadBefore}→${load()}`, sameAsHand: differences(hand, migrated), sameAsV1: differences(v1, restored) };
}

/** Rollback against the `kmig apply` process alone: the baseline check has no counterpart in a rollback. */
const rollbackOverApply = (r) => r.c.seconds / (r.a.seconds - r.a.baseline);

function report(results) {
  const s = (x) => x.toFixed(2);
  const rows = [["run", "load 1m", "kmig s", "(baseline s)", "(no-op apply s)", "hand s", "rollback s", "kmig/hand", "rollback/apply", "peak MB", "= hand", "= v1"]];
  for (const [i, r] of results.entries()) {
    rows.push([String(i + 1), r.load, s(r.a.seconds), s(r.a.baseline), s(r.a.fixed), s(r.b.seconds), s(r.c.seconds), s(r.a.seconds / r.b.seconds), s(rollbackOverApply(r)), Math.max(r.a.peakMb, r.c.peakMb).toFixed(0), r.sameAsHand.length ? `NO: ${r.sameAsHand}` : "yes", r.sameAsV1.length ? `NO: ${r.sameAsV1}` : "yes"]);
  }
  console.log();
  printTable(rows);
  const ratioKH = results.map((r) => r.a.seconds / r.b.seconds);
  const ratioRA = results.map(rollbackOverApply);
  const peak = Math.max(...results.map((r) => Math.max(r.a.peakMb, r.c.peakMb)));
  const range = (xs) => (xs.length > 1 ? ` (min ${s(Math.min(...xs))}, max ${s(Math.max(...xs))})` : "");
  console.log();
  const ratioAH = results.map((r) => (r.a.seconds - r.a.baseline) / r.b.seconds);
  console.log(`seconds (medians)   kmig baseline + apply ${s(median(results.map((r) => r.a.seconds)))}, hand-written ${s(median(results.map((r) => r.b.seconds)))}, rollback ${s(median(results.map((r) => r.c.seconds)))}`);
  console.log(`kmig/hand-written   median ${s(median(ratioKH))}${range(ratioKH)}   aim ≤ ${AIM.kmigOverHand}   (apply alone: ${s(median(ratioAH))})`);
  console.log(`rollback/apply      median ${s(median(ratioRA))}${range(ratioRA)}   aim ≤ ${AIM.rollbackOverApply}`);
  console.log(`kmig peak RSS       ${peak.toFixed(0)} MB   aim < ${AIM.peakMb} MB`);
  console.log(`stash rows (tasks)  ${results[0].stashed} of ${counts.tasks}; the hand-written script keeps no stash copies (it cannot roll back)`);
  const ok = results.every((r) => r.sameAsHand.length === 0 && r.sameAsV1.length === 0);
  console.log(ok ? "checks              kmig = hand-written (schema and rows, migration_date aside); rollback = v1 (schema and rows)" : "checks              FAILED: see the table");
  return ok;
}

async function main() {
  console.log(`Keiko benchmark: ${counts.tasks} tasks, ${counts.agents} agents, ${counts.users} users, ${keys} keys, batch ${batchSize ?? "default"}, ${runs} run(s), load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
  const t0 = Date.now();
  await createV1(server, template, counts, keys);
  const v1 = await withDb(server, template, (c) => fingerprint(c));
  console.log(`generated the v1 template in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      const r = await oneRun(i, v1);
      results.push(r);
      console.log(`run ${i + 1}: kmig ${r.a.seconds.toFixed(2)} s, hand ${r.b.seconds.toFixed(2)} s, rollback ${r.c.seconds.toFixed(2)} s, peak ${Math.max(r.a.peakMb, r.c.peakMb).toFixed(0)} MB, load ${r.load}`);
      if (showSteps) {
        console.log(["    kmig apply:", ...topSteps(r.a.steps, r.a.seconds)].join("\n"));
        console.log(["    hand-written:", ...topSteps(r.b.steps, r.b.seconds)].join("\n"));
        console.log(["    kmig rollback:", ...topSteps(r.c.steps, r.c.seconds)].join("\n"));
      }
    }
  } finally {
    if (!argv.includes("--keep")) await dropDb(server, template);
  }
  process.exitCode = report(results) ? 0 : 1;
}

await main();
