// Peak memory (RSS) of kmig's commands on the embedded database (PGlite), measured with
// `/usr/bin/time -v`, against the same commands with PGlite as kmig started it before it was tuned
// (`KMIG_PGLITE_UNTUNED=1`: PGlite's initdb for every new database, 128 MB shared buffers, V8's
// optimising WebAssembly tier) in the same run. Each command runs in a fresh folder holding a copy
// of specs/keiko, without --db or DATABASE_URL:
//   first run       kmig status spec           (creates .kmig/pglite)
//   later command   kmig status spec, kmig plan spec
//   apply           kmig apply spec --fixtures (on a new folder: a first run that does work)
//   test            kmig test spec --runs N    (a throwaway database of its own)
// Aims (issue 11, item 17): a later command under 250 MB, the first run under 500 MB.
// Usage: node bench/pglite-memory.mjs [--runs 5] (the runs of `kmig test`). Needs `npm run build`.

import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const KMIG = join(ROOT, "bin/kmig.js");
const runsAt = process.argv.indexOf("--runs");
const TEST_RUNS = runsAt > 0 ? process.argv[runsAt + 1] : "5";

/** One command under /usr/bin/time -v in `cwd`: peak RSS (MB), wall seconds, exit code. */
function measure(cwd, args, untuned) {
  const env = { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", ...(untuned ? { KMIG_PGLITE_UNTUNED: "1" } : {}) };
  const r = spawnSync("/usr/bin/time", ["-v", process.execPath, KMIG, ...args], { cwd, env, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(r.stderr);
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):([\d.]+)/.exec(r.stderr);
  if (!rss || !wall) throw new Error(`no /usr/bin/time figures for kmig ${args.join(" ")}:\n${r.stderr}`);
  const seconds = Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]);
  const exit = /Exit status: (\d+)/.exec(r.stderr)?.[1] ?? String(r.status);
  return { mb: Number(rss[1]) / 1024, seconds, exit: Number(exit) };
}

function folder() {
  const dir = mkdtempSync(join(tmpdir(), "kmig-bench-pglite-"));
  cpSync(join(ROOT, "specs/keiko"), join(dir, "spec"), { recursive: true });
  return dir;
}

/** Every command of the bench, in one configuration. */
function measureAll(untuned) {
  const out = {};
  const a = folder();
  const b = folder();
  const c = folder();
  try {
    out["first run (status)"] = measure(a, ["status", "spec"], untuned);
    out["later command (status)"] = measure(a, ["status", "spec"], untuned);
    out["later command (plan)"] = measure(a, ["plan", "spec"], untuned);
    out["first run (apply --fixtures)"] = measure(b, ["apply", "spec", "--fixtures"], untuned);
    out[`test (--runs ${TEST_RUNS})`] = measure(c, ["test", "spec", "--runs", TEST_RUNS, "--seed", "1"], untuned);
  } finally {
    for (const d of [a, b, c]) rmSync(d, { recursive: true, force: true });
  }
  return out;
}

const before = measureAll(true);
const after = measureAll(false);
const pad = (s, n) => String(s).padEnd(n);
console.log(`${pad("command", 32)}${pad("before MB", 11)}${pad("after MB", 10)}${pad("ratio", 8)}${pad("before s", 10)}after s`);
for (const name of Object.keys(after)) {
  const [b, a] = [before[name], after[name]];
  const failed = b.exit !== 0 || a.exit !== 0 ? `   (exit ${b.exit} / ${a.exit})` : "";
  console.log(`${pad(name, 32)}${pad(b.mb.toFixed(0), 11)}${pad(a.mb.toFixed(0), 10)}${pad(`${(a.mb / b.mb).toFixed(2)}×`, 8)}${pad(b.seconds.toFixed(1), 10)}${a.seconds.toFixed(1)}${failed}`);
}
const later = Math.max(after["later command (status)"].mb, after["later command (plan)"].mb);
const first = Math.max(after["first run (status)"].mb, after["first run (apply --fixtures)"].mb);
console.log(`aims: later command ${later.toFixed(0)} MB < 250 MB ${later < 250 ? "met" : "MISSED"}; first run ${first.toFixed(0)} MB < 500 MB ${first < 500 ? "met" : "MISSED"}`);
