// What the safety lints (compiler/lint/, K5001–K5025) add to `kmig check`.
//
//   node bench/lint-speed.mjs [--runs 11] [--mb 5.5] [--seed 1]
//
// 1. `kmig check specs/keiko` as a whole process, with the lints and with `--no-lints`, run
//    alternately so that both see the same machine load: the ratio of their medians (aim: < 1.10).
// 2. In process, with the CLI's bundled code, on prefixes of the large generated chain
//    (bench/gen-large-spec.mjs: 1/4, 1/2 and all of its files): the CPU time of checking the chain
//    and of linting it, and the lints' share. Linear lints cost the same per migration at every size.
// Needs `npm run build` first (bin/kmig.js runs dist/kmig.mjs).

import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateLargeSpec } from "./gen-large-spec.mjs";
import { fmtMs, fmtRatio, median, option, printTable, timed } from "./stats.mjs";

const argv = process.argv.slice(2);
const runs = Number(option(argv, "runs", "11"));
const seed = Number(option(argv, "seed", "1"));
const mb = Number(option(argv, "mb", "5.5"));

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

const withLints = ["bin/kmig.js", "check", "specs/keiko"];
const without = [...withLints, "--no-lints"];
wall(withLints);
wall(without);
const a = [];
const b = [];
for (let i = 0; i < runs; i++) {
  a.push(wall(withLints));
  b.push(wall(without));
}
console.log(`kmig check specs/keiko, whole process, ${runs} alternating runs each (medians):`);
printTable([
  ["", "with lints", "--no-lints", "ratio"],
  ["wall", fmtMs(median(a)), fmtMs(median(b)), fmtRatio(median(a) / median(b))],
]);

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const outfile = join(root, "dist/bench/lint-chain.mjs");
await build({ entryPoints: [join(root, "bench/lint-chain.ts")], bundle: true, platform: "node", format: "esm", target: "node20", outfile, logLevel: "warning" });
const kmig = await import(pathToFileURL(outfile).href);

const files = generateLargeSpec({ seed, bytes: mb * 1e6 });
const rows = [];
for (const share of [0.25, 0.5, 1]) {
  const part = files.slice(0, Math.max(2, Math.round(files.length * share)));
  const parsed = kmig.parseChain(part.map((f) => kmig.makeSourceFile(f.name, f.text)));
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
  const migrations = part.length - 1;
  rows.push([`${part.length} files`, fmtMs(median(check)), fmtMs(median(lint)), fmtRatio(median(lint) / median(check)), `${(median(lint) / migrations).toFixed(2)} ms`, String(found)]);
}
console.log(`\nthe large generated chain (${mb} MB, seed ${seed}), in process, CPU medians of 3 runs:`);
printTable([["prefix", "check", "lint", "lint / check", "lint per migration", "lints found"], ...rows]);
