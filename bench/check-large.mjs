// CPU time of type-checking a chain, apart from parsing it, on the large inputs `kmig check` must
// handle in seconds: the generated large spec (bench/gen-large-spec.mjs) and a baseline of 20,000
// tables (test/compiler/support/wide-schema.ts), whose check once took minutes (quadratic in tables).
//
//   node bench/check-large.mjs [--runs 3] [--tables 20000] [--mb 5.5] [--seed 1]
//
// In process, with the CLI's bundled code. For each input: the CPU time of parsing every file and
// of checking the parsed chain (`checkChain`: names, types, rollback derivation, plans), medians
// (and the check's minimum) over the runs after one warm-up. Ratios rather than milliseconds
// compare between machines: check / parse on the same input, and the growth of the check from a
// quarter of the tables to all of them (4× for linear, 16× for quadratic).

import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateLargeSpec } from "./gen-large-spec.mjs";
import { fmtMs, fmtRatio, median, min, option, printTable, timed } from "./stats.mjs";

const argv = process.argv.slice(2);
const runs = Number(option(argv, "runs", "3"));
const tables = Number(option(argv, "tables", "20000"));
const seed = Number(option(argv, "seed", "1"));
const mb = Number(option(argv, "mb", "5.5"));
const kmig = await importCheckChain();

/** Bundles bench/check-chain.ts with the CLI's esbuild settings (as bundle.mjs does for the front end) and imports it. */
async function importCheckChain() {
  const root = join(dirname(fileURLToPath(import.meta.url)), "..");
  const outfile = join(root, "dist/bench/check-chain.mjs");
  await build({ entryPoints: [join(root, "bench/check-chain.ts")], bundle: true, platform: "node", format: "esm", target: "node20", outfile, logLevel: "warning" });
  return import(pathToFileURL(outfile).href);
}

/** Parse and check CPU medians of `files`, and what the last check found. */
function measure(files) {
  const sources = files.map((f) => kmig.makeSourceFile(f.name, f.text));
  const parse = [];
  const check = [];
  let result = null;
  for (let i = 0; i <= runs; i++) {
    const p = timed(() => kmig.parseChain(sources));
    const c = timed(() => kmig.checkChain(p.result));
    // The first run warms the JIT up and is not counted.
    if (i > 0) parse.push(p.cpu);
    if (i > 0) check.push(c.cpu);
    result = c.result;
  }
  const count = (severity) => result.diagnostics.filter((d) => d.severity === severity).length;
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  return { bytes, parse: median(parse), check: median(check), checkMin: min(check), steps: result.units.reduce((n, u) => n + u.plan.steps.length, 0), errors: count("error"), warnings: count("warning") };
}

const inputs = [
  { label: `large spec (seed ${seed})`, m: measure(generateLargeSpec({ seed, bytes: mb * 1e6 })) },
  { label: `${tables / 4} tables`, m: measure(kmig.wideSchemaSpec(tables / 4).files) },
  { label: `${tables} tables`, m: measure(kmig.wideSchemaSpec(tables).files) },
];

console.log(`check CPU time, in process (median of ${runs} runs after a warm-up)`);
printTable([
  ["input", "MB", "steps", "parse CPU", "check CPU", "check min", "check / parse", "errors", "warnings"],
  ...inputs.map(({ label, m }) => [label, (m.bytes / 1e6).toFixed(2), m.steps, fmtMs(m.parse), fmtMs(m.check), fmtMs(m.checkMin), fmtRatio(m.check / m.parse), m.errors, m.warnings]),
]);
const [, quarter, all] = inputs;
console.log(`check growth from ${tables / 4} to ${tables} tables: ${fmtRatio(all.m.check / quarter.m.check)} (minimums: ${fmtRatio(all.m.checkMin / quarter.m.checkMin)}; linear 4×, quadratic 16×)`);
const [large] = inputs;
if (large.m.errors > 0 || large.m.warnings !== 5) console.log(`note: the large spec should check with 0 errors and 5 warnings (K4011, by design); gen-large-spec.mjs may need catching up`);
