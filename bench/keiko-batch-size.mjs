// How the backfill batch size changes `kmig apply` on the generated Keiko database: the evidence
// behind DEFAULT_BATCH in runtime/run-backfill.ts.
//
//   npm run build && node bench/keiko-batch-size.mjs [--tasks 1000000] [--sizes 2000,5000,10000,20000,50000]
//        [--rounds 2] [--keys random|ordered] [--server postgres://postgres@127.0.0.1:5432] [--kmig bin/kmig.js]
//
// One generated v1 template (as bench/keiko-1m.mjs makes it); per round, every size in turn (the
// order rotates each round) on a fresh copy: `kmig baseline`, then `kmig apply --batch-size N`.
// Prints the seconds of the two backfill steps (tasks, agents) and of the whole apply, the median
// over rounds, and each size's ratio to the median of all sizes in the same round.

import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { checkpoint, copyDb, createV1, dropDb, urlOf } from "./keiko/databases.mjs";
import { runMeasured } from "./keiko/process.mjs";
import { kmigSteps } from "./keiko/steps.mjs";
import { median, option, printTable } from "./stats.mjs";

const argv = process.argv.slice(2);
const tasks = Number(option(argv, "tasks", "1000000"));
const counts = { tasks, agents: Math.max(10, Math.round(tasks / 50)), users: Math.max(10, Math.round(tasks / 1000)) };
const sizes = option(argv, "sizes", "2000,5000,10000,20000,50000").split(",").map(Number);
const rounds = Number(option(argv, "rounds", "2"));
const keys = option(argv, "keys", "random");
const server = option(argv, "server", "postgres://postgres@127.0.0.1:5432");
// Another build of the CLI: a copy, say, that others rebuilding dist/ cannot change mid-run.
const cli = option(argv, "kmig", "bin/kmig.js");

if (!existsSync(cli === "bin/kmig.js" ? "dist/kmig.mjs" : cli)) {
  console.error(`${cli === "bin/kmig.js" ? "dist/kmig.mjs" : cli} is missing: run \`npm run build\` first`);
  process.exit(2);
}

const template = `kmig_bench_${process.pid}_v1`;
const copy = `kmig_bench_${process.pid}_batch`;
const kmig = (cmd, extra = []) => runMeasured(process.execPath, [cli, cmd, "specs/keiko", "--db", urlOf(server, copy), "--json", ...extra]);

/** Seconds of the tasks and agents backfills and of the whole `kmig apply` at batch size `n`. */
async function applyAt(n) {
  await copyDb(server, template, copy);
  await kmig("baseline");
  await checkpoint(server);
  const r = await kmig("apply", ["--batch-size", String(n)]);
  const step = (prefix) => kmigSteps(r.stdout).find(([s]) => s.startsWith(prefix))?.[1] ?? NaN;
  return { tasks: step("backfill tasks"), agents: step("backfill agents"), apply: r.seconds };
}

console.log(`batch sizes ${sizes.join(", ")} on ${counts.tasks} tasks (${keys} keys), ${rounds} round(s), load average ${loadavg().map((x) => x.toFixed(1)).join(" ")}`);
await createV1(server, template, counts, keys);
const results = new Map(sizes.map((n) => [n, []]));
try {
  for (let round = 0; round < rounds; round++) {
    const order = sizes.map((_, i) => sizes[(i + round) % sizes.length]);
    const got = [];
    for (const n of order) {
      const r = await applyAt(n);
      got.push([n, r]);
      console.log(`round ${round + 1}, batch ${n}: tasks backfill ${r.tasks.toFixed(2)} s, agents ${r.agents.toFixed(2)} s, apply ${r.apply.toFixed(2)} s, load ${loadavg()[0].toFixed(1)}`);
    }
    // The ratio to this round's median: rounds on a loaded machine differ more than sizes do.
    const mid = median(got.map(([, r]) => r.tasks));
    for (const [n, r] of got) results.get(n).push({ ...r, ratio: r.tasks / mid });
  }
} finally {
  await dropDb(server, copy);
  await dropDb(server, template);
}
const rows = [["batch size", "tasks backfill s", "agents backfill s", "apply s", "tasks / round median"]];
for (const [n, rs] of results) {
  const m = (k) => median(rs.map((r) => r[k]));
  rows.push([String(n), m("tasks").toFixed(2), m("agents").toFixed(2), m("apply").toFixed(2), `${m("ratio").toFixed(2)} (${rs.map((r) => r.ratio.toFixed(2)).join(", ")})`]);
}
console.log();
printTable(rows);
