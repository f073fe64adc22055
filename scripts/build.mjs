// `npm run build`: bundles the CLI with esbuild into dist/kmig.mjs (what bin/kmig.js imports), the
// library `kmig/runtime` into dist/runtime.mjs, and
// dist/kmig-emit-worker.mjs (the print worker `kmig compile` starts), split into chunks in
// dist/chunks/ along cli/main.ts's dynamic imports, so that each command loads — and V8
// compiles — only its own code: `kmig check` never the runtime, yaml or the emitter. Then it runs
// dist/kmig-code-cache.mjs, which writes the code cache the print worker loads ts-morph with, and
// scripts/pglite-template.mjs, which makes the data folder a new embedded database is copied from.

import { spawnSync } from "node:child_process";
import { build } from "esbuild";
import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const CHUNKS = join(ROOT, "dist/chunks");

const result = await build({
  absWorkingDir: ROOT,
  // runtime.mjs is `kmig/runtime` (package.json `exports`): the library, sharing chunks with the CLI;
  // plan.mjs is `kmig/plan`, the plan format's constants beside its types (dist/types, `npm run build:types`).
  entryPoints: { kmig: "cli/main.ts", runtime: "runtime/index.ts", plan: "core/plan.ts", "kmig-emit-worker": "compiler/emit/print-worker.ts", "kmig-code-cache": "cli/write-code-cache.ts" },
  bundle: true,
  splitting: true,
  platform: "node",
  format: "esm",
  target: "node20",
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  chunkNames: "chunks/[name]-[hash]",
  // Bundled CommonJS code calls `require` for Node's built-in modules; ESM has none of its own.
  banner: { js: "import { createRequire as kmigCreateRequire } from 'node:module'; const require = kmigCreateRequire(import.meta.url);" },
  // Loaded from node_modules when a command needs them: large, and some load files of their own.
  external: ["pg", "@electric-sql/pglite", "ts-morph", "prettier", "fast-check"],
  metafile: true,
  logLevel: "warning",
});

// Which source files each output holds and what it imports: test/load/runtime-imports.test.ts
// reads it to prove that the runtime never loads the parser or the compiler. Not shipped.
writeFileSync(join(ROOT, "dist/meta.json"), JSON.stringify(result.metafile));

// Chunk names carry a content hash: remove those earlier builds left behind. Not the recent ones:
// another build running at the same time (tests build first) may have written them.
const written = new Set(Object.keys(result.metafile.outputs).map((p) => resolve(ROOT, p)));
mkdirSync(CHUNKS, { recursive: true });
for (const name of readdirSync(CHUNKS)) {
  const path = join(CHUNKS, name);
  if (!written.has(path) && Date.now() - statSync(path).mtimeMs > 10 * 60_000) rmSync(path, { force: true });
}

// Only an optimisation as well: without the template, a new embedded database runs PGlite's initdb.
const template = spawnSync(process.execPath, [join(ROOT, "scripts/pglite-template.mjs")], { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
if (template.status !== 0) {
  const why = template.stderr?.trim().split("\n")[0] || `exit ${template.status ?? template.signal}`;
  console.warn(`warning: no PGlite template written (a new embedded database starts slower): ${why}`);
}

// Only an optimisation: without the cache, `kmig compile` compiles ts-morph as it loads it.
const cache = spawnSync(process.execPath, [join(ROOT, "dist/kmig-code-cache.mjs")], { stdio: ["ignore", "inherit", "pipe"], encoding: "utf8" });
if (cache.status !== 0) {
  const why = cache.error?.message || cache.stderr?.trim().split("\n")[0] || `exit ${cache.status ?? cache.signal}`;
  console.warn(`warning: no code cache written for ts-morph (kmig compile starts slower): ${why}`);
}
