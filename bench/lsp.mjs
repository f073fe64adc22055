// The language server under a long editing session: how long after a keystroke the editor has
// the chain's diagnostics, and whether memory stays flat.
//
//   node bench/lsp.mjs [--edits 1000] [--large-kb 250]
//
// Starts `kmig lsp --stdio` (node --expose-gc, so that heap figures are of live data) as an editor
// would, opens a copy of specs/keiko, and types into the migration: each edit changes one
// character (alternately breaking a column name and fixing it, so that both the error and the
// clean path run), with hover, completion and semantic tokens asked (and timed) every 10 edits. It reports
//  - re-check latency: didChange sent → publishDiagnostics received, with the debounce at 0, as
//    medians and 95th percentiles, against the 100 ms budget and against a whole `kmig check
//    specs/keiko` process run in the same session (what an editor without a server would pay);
//  - the server's own check time per change (parse of the changed file + the chain's fold);
//  - heap after the first 50 edits and after all of them (after a full GC): growth should be ~0.
// Then the same latency on a larger generated chain (--large-kb; 0 skips it).
// Needs `npm run build` first (bin/kmig.js runs dist/kmig.mjs).

import { spawn, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import rpc from "vscode-languageserver-protocol/node";
import { generateLargeSpec } from "./gen-large-spec.mjs";
import { fmtMs, fmtRatio, median, option, printTable } from "./stats.mjs";

const argv = process.argv.slice(2);
const EDITS = Number(option(argv, "edits", "1000"));
const LARGE_KB = Number(option(argv, "large-kb", "250"));

if (!existsSync("dist/kmig.mjs")) {
  console.error("dist/kmig.mjs is missing: run `npm run build` first");
  process.exit(2);
}

const p95 = (xs) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/** A server and a client over its pipes. */
async function startServer(root) {
  const child = spawn(process.execPath, ["--expose-gc", "bin/kmig.js", "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const c = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const waiting = new Map();
  c.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => {
    const w = waiting.get(p.uri);
    if (w) {
      waiting.delete(p.uri);
      w();
    }
  });
  c.onNotification("window/logMessage", () => {});
  c.listen();
  await c.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(root).href, capabilities: {}, initializationOptions: { debounceMs: 0 } });
  await c.sendNotification(rpc.InitializedNotification.type, {});
  let version = 1;
  return {
    c,
    /** Resolves when the next diagnostics for `uri` arrive. */
    published: (uri) => new Promise((resolve) => waiting.set(uri, resolve)),
    open: (uri, text) => c.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "kmig", version: 1, text } }),
    change: (uri, range, text) => c.sendNotification(rpc.DidChangeTextDocumentNotification.type, { textDocument: { uri, version: ++version }, contentChanges: [{ range, text }] }),
    stats: () => c.sendRequest("kmig/stats"),
    async stop() {
      await c.sendRequest(rpc.ShutdownRequest.type);
      await c.sendNotification(rpc.ExitNotification.type);
      c.dispose();
    },
  };
}

/** Line and character of an offset. */
function positionAt(text, offset) {
  const before = text.slice(0, offset).split("\n");
  return { line: before.length - 1, character: before[before.length - 1].length };
}

/**
 * Types `edits` one-character changes into the file `uri` (text `text`) at `offset`, toggling the
 * character there; returns each change's latency (ms).
 */
async function typeInto(server, uri, text, offset, edits, onEdit = () => {}) {
  const at = positionAt(text, offset);
  const original = text[offset];
  const latencies = [];
  for (let i = 0; i < edits; i++) {
    const next = i % 2 === 0 ? "x" : original;
    const got = server.published(uri);
    const t0 = performance.now();
    await server.change(uri, { start: at, end: { line: at.line, character: at.character + 1 } }, next);
    await got;
    latencies.push(performance.now() - t0);
    await onEdit(i, at);
  }
  return latencies;
}

/** Hover, completion and semantic tokens at `at`, one after the other (as an editor asks after a change), each timed. */
async function timeRequests(server, uri, at, into) {
  const textDocument = { uri };
  for (const [name, type, params] of [
    ["hover", rpc.HoverRequest.type, { textDocument, position: at }],
    ["completion", rpc.CompletionRequest.type, { textDocument, position: at }],
    ["semanticTokens", rpc.SemanticTokensRequest.type, { textDocument }],
  ]) {
    const t0 = performance.now();
    await server.c.sendRequest(type, params);
    into[name].push(performance.now() - t0);
  }
}

function checkProcessMs(dir) {
  const runs = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, ["bin/kmig.js", "check", dir], { stdio: "ignore" });
    runs.push(performance.now() - t0);
  }
  return median(runs);
}

async function keiko() {
  const dir = mkdtempSync(join(tmpdir(), "kmig-bench-lsp-"));
  cpSync("specs/keiko/000_baseline.kmig", join(dir, "000_baseline.kmig"));
  cpSync("specs/keiko/001_keiko_v2.kmig", join(dir, "001_keiko_v2.kmig"));
  const text = readFileSync(join(dir, "001_keiko_v2.kmig"), "utf8");
  const uri = pathToFileURL(join(dir, "001_keiko_v2.kmig")).href;
  const server = await startServer(dir);
  const first = server.published(uri);
  await server.open(uri, text);
  await first;
  // A column name inside a mapping: every other edit makes it unknown (K2002), the next fixes it.
  const offset = text.indexOf("status ?? 'inactive'");
  let heapAfterWarmup = 0;
  let heapHalf = 0;
  const requests = { hover: [], completion: [], semanticTokens: [] };
  const latencies = await typeInto(server, uri, text, offset, EDITS, async (i, at) => {
    if (i % 10 === 9) await timeRequests(server, uri, at, requests);
    if (i === 49) heapAfterWarmup = (await server.stats()).heapUsed;
    if (i === Math.floor(EDITS / 2) - 1) heapHalf = (await server.stats()).heapUsed;
    if (process.env.KMIG_BENCH_HEAP_TRACE && i % 250 === 249) console.log(`  heap after ${i + 1} edits: ${((await server.stats()).heapUsed / 1e6).toFixed(2)} MB`);
  });
  const end = await server.stats();
  await server.stop();
  const cli = checkProcessMs(dir);
  rmSync(dir, { recursive: true, force: true });
  return { latencies, checkMs: end.checkMs, heapAfterWarmup, heapHalf, heapEnd: end.heapUsed, rss: end.rss, gc: end.gc, cli, requests };
}

async function large(kb) {
  const dir = mkdtempSync(join(tmpdir(), "kmig-bench-lsp-large-"));
  const files = generateLargeSpec({ bytes: kb * 1000, kbPerFile: 25 });
  for (const f of files) writeFileSync(join(dir, f.name), f.text);
  const last = files[files.length - 1];
  const uri = pathToFileURL(join(dir, last.name)).href;
  const server = await startServer(dir);
  const first = server.published(uri);
  await server.open(uri, last.text);
  await first;
  const offset = last.text.indexOf("describe '") + 10;
  const requests = { hover: [], completion: [], semanticTokens: [] };
  const latencies = await typeInto(server, uri, last.text, offset, 100, (i, at) => (i % 10 === 9 ? timeRequests(server, uri, at, requests) : undefined));
  const end = await server.stats();
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
  return { latencies, checkMs: end.checkMs, files: files.length, bytes: files.reduce((n, f) => n + f.text.length, 0), requests };
}

const k = await keiko();
console.log(`kmig lsp on specs/keiko: ${EDITS} one-character edits to 001_keiko_v2.kmig (debounce 0)\n`);
printTable([
  ["", "median", "p95", "vs 100 ms budget", "vs `kmig check` process"],
  ["change → diagnostics", fmtMs(median(k.latencies)), fmtMs(p95(k.latencies)), fmtRatio(p95(k.latencies) / 100), fmtRatio(median(k.latencies) / k.cli)],
  ["server's check (last 64)", fmtMs(median(k.checkMs)), fmtMs(p95(k.checkMs)), fmtRatio(p95(k.checkMs) / 100), fmtRatio(median(k.checkMs) / k.cli)],
  ["`kmig check` process", fmtMs(k.cli), "", "", "1.00×"],
  ...Object.entries(k.requests).map(([name, ms]) => [`${name} after a change`, fmtMs(median(ms)), fmtMs(p95(ms)), fmtRatio(p95(ms) / 100), ""]),
]);
const mb = (b) => `${(b / 1e6).toFixed(1)} MB`;
const pct = (a, b) => `${b >= a ? "+" : ""}${(((b - a) / a) * 100).toFixed(1)}%`;
// The first edits warm the JIT up (feedback, optimised code): stability is the second half's growth.
console.log(
  `\nheap${k.gc ? " after a full GC" : " (no --expose-gc: not collected first)"}: after 50 edits ${mb(k.heapAfterWarmup)}, after ${Math.floor(EDITS / 2)} ${mb(k.heapHalf)}, after ${EDITS} ${mb(k.heapEnd)} (second half ${pct(k.heapHalf, k.heapEnd)}); rss ${(k.rss / 1e6).toFixed(0)} MB`,
);

if (LARGE_KB > 0) {
  const l = await large(LARGE_KB);
  console.log(`\nlarger chain: ${l.files} files, ${(l.bytes / 1000).toFixed(0)} kB (bench/gen-large-spec.mjs), 100 edits to the last file`);
  printTable([
    ["", "median", "p95"],
    ["change → diagnostics", fmtMs(median(l.latencies)), fmtMs(p95(l.latencies))],
    ["server's check", fmtMs(median(l.checkMs)), fmtMs(p95(l.checkMs))],
    ...Object.entries(l.requests).map(([name, ms]) => [`${name} after a change`, fmtMs(median(ms)), fmtMs(p95(ms))]),
  ]);
}
