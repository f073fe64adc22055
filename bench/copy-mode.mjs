// Copy mode against the tools' way: build v2 beside v1.
//
//   npm run build && node bench/copy-mode.mjs [--tasks 1000000] [--runs 1] [--jobs 4]
//        [--server postgres://postgres@127.0.0.1:5432] [--kmig bin/kmig.js]
//
// One generated v1 database (Keiko, --tasks tasks, tasks/50 agents) is the source, recorded as
// kmig's baseline. Per run, on fresh targets, times as whole processes:
// (a) `kmig apply specs/keiko --db SOURCE --target-db TARGET`: copy (COPY streams, tables in
//     parallel, one snapshot) + migrate the target; kmig's peak RSS;
// (b) `pg_dump -Fc SOURCE | pg_restore -d TARGET2` (TARGET2 created first), then an in-place
//     `kmig apply specs/keiko --db TARGET2`;
// checks that (a) and (b) give the same schema and rows and that the source is unchanged, and
// prints (a)/(b), comparable on a loaded machine where raw seconds are not. Aim: ≤ 1.3×, RSS < 200 MB.

import { spawn } from "node:child_process";
import { loadavg } from "node:os";
import { checkpoint, createV1, dropDb, urlOf, withDb } from "./keiko/databases.mjs";
import { differences, fingerprint } from "./keiko/digest.mjs";
import { runMeasured } from "./keiko/process.mjs";
import { median, option, printTable } from "./stats.mjs";

const argv = process.argv.slice(2);
const tasks = Number(option(argv, "tasks", "1000000"));
const counts = { tasks, agents: Math.max(10, Math.round(tasks / 50)), users: Math.max(10, Math.round(tasks / 1000)) };
const runs = Number(option(argv, "runs", "1"));
const jobs = option(argv, "jobs", "4");
const server = option(argv, "server", "postgres://postgres@127.0.0.1:5432");
const cli = option(argv, "kmig", "bin/kmig.js");
const AIM = { ratio: 1.3, peakMb: 200 };

const prefix = `kmig_copybench_${process.pid}`;
const source = `${prefix}_v1`;

function shell(cmd) {
  return new Promise((resolve, reject) => {
    const t0 = process.hrtime.bigint();
    const child = spawn("bash", ["-o", "pipefail", "-c", cmd], { stdio: ["ignore", "ignore", "pipe"] });
    let err = "";
    child.stderr.on("data", (d) => (err += d));
    child.on("close", (code) => (code === 0 ? resolve(Number(process.hrtime.bigint() - t0) / 1e9) : reject(new Error(`${cmd}: ${err.slice(-2000)}`))));
  });
}

console.log(`generating v1 with ${counts.tasks} tasks, ${counts.agents} agents, ${counts.users} users…`);
await createV1(server, source, counts, "random");
await runMeasured(process.execPath, [cli, "baseline", "specs/keiko", "--db", urlOf(server, source), "--json"]);
const sourceBefore = await withDb(server, source, (c) => fingerprint(c));

const rows = [];
try {
  for (let run = 1; run <= runs; run++) {
    const a = `${prefix}_a${run}`;
    const b = `${prefix}_b${run}`;
    await dropDb(server, a);
    await dropDb(server, b);
    await checkpoint(server);
    const load = loadavg()[0];
    const copy = await runMeasured(process.execPath, [cli, "apply", "specs/keiko", "--db", urlOf(server, source), "--target-db", urlOf(server, a), "--jobs", jobs, "--json"]);
    await checkpoint(server);
    await withDb(server, "postgres", (c) => c.query(`CREATE DATABASE "${b}"`));
    const dumpRestore = await shell(`pg_dump -Fc '${urlOf(server, source)}' | pg_restore --exit-on-error -d '${urlOf(server, b)}'`);
    const inPlace = await runMeasured(process.execPath, [cli, "apply", "specs/keiko", "--db", urlOf(server, b), "--json"]);
    const fa = await withDb(server, a, (c) => fingerprint(c));
    const fb = await withDb(server, b, (c) => fingerprint(c));
    const fs = await withDb(server, source, (c) => fingerprint(c));
    const diff = differences(fa, fb);
    if (diff.length > 0) throw new Error(`copy mode and dump/restore + apply differ in ${diff.join(", ")}`);
    if (differences(sourceBefore, fs).length > 0) throw new Error("the source changed");
    const baseline = dumpRestore + inPlace.seconds;
    rows.push({ run, load: load.toFixed(1), copyMode: copy.seconds, dumpRestore, inPlaceApply: inPlace.seconds, baseline, ratio: copy.seconds / baseline, peakMb: copy.peakMb });
    await dropDb(server, a);
    await dropDb(server, b);
  }
} finally {
  await dropDb(server, source);
}

printTable([
  ["run", "load", "copy mode (a)", "pg_dump|pg_restore", "+ apply in place", "(a)/(b)", "kmig peak RSS"],
  ...rows.map((r) => [r.run, r.load, `${r.copyMode.toFixed(1)} s`, `${r.dumpRestore.toFixed(1)} s`, `${r.inPlaceApply.toFixed(1)} s`, `${r.ratio.toFixed(2)}×`, `${r.peakMb.toFixed(0)} MB`]),
]);
const ratio = median(rows.map((r) => r.ratio));
const peak = Math.max(...rows.map((r) => r.peakMb));
console.log(`\ncopy mode / (pg_dump | pg_restore + apply in place): ${ratio.toFixed(2)}× median (aim ≤ ${AIM.ratio}×); peak RSS ${peak.toFixed(0)} MB (aim < ${AIM.peakMb} MB); same rows and schema; source unchanged`);
process.exit(ratio <= AIM.ratio && peak < AIM.peakMb ? 0 : 1);
