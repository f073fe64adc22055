// Fuzzes `kmig check` with many mutated copies of the repository's specs (not part of `npm test`;
// test/robustness/cli-fuzz.test.ts runs a fixed-seed thousand of them on every test run).
//
//   npm run build && node bench/fuzz-check.mjs [N=10000] [--seed S] [--batch 1000] [--timeout 300]
//
// Each batch is one `kmig check <folder> --format json` process over `batch` files, laid out as
// chains (a folder holds a baseline, often intact, and a mutated migration). A batch fails when
// the process crashes (K8001, a stack trace, a signal), hangs past the timeout, exits with a code
// other than 0 or 1, prints invalid JSON, or reports a diagnostic without a file, line and column.
// Failing batches are kept under bench/out/fuzz-failures/<seed>/ with the command that replays them.
// Exit code: 0 when every batch passed, 1 otherwise.

import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const total = Number(args.find((a, i) => /^\d+$/.test(a) && !args[i - 1]?.startsWith("--")) ?? 10_000);
const firstSeed = flag("seed", Math.floor(Math.random() * 2 ** 31));
const batch = flag("batch", 1000);
const timeoutMs = flag("timeout", 300) * 1000;

/** The mutation helpers of the tests, bundled so that this plain script can use them. */
async function importMutate() {
  const outfile = join(ROOT, "dist/bench/fuzz-mutate.mjs");
  await build({ entryPoints: [join(ROOT, "test/support/mutate.ts")], bundle: true, platform: "node", format: "esm", target: "node20", outfile, logLevel: "warning" });
  return import(pathToFileURL(outfile).href);
}

/** Writes one batch of chains into `dir`; returns the number of files. */
function writeBatch(m, subjects, seed, dir, files) {
  const random = m.seededRandom(seed);
  let n = 0;
  for (let c = 0; n < files; c++) {
    for (const s of subjects) {
      if (n >= files) break;
      const keep = s.name.includes("baseline") && random() < 0.5;
      const path = join(dir, `chain-${String(c).padStart(4, "0")}`, s.name.split("/").pop());
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, keep ? s.text : m.applyMutations(s, m.randomMutations(random, 4)));
      n++;
    }
  }
  return n;
}

/** What is wrong with one batch's run, or null. */
function problemOf(r, files) {
  if (r.error?.code === "ETIMEDOUT") return `no answer after ${timeoutMs / 1000} s (a hang?)`;
  if (r.signal) return `killed by ${r.signal}`;
  if (/K8001|\n\s+at .+:\d+:\d+/.test(r.stdout + r.stderr)) return `crash:\n${r.stderr.slice(0, 3000)}`;
  if (r.status !== 0 && r.status !== 1) return `exit code ${r.status}:\n${r.stderr.slice(0, 3000)}`;
  let report;
  try {
    report = JSON.parse(r.stdout);
  } catch (e) {
    return `stdout is not JSON (${e.message})`;
  }
  if (report.files !== files) return `reported ${report.files} files, wrote ${files}`;
  const bad = report.diagnostics.find((d) => !d.file || !(d.line >= 1) || !(d.column >= 1) || !(d.endLine >= d.line) || !d.code || !d.message);
  return bad ? `a diagnostic without a proper place: ${JSON.stringify(bad)}` : null;
}

const m = await importMutate();
process.chdir(ROOT);
const subjects = m.repositorySubjects();
let failed = 0;
let checked = 0;
const started = Date.now();
for (let b = 0; checked < total; b++) {
  const seed = (firstSeed + b) >>> 0;
  const files = Math.min(batch, total - checked);
  const dir = mkdtempSync(join(tmpdir(), "kmig-fuzz-"));
  try {
    writeBatch(m, subjects, seed, dir, files);
    const t0 = Date.now();
    const r = spawnSync(process.execPath, [join(ROOT, "bin/kmig.js"), "check", dir, "--format", "json"], { encoding: "utf8", timeout: timeoutMs, maxBuffer: 1 << 30 });
    const problem = problemOf(r, files);
    const report = problem ? null : JSON.parse(r.stdout);
    checked += files;
    console.log(`batch ${b} seed ${seed}: ${files} files, ${((Date.now() - t0) / 1000).toFixed(1)} s, ${problem ? "FAILED" : `${report.errors} errors, ${report.warnings} warnings`}`);
    if (problem) {
      failed++;
      const keep = join(ROOT, "bench/out/fuzz-failures", String(seed));
      cpSync(dir, keep, { recursive: true });
      writeFileSync(join(keep, "PROBLEM.txt"), `${problem}\n\nreplay: node bin/kmig.js check ${keep} --format json\nregenerate: node bench/fuzz-check.mjs ${files} --seed ${seed} --batch ${files}\n`);
      console.log(`  ${problem.split("\n")[0]}\n  kept in ${keep}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
console.log(`${checked} files in ${((Date.now() - started) / 1000).toFixed(0)} s; ${failed} failing batch${failed === 1 ? "" : "es"} (first seed ${firstSeed})`);
process.exitCode = failed > 0 ? 1 : 0;
