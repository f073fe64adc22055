// Preloaded with `node --import` by test/load/runtime-imports.test.ts: records every module the
// process loads into the file KMIG_LOADED_LOG names, one path or URL a line — ES modules as they
// resolve (through the hooks in record-loads-hooks.mjs), CommonJS ones from require's cache at exit.
import { appendFileSync } from "node:fs";
import { createRequire, register } from "node:module";

const out = process.env.KMIG_LOADED_LOG;
if (out) {
  register("./record-loads-hooks.mjs", import.meta.url, { data: { out } });
  process.on("exit", () => appendFileSync(out, Object.keys(createRequire(import.meta.url).cache).join("\n") + "\n"));
}
