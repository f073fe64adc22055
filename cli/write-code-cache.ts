import { fileURLToPath } from "node:url";
import { CODE_CACHE_DIR, loadWithCodeCache, writeCodeCache } from "../compiler/emit/code-cache.js";
import { loadModuleLayout, tsMorphFiles } from "../compiler/emit/layout-module.js";
import { exportedConst, readonlyInterface, typeAlias, type ModuleModel } from "../compiler/emit/module-model.js";
import { setKmigV8Flags } from "./v8-flags.js";

/**
 * Run by `npm run build` (bundled as dist/kmig-code-cache.mjs): loads ts-morph, lays out a small
 * module as the print worker does, and writes the code cache the print worker then loads ts-morph
 * with (compiler/emit/code-cache.ts) into dist/code-cache/. V8 only takes a cache made under the
 * same flags, so this sets the CLI's first (were they to differ, the compile-cli test would see
 * the worker compile ts-morph: KMIG_DEBUG=1 says so).
 */

const SAMPLE: ModuleModel = {
  fileName: "sample.ts",
  header: "// A sample module, laid out to compile the functions a layout runs.",
  declarations: [
    readonlyInterface("Row", "A row.", [["id", "string", "Its key."], ["status", "string | undefined"]]),
    typeAlias("Json", "A JSON value.", "null | boolean | number | string | readonly Json[]"),
    { kind: "function", structure: { name: "map", isExported: true, docs: ["Maps a row."], parameters: [{ name: "row", type: "Row" }], returnType: "Row", statements: ["return { ...row };"] } },
    exportedConst("plan", "The plan.", null, '{ id: "sample" } as const'),
    exportedConst("steps", "Steps.", null, "[\n  1,\n]", true),
  ],
};

setKmigV8Flags();
const files = tsMorphFiles();
if (files) {
  const dir = fileURLToPath(new URL(`./${CODE_CACHE_DIR}/`, import.meta.url));
  const loaded = loadWithCodeCache(files, dir);
  loadModuleLayout()(SAMPLE);
  writeCodeCache(loaded, dir);
}
