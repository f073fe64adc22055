// Wall time of `kmig check` as a whole process (startup included), as a user sees it.
//
//   node bench/check-wall.mjs [--runs 15] [--large-runs 1]
//
// Runs `node bin/kmig.js check specs/keiko` and `node -e 0` alternately, so that both see the
// same machine load, and reports the ratio of their medians: the cost of kmig on top of bare
// Node, which is comparable between runs where raw milliseconds are not. Then the same for a
// check of the large generated spec (written to bench/out/large-spec first; `--large-runs 0` skips it).
// Needs `npm run build` first (bin/kmig.js runs dist/kmig.mjs).

import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { LARGE_SPEC_DIR, writeLargeSpec } from "./gen-large-spec.mjs";
import { fmtMs, fmtRatio, median, min, option, printTable } from "./stats.mjs";

const argv = process.argv.slice(2);
const runs = Number(option(argv, "runs", "15"));
const largeRuns = Number(option(argv, "large-runs", "1"));

if (!existsSync("dist/kmig.mjs")) {
  console.error("dist/kmig.mjs is missing: run `npm run build` first");
  process.exit(2);
}

const problems = new Map();

/**
 * Wall milliseconds of one run of `node args…`. A crash fails the benchmark; exit code 1 (problems
 * found) is noted: when the checker learns a rule the generated spec breaks, the timing then
 * includes printing those problems, and gen-large-spec.mjs needs catching up.
 */
function wall(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8", maxBuffer: 1 << 30 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`node ${args.join(" ")} exited with ${r.status ?? r.signal}: ${r.stderr.slice(0, 500)}`);
  if (r.status === 1) problems.set(args.join(" "), r.stderr.split("\n")[0]);
  return ms;
}

/** `runs` alternating runs of the command and of `node -e 0`, after one untimed warm-up of each. */
function compare(label, args, n) {
  wall(args);
  wall(["-e", "0"]);
  const cmd = [];
  const bare = [];
  for (let i = 0; i < n; i++) {
    cmd.push(wall(args));
    bare.push(wall(["-e", "0"]));
  }
  return { label, cmd, bare };
}

function sizeOf(dir) {
  return readdirSync(dir).reduce((n, f) => n + statSync(join(dir, f)).size, 0);
}

const results = [compare("kmig check specs/keiko", ["bin/kmig.js", "check", "specs/keiko"], runs)];
let largeBytes = 0;
if (largeRuns > 0) {
  // Always written afresh (it takes a second): a spec left by an older generator could be stale.
  writeLargeSpec(LARGE_SPEC_DIR, {});
  largeBytes = sizeOf(LARGE_SPEC_DIR);
  results.push(compare(`kmig check ${LARGE_SPEC_DIR} (${(largeBytes / 1e6).toFixed(1)} MB)`, ["bin/kmig.js", "check", LARGE_SPEC_DIR], largeRuns));
}

console.log(`check wall time: whole processes, alternating with \`node -e 0\` (runs: ${runs} keiko, ${largeRuns} large)`);
printTable([
  ["command", "median", "min", "node -e 0 median", "ratio (medians)"],
  ...results.map((r) => [r.label, fmtMs(median(r.cmd)), fmtMs(min(r.cmd)), fmtMs(median(r.bare)), fmtRatio(median(r.cmd) / median(r.bare))]),
]);
const [keiko, large] = results;
if (large) {
  const overStartup = median(large.cmd) - median(keiko.cmd);
  console.log(`large spec end to end: ${((largeBytes / 1e6) / (overStartup / 1000)).toFixed(2)} MB/s beyond the keiko check's time`);
}
for (const [cmd, first] of problems) console.log(`note: \`${cmd}\` found problems (first: ${first})`);
console.log(`aim: keiko check < 400 ms wall; now ${fmtMs(median(keiko.cmd))} (ratio to bare node ${fmtRatio(median(keiko.cmd) / median(keiko.bare))})`);
