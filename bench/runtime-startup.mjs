// The runtime without the compiler, measured: how fast `kmig apply <compiled-dir>` starts compared
// with applying from the spec folder, and how much smaller an install that only runs compiled plans
// is than a full one.
//
//   node bench/runtime-startup.mjs [--runs 11] [--db postgres://postgres@127.0.0.1:5432] [--no-size]
//
// Start-up: Keiko is compiled to bench/out/plans/keiko and applied once to a fresh database; then
// `kmig apply` of the up-to-date database (load the plans, take the lock, check the ledger, say
// "nothing to apply") runs alternately from the compiled folder, from the spec folder, and as
// `node -e 0`, the baseline: medians, minima, and the ratios between them. CPU time (user + system
// of the child) is given too: it moves much less than wall time on a loaded machine.
// Size: `npm pack`, then the tarball installed into two empty projects, in full and with
// `--omit=optional` (no ts-morph, prettier or the TypeScript they bring): the size of each
// node_modules on disk. Needs `npm run build` first and PostgreSQL.

import { execFileSync, spawnSync } from "node:child_process";
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { fmtMs, fmtRatio, median, min, option, printTable } from "./stats.mjs";

const argv = process.argv.slice(2);
const runs = Number(option(argv, "runs", "11"));
const server = option(argv, "db", process.env.KMIG_TEST_PG ?? "postgres://postgres@127.0.0.1:5432");
const PLANS = "bench/out/plans/keiko";

/** Wall and CPU milliseconds of one `node args…` (a failure fails the benchmark). */
function run(args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { stdio: ["ignore", "ignore", "pipe"], encoding: "utf8" });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited with ${r.status ?? r.signal}: ${r.stderr.slice(0, 500)}`);
  return ms;
}

async function startup() {
  rmSync(PLANS, { recursive: true, force: true });
  mkdirSync("bench/out/plans", { recursive: true });
  execFileSync(process.execPath, ["bin/kmig.js", "compile", "specs/keiko", "--out", PLANS], { stdio: "ignore" });
  const name = `kmig_bench_startup_${process.pid}`;
  const admin = new pg.Client({ connectionString: `${server}/postgres` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  const url = `${server}/${name}`;
  try {
    run(["bin/kmig.js", "apply", PLANS, "--fixtures", "--db", url]);
    const cases = [
      { label: `kmig apply ${PLANS} (compiled)`, args: ["bin/kmig.js", "apply", PLANS, "--db", url], ms: [], cpu: [] },
      { label: "kmig apply specs/keiko (source)", args: ["bin/kmig.js", "apply", "specs/keiko", "--db", url], ms: [], cpu: [] },
      { label: "node -e 0 (baseline)", args: ["-e", "0"], ms: [], cpu: [] },
    ];
    for (const c of cases) run(c.args);
    for (let i = 0; i < runs; i++) {
      for (const c of cases) {
        const before = childrenCpuMs();
        c.ms.push(run(c.args));
        c.cpu.push(childrenCpuMs() - before);
      }
    }
    const [compiled, source, bare] = cases;
    printTable([
      ["command", "median wall", "min wall", "median CPU", "wall × node -e 0"],
      ...cases.map((c) => [c.label, fmtMs(median(c.ms)), fmtMs(min(c.ms)), fmtMs(median(c.cpu)), fmtRatio(median(c.ms) / median(bare.ms))]),
    ]);
    console.log(`\ncompiled / source: wall ${fmtRatio(median(compiled.ms) / median(source.ms))} (min ${fmtRatio(min(compiled.ms) / min(source.ms))}), CPU ${fmtRatio(median(compiled.cpu) / median(source.cpu))}`);
    console.log(`kmig's own cost over node -e 0: compiled ${fmtMs(median(compiled.ms) - median(bare.ms))}, source ${fmtMs(median(source.ms) - median(bare.ms))}`);
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.end();
  }
}

/**
 * CPU milliseconds (user + system) of this process's waited-for children so far: Node reports a
 * child's CPU nowhere, but Linux adds it to cutime and cstime in /proc/self/stat (clock ticks of
 * 10 ms). Zero elsewhere.
 */
function childrenCpuMs() {
  try {
    const fields = readFileSync("/proc/self/stat", "utf8").split(") ")[1].split(" ");
    return (Number(fields[13]) + Number(fields[14])) * 10;
  } catch {
    return 0;
  }
}

/** Bytes on disk under `dir` (files and links, not following links). */
function du(dir) {
  let n = 0;
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    const st = lstatSync(p);
    n += st.isDirectory() ? du(p) : st.size;
  }
  return n;
}

function sizes() {
  const work = mkdtempSync(join(tmpdir(), "kmig-bench-size-"));
  try {
    execFileSync("npm", ["pack", "--pack-destination", work, "--loglevel=error"], { stdio: "ignore" });
    const tarball = join(work, readdirSync(work).find((f) => f.endsWith(".tgz")));
    const install = (label, extra) => {
      const app = join(work, label);
      mkdirSync(app);
      writeFileSync(join(app, "package.json"), JSON.stringify({ name: label, private: true }));
      execFileSync("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error", ...extra, tarball], { cwd: app, stdio: "ignore" });
      return { label, bytes: du(join(app, "node_modules")), packages: readdirSync(join(app, "node_modules")).filter((n) => !n.startsWith(".")).length };
    };
    const full = install("full", []);
    const runtime = install("runtime-only", ["--omit=optional"]);
    const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
    console.log(`\npackage tarball: ${mb(statSync(tarball).size)}`);
    printTable([["install", "node_modules", "top-level entries"], ...[full, runtime].map((i) => [i.label, mb(i.bytes), String(i.packages)])]);
    console.log(`\nruntime-only / full: ${fmtRatio(runtime.bytes / full.bytes)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await startup();
if (!argv.includes("--no-size")) sizes();
