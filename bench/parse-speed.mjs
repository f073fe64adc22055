// In-process parse speed of the front end on the large generated spec (bench/gen-large-spec.mjs).
//
//   node bench/parse-speed.mjs [--runs 5] [--warmup 2] [--mb 5.5] [--seed 1]
//
// Each run parses every file twice: phase by phase (lex, then parse, which builds the AST as it
// goes), and whole with `parseSpec` (what `kmig check` calls; "rest" is what it does besides the
// two phases: diagnostics, the depth check, and garbage collection the phases left). Each run also times `JSON.parse` of a JSON document of
// the same size, the baseline: the ratio `parseSpec / JSON.parse` moves little with the machine's
// speed or load, unlike MB/s, so compare ratios between runs and machines. Times are given both as
// wall time and as CPU time of the process; on a busy machine CPU time is the steadier of the two.

import { importFrontEnd } from "./bundle.mjs";
import { generateLargeSpec } from "./gen-large-spec.mjs";
import { fmtMs, fmtRatio, mbPerS, median, option, printTable, timed } from "./stats.mjs";

const argv = process.argv.slice(2);
const runs = Number(option(argv, "runs", "5"));
const warmup = Number(option(argv, "warmup", "2"));
const seed = Number(option(argv, "seed", "1"));
const files = generateLargeSpec({ seed, bytes: Number(option(argv, "mb", "5.5")) * 1e6 });
const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
const fe = await importFrontEnd();
const sources = files.map((f) => fe.makeSourceFile(f.name, f.text));
const json = sameSizeJson(bytes);

/** A JSON document of about `size` bytes, shaped like a table dump (objects, strings, numbers). */
function sameSizeJson(size) {
  const rows = [];
  let n = 2;
  for (let i = 0; n < size; i++) {
    const row = JSON.stringify({ id: i, name: `row_${i}`, tags: ["a", "bb", `t${i % 97}`], score: ((i * 7919) % 1000) / 7, ok: i % 3 === 0, note: null });
    rows.push(row);
    n += row.length + 1;
  }
  return `[${rows.join(",")}]`;
}

const zero = () => ({ ms: 0, cpu: 0 });
const add = (acc, t) => {
  acc.ms += t.ms;
  acc.cpu += t.cpu;
};

function phasesOnce() {
  const lex = zero();
  const parse = zero();
  for (const f of files) {
    const l = timed(() => fe.lexPhase(f.text));
    add(lex, l);
    add(parse, timed(() => fe.parsePhase(f.text, l.result)));
  }
  return { lex, parse };
}

function wholeOnce() {
  return timed(() => {
    for (const s of sources) {
      const r = fe.parseSpec(s);
      if (r.diagnostics.length > 0) throw new Error(`${s.path}: ${r.diagnostics[0].code} ${r.diagnostics[0].message}`);
    }
  });
}

/** The fastest of three: JSON.parse takes a few tens of ms, so one run is at the mercy of noise. */
function baselineOnce() {
  const t = [0, 1, 2].map(() => timed(() => JSON.parse(json)));
  return { ms: Math.min(...t.map((x) => x.ms)), cpu: Math.min(...t.map((x) => x.cpu)) };
}

for (let i = 0; i < warmup; i++) {
  phasesOnce();
  wholeOnce();
  baselineOnce();
}
const samples = [];
for (let i = 0; i < runs; i++) {
  const json = baselineOnce();
  const phases = phasesOnce();
  const total = wholeOnce();
  // What parseSpec does besides the two phases: diagnostics and the depth check.
  const rest = { ms: Math.max(0, total.ms - phases.lex.ms - phases.parse.ms), cpu: Math.max(0, total.cpu - phases.lex.cpu - phases.parse.cpu) };
  samples.push({ json, ...phases, rest, total });
}

const med = (k, unit) => median(samples.map((s) => s[k][unit]));
const row = (label, k) => [label, fmtMs(med(k, "ms")), `${mbPerS(bytes, med(k, "ms")).toFixed(2)} MB/s`, fmtMs(med(k, "cpu")), `${mbPerS(bytes, med(k, "cpu")).toFixed(2)} MB/s`];
console.log(`parse speed: ${files.length} files, ${(bytes / 1e6).toFixed(2)} MB (seed ${seed}), medians of ${runs} runs after ${warmup} warm-up`);
printTable([
  ["phase", "wall", "speed", "cpu", "speed (cpu)"],
  row("lex", "lex"),
  row("parse (to AST)", "parse"),
  row("rest of parseSpec", "rest"),
  row("parseSpec (total)", "total"),
  row("baseline: JSON.parse", "json"),
]);
const share = (k) => `${((100 * med(k, "cpu")) / med("total", "cpu")).toFixed(0)}%`;
console.log(`cpu time shares: lex ${share("lex")}, parse ${share("parse")}, rest ${share("rest")}`);
const ratio = (unit) => median(samples.map((s) => s.total[unit] / s.json[unit]));
console.log(`ratio parseSpec / JSON.parse of the same size: ${fmtRatio(ratio("cpu"))} in cpu time, ${fmtRatio(ratio("ms"))} in wall time`);
const best = (unit) => Math.min(...samples.map((s) => s.total[unit]));
console.log(`aim: parseSpec ≥ 5 MB/s; now (median) ${mbPerS(bytes, med("total", "ms")).toFixed(2)} MB/s wall, ${mbPerS(bytes, med("total", "cpu")).toFixed(2)} MB/s cpu; best run ${mbPerS(bytes, best("ms")).toFixed(2)} MB/s wall`);
