// Runs the benchmarks one after the other, each in its own process (a fresh heap, no JIT state
// carried over). `npm run bench` runs this; run `npm run build` first.
//
//   node bench/run-all.mjs [--quick] [--runtime]
//
// --quick   fewer runs and a smaller generated spec: a smoke test of the scripts, not figures
// --runtime also bench/keiko-1m.mjs (needs PostgreSQL; takes minutes)

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");

const benches = [
  { script: "bench/parse-speed.mjs", args: quick ? ["--runs", "1", "--warmup", "1", "--mb", "1"] : [] },
  { script: "bench/check-wall.mjs", args: quick ? ["--runs", "3", "--large-runs", "1"] : [] },
  { script: "bench/check-large.mjs", args: quick ? ["--runs", "1", "--mb", "1", "--tables", "4000"] : [] },
  { script: "bench/compile-wall.mjs", args: quick ? ["--runs", "2"] : [] },
  { script: "bench/lsp.mjs", args: quick ? ["--edits", "100", "--large-kb", "0"] : [] },
  { script: "bench/pglite-memory.mjs", args: quick ? ["--runs", "2"] : [] },
  ...(argv.includes("--runtime") ? [{ script: "bench/keiko-1m.mjs", args: quick ? ["--tasks", "20000"] : [] }] : []),
  ...(argv.includes("--runtime") ? [{ script: "bench/runtime-startup.mjs", args: quick ? ["--runs", "3", "--no-size"] : [] }] : []),
];

if (!existsSync("dist/kmig.mjs")) {
  console.error("dist/kmig.mjs is missing: run `npm run build` first");
  process.exit(2);
}
let failed = 0;
for (const { script, args } of benches) {
  if (!existsSync(script)) continue;
  console.log(`\n== node ${script} ${args.join(" ")}`);
  const r = spawnSync(process.execPath, [script, ...args], { stdio: "inherit" });
  if (r.status !== 0) {
    failed++;
    console.log(`(${script} exited with ${r.status ?? r.signal})`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
