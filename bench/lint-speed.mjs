// What the safety lints (compiler/lint/, K5001–K5025) add to `kmig check`, and whether they scale linearly.
//
//   node --expose-gc bench/lint-speed.mjs [--runs 15] [--mb 0.5] [--seed 1] [--process 0]
//
// 1. In process, with the CLI's bundled code (bench/lint-chain.ts), on specs/keiko: parse + check
//    (what `kmig check --no-lints` does) and parse + check + lint, run alternately `--runs` times;
//    the ratio of the medians (the issue's aim: under 1.10), and the lints' own median time.
// 2. The large generated chain (bench/gen-large-spec.mjs) at 1×, 2× and 4× `--mb` (each generated
//    with the same seed): check and lint CPU medians, lint per migration, and that per-migration cost
//    relative to 1× (linear lints: about 1.0 at every size).
// 3. With `--process N` (N > 0): `kmig check specs/keiko` as a whole process, with and without
//    `--no-lints`, N alternating runs each (noisy on a loaded machine: start-up dominates).
// The machine may be shared: every figure is a median of repeated runs, alternated where compared.
// Needs `npm run build` first (bin/kmig.js runs dist/kmig.mjs).

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateLargeSpec } from "./gen-large-spec.mjs";
import { fmtMs, fmtRatio, median, option, printTable, timed } from "./stats.mjs";

const argv = process.argv.slice(2);
const runs = Number(option(argv, "runs", "15"));
const seed = Number(option(argv, "seed", "1"));
const mb = Number(option(argv, "mb", "0.5"));
const processRuns = Number(option(argv, "process", "0"));

if (!existsSync("dist/kmig.mjs")) {
  console.error("dist/kmig.mjs is missing: run `npm run build` first");
  process.exit(2);
}

function wall(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(" ")} exited with ${r.status ?? r.signal}: ${r.stderr.slice(0, 500)}`);
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist/bench/lint-chain.mjs");
await build({ entryPoints: [join(root, "bench/lint-chain.ts")], bundle: true, platform: "node", format: "esm", target: "node20", outfile, logLevel: "warning" });
const kmig = await import(pathToFileURL(outfile).href);

// 1. specs/keiko in process: what `kmig check` runs with and without its lints.
const keiko = readdirSync(join(root, "specs/keiko")).filter((f) => f.endsWith(".kmig")).sort().map((f) => kmig.makeSourceFile(join("specs/keiko", f), readFileSync(join(root, "specs/keiko", f), "utf8")));
const checkOnly = () => kmig.checkChain(kmig.parseChain(keiko));
const checkAndLint = () => kmig.lintChain(checkOnly());
for (let i = 0; i < 5; i++) (checkOnly(), checkAndLint()); // warm-up
const plain = [];
const linted = [];
const lintAlone = [];
// Each timed run starts from a collected heap when node runs with --expose-gc (as `npm run bench` does not:
// then a run that happens to pay for a major collection of earlier garbage makes the ratio noisier).
const settle = () => globalThis.gc?.();
for (let i = 0; i < runs; i++) {
  settle();
  plain.push(timed(checkOnly).cpu);
  settle();
  linted.push(timed(checkAndLint).cpu);
  const checked = checkOnly();
  settle();
  lintAlone.push(timed(() => kmig.lintChain(checked)).cpu);
}
console.log(`specs/keiko in process (parse + check, with and without the lints), ${runs} alternating runs each, CPU medians${globalThis.gc ? ", heap collected before each" : ""}:`);
printTable([
  ["without lints", "with lints", "ratio", "the lints alone"],
  [fmtMs(median(plain)), fmtMs(median(linted)), fmtRatio(median(linted) / median(plain)), fmtMs(median(lintAlone))],
]);

// 2. The large generated chain at 1×, 2×, 4×.
const rows = [];
let perMigrationAt1 = 0;
for (const k of [1, 2, 4]) {
  const files = generateLargeSpec({ seed, bytes: k * mb * 1e6 });
  const parsed = kmig.parseChain(files.map((f) => kmig.makeSourceFile(f.name, f.text)));
  const check = [];
  const lint = [];
  let found = 0;
  for (let i = 0; i <= 3; i++) {
    const c = timed(() => kmig.checkChain(parsed));
    const l = timed(() => kmig.lintChain(c.result));
    if (i === 0) continue; // warm-up
    check.push(c.cpu);
    lint.push(l.cpu);
    found = l.result.length;
  }
  const migrations = files.length - 1;
  const perMigration = median(lint) / migrations;
  if (k === 1) perMigrationAt1 = perMigration;
  rows.push([`${k}× (${files.length} files)`, fmtMs(median(check)), fmtMs(median(lint)), fmtRatio(median(lint) / median(check)), `${perMigration.toFixed(2)} ms`, fmtRatio(perMigration / perMigrationAt1), String(found)]);
}
console.log(`\nthe large generated chain (${mb} MB × 1, 2, 4; seed ${seed}), in process, CPU medians of 3 runs:`);
printTable([["size", "check", "lint", "lint / check", "lint per migration", "per migration vs 1×", "lints found"], ...rows]);

if (processRuns > 0) {
  const withLints = ["bin/kmig.js", "check", "specs/keiko"];
  const without = [...withLints, "--no-lints"];
  wall(withLints);
  wall(without);
  const a = [];
  const b = [];
  for (let i = 0; i < processRuns; i++) {
    a.push(wall(withLints));
    b.push(wall(without));
  }
  console.log(`\nkmig check specs/keiko, whole process, ${processRuns} alternating runs each (medians):`);
  printTable([
    ["", "with lints", "--no-lints", "ratio"],
    ["wall", fmtMs(median(a)), fmtMs(median(b)), fmtRatio(median(a) / median(b))],
  ]);
}
