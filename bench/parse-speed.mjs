// In-process parse speed of the front end on the large generated spec (bench/gen-large-spec.mjs).
//
//   node bench/parse-speed.mjs [--runs 5] [--warmup 2] [--mb 5.5] [--seed 1]
//
// Each run parses every file three ways: phase by phase (lex, parse to CST, CST → AST) and whole
// (`parseSpec`, what `kmig check` calls). Every run also times `JSON.parse` of a JSON document of
// the same size: the ratio `parseSpec / JSON.parse` hardly moves when the machine is busy or
// slower, unlike MB/s, so compare ratios between runs and machines.

import { importFrontEnd } from "./bundle.mjs";
import { generateLargeSpec } from "./gen-large-spec.mjs";
import { fmtMs, fmtRatio, mbPerS, median, min, option, printTable, timed } from "./stats.mjs";

const argv = process.argv.slice(2);
const runs = Number(option(argv, "runs", "5"));
const warmup = Number(option(argv, "warmup", "2"));
const seed = Number(option(argv, "seed", "1"));
const files = generateLargeSpec({ seed, bytes: Number(option(argv, "mb", "5.5")) * 1e6 });
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const fe = await importFrontEnd();
const sources = files.map((f) => fe.makeSourceFile(f.name, f.text));
const json = sameSizeJson(bytes);

/** A JSON document of about `bytes` bytes, shaped like a table dump (objects, strings, numbers). */
function sameSizeJson(size) {
  const rows = [];
  let n = 2;
  for (let i = 0; n < size; i++) {
    const row = JSON.stringify({ id: i, name: `row_${i}`, tags: ["a", "bb", `t${i % 97}`], score: (i * 7919) % 1000 / 7, ok: i % 3 === 0, note: null });
    rows.push(row);
    n += row.length + 1;
  }
  return `[${rows.join(",")}]`;
}

function phasesOnce() {
  let lexMs = 0;
  let parseMs = 0;
  let astMs = 0;
  for (const f of files) {
    const l = timed(() => fe.lexPhase(f.text));
    const p = timed(() => fe.parsePhase(f.text, l.result));
    const a = timed(() => fe.toAstPhase(f.text, l.result, p.result));
    lexMs += l.ms;
    parseMs += p.ms;
    astMs += a.ms;
  }
  return { lexMs, parseMs, astMs };
}

function wholeOnce() {
  return timed(() => {
    for (const s of sources) {
      const r = fe.parseSpec(s);
      if (r.diagnostics.length > 0) throw new Error(`${s.path}: ${r.diagnostics[0].code} ${r.diagnostics[0].message}`);
    }
  }).ms;
}

for (let i = 0; i < warmup; i++) {
  phasesOnce();
  wholeOnce();
}
const samples = [];
for (let i = 0; i < runs; i++) {
  const jsonMs = timed(() => JSON.parse(json)).ms;
  const phases = phasesOnce();
  const totalMs = wholeOnce();
  samples.push({ jsonMs, ...phases, totalMs, ratio: totalMs / jsonMs });
}

const col = (k) => samples.map((s) => s[k]);
const row = (label, k) => [label, fmtMs(median(col(k))), fmtMs(min(col(k))), `${mbPerS(bytes, median(col(k))).toFixed(2)} MB/s`];
console.log(`parse speed: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB (seed ${seed}), median of ${runs} runs after ${warmup} warm-up`);
printTable([
  ["phase", "median", "min", "speed"],
  row("lex", "lexMs"),
  row("parse (CST)", "parseMs"),
  row("CST → AST", "astMs"),
  row("parseSpec (total)", "totalMs"),
  row("baseline: JSON.parse", "jsonMs"),
]);
const share = (k) => `${((100 * median(col(k))) / (median(col("lexMs")) + median(col("parseMs")) + median(col("astMs")))).toFixed(0)}%`;
console.log(`time shares: lex ${share("lexMs")}, parse ${share("parseMs")}, CST → AST ${share("astMs")}`);
console.log(`ratio parseSpec / JSON.parse (same size, same run): ${fmtRatio(median(col("ratio")))} (min ${fmtRatio(min(col("ratio")))})`);
console.log(`aim: parseSpec ≥ 5 MB/s; now ${mbPerS(bytes, median(col("totalMs"))).toFixed(2)} MB/s`);
