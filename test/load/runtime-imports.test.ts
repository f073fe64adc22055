import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../support/cli.js";
import { createTestDatabase } from "../support/pg.js";

/**
 * The runtime runs without the front end: `kmig/runtime` (dist/runtime.mjs) and `kmig apply
 * <compiled-dir>` load no parser, no compiler, no ts-morph, prettier or TypeScript. Proved twice:
 * on the bundle's import graph (esbuild's metafile, dist/meta.json), and on what a real process
 * loads (every ES and CommonJS module, recorded by a preloaded hook).
 */

interface Meta {
  readonly outputs: Record<string, { readonly inputs: Record<string, unknown>; readonly imports: readonly { readonly path: string; readonly kind: string; readonly external?: boolean }[] }>;
}

const ROOT = resolve(__dirname, "../..");
const meta = (): Meta => JSON.parse(readFileSync(join(ROOT, "dist/meta.json"), "utf8")) as Meta;
/** Source folders and packages only the front end, the compiler and their tools use. */
const FRONT_END = /^(grammar|compiler|proptest|lsp)\/|node_modules\/(chevrotain|@chevrotain|ts-morph|@ts-morph|prettier|typescript)\//;
/** The library also leaves out the command line. */
const FORBIDDEN = new RegExp(`${FRONT_END.source}|^cli\\/`);

/** Every output reachable from `entry` (static and dynamic imports alike), and the externals they import. */
function closure(m: Meta, entry: string): { outputs: string[]; externals: string[] } {
  const outputs = new Set<string>();
  const externals = new Set<string>();
  const stack = [entry];
  while (stack.length > 0) {
    const o = stack.pop() as string;
    if (outputs.has(o)) continue;
    outputs.add(o);
    for (const i of m.outputs[o].imports) (i.external ? externals.add(i.path) : stack.push(i.path));
  }
  return { outputs: [...outputs], externals: [...externals] };
}

const sourcesOf = (m: Meta, outputs: readonly string[]) => [...new Set(outputs.flatMap((o) => Object.keys(m.outputs[o]?.inputs ?? {})))];

const temps: string[] = [];
let plans: string;
beforeAll(() => {
  plans = join(mkdtempSync(join(tmpdir(), "kmig-h12-imports-")), "plans");
  temps.push(plans);
  const r = runCli(["compile", "specs/keiko", "--out", plans]);
  expect(r.status, r.stderr).toBe(0);
});
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The source files of kmig's bundle and the packages a `kmig …` process loaded. */
function loadedBy(args: readonly string[]): { sources: string[]; packages: string[] } {
  const log = join(mkdtempSync(join(tmpdir(), "kmig-h12-loads-")), "loaded.txt");
  temps.push(log);
  const r = spawnSync(process.execPath, ["--import", join(ROOT, "test/load/support/record-loads.mjs"), join(ROOT, "bin/kmig.js"), ...args], { cwd: ROOT, encoding: "utf8", env: { ...process.env, KMIG_LOADED_LOG: log }, timeout: 120_000 });
  expect(r.status, r.stderr).toBe(0);
  const files = readFileSync(log, "utf8").split("\n").filter((l) => l.length > 0).map((l) => (l.startsWith("file:") ? fileURLToPath(l) : l));
  const dist = files.filter((f) => f.startsWith(join(ROOT, "dist/"))).map((f) => f.slice(ROOT.length + 1));
  const packages = [...new Set(files.map((f) => /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(f)?.[1]).filter((p): p is string => p !== undefined))];
  return { sources: sourcesOf(meta(), dist), packages };
}

describe("the runtime's imports", () => {
  it("kmig/runtime reaches no front end, compiler or TypeScript tooling in the bundle's graph", () => {
    const m = meta();
    const { outputs, externals } = closure(m, "dist/runtime.mjs");
    const sources = sourcesOf(m, outputs);
    expect(sources.filter((s) => FORBIDDEN.test(s))).toEqual([]);
    expect(sources).toContain("runtime/apply.ts");
    expect(externals.filter((e) => !e.startsWith("node:") && !["fs", "process", "buffer", "pg", "@electric-sql/pglite"].includes(e))).toEqual([]);
  });

  it("kmig apply <compiled-dir> loads no parser, compiler, ts-morph, prettier or TypeScript; from a spec folder it does", async () => {
    const db = await createTestDatabase("kmig_h12_imports");
    try {
      const compiled = loadedBy(["apply", plans, "--db", db.url]);
      expect(compiled.sources.filter((s) => FRONT_END.test(s))).toEqual([]);
      expect(compiled.sources).toContain("runtime/load/compiled-plans.ts");
      expect(compiled.packages.filter((p) => /^(chevrotain|@chevrotain|ts-morph|@ts-morph|prettier|typescript)/.test(p))).toEqual([]);
      expect(compiled.packages).toContain("pg");
      // The control: the same command from the spec folder does load the front end and the compiler.
      const fromSpecs = loadedBy(["status", "specs/keiko", "--db", db.url]);
      expect(fromSpecs.sources).toContain("compiler/pipeline.ts");
      expect(fromSpecs.sources.some((s) => s.startsWith("grammar/"))).toBe(true);
    } finally {
      await db.drop();
    }
  }, 180_000);
});
