// Wall time of `kmig compile specs/keiko --out DIR` as a whole process (startup, ts-morph and
// prettier loading included), as a user sees it.
//
//   node bench/compile-wall.mjs [--runs 9]
//
// Runs the compile, `kmig check specs/keiko` and `node -e 0` in turn, so that all three see the
// same machine load, and reports medians and the ratio to bare Node (comparable between runs
// where raw milliseconds are not). Each compile writes into a fresh folder. Needs `npm run build`
// first (bin/kmig.js runs dist/kmig.mjs).

import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fmtMs, fmtRatio, median, min, option, printTable } from "./stats.mjs";

const argv = process.argv.slice(2);
const runs = Number(option(argv, "runs", "9"));
const BUDGET_MS = 1500;

if (!existsSync("dist/kmig.mjs")) {
  console.error("dist/kmig.mjs is missing: run `npm run build` first");
  process.exit(2);
}

/** Wall milliseconds of one run of `node args…`; fails loudly on a non-zero exit. */
function wall(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status}: ${r.stderr.slice(0, 500)}`);
  return ms;
}

const out = mkdtempSync(join(tmpdir(), "kmig-compile-wall-"));
const compileArgs = (i) => ["bin/kmig.js", "compile", "specs/keiko", "--out", join(out, String(i))];
const checkArgs = ["bin/kmig.js", "check", "specs/keiko"];

// One untimed run of each first: the file system cache, not kmig, would otherwise be timed.
wall(compileArgs("warm"));
wall(checkArgs);
wall(["-e", "0"]);
const compile = [];
const check = [];
const bare = [];
for (let i = 0; i < runs; i++) {
  compile.push(wall(compileArgs(i)));
  check.push(wall(checkArgs));
  bare.push(wall(["-e", "0"]));
}
rmSync(out, { recursive: true, force: true });

console.log(`compile wall time: whole processes, in turn with \`kmig check\` and \`node -e 0\` (${runs} runs each)`);
printTable([
  ["command", "median", "min", "ratio to node -e 0 (medians)"],
  ["kmig compile specs/keiko --out DIR", fmtMs(median(compile)), fmtMs(min(compile)), fmtRatio(median(compile) / median(bare))],
  ["kmig check specs/keiko", fmtMs(median(check)), fmtMs(min(check)), fmtRatio(median(check) / median(bare))],
  ["node -e 0", fmtMs(median(bare)), fmtMs(min(bare)), fmtRatio(1)],
]);
console.log(`emitting costs ${fmtMs(median(compile) - median(check))} over checking (medians)`);
console.log(`aim: kmig compile specs/keiko < ${BUDGET_MS} ms wall; now ${fmtMs(median(compile))} (ratio to bare node ${fmtRatio(median(compile) / median(bare))})`);
