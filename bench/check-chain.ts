/**
 * The compiler's two phases apart, for `check-large.mjs`: parse every file, then type-check and
 * plan the chain. Bundled with the CLI's esbuild settings, so the benchmark times the code that
 * `kmig check` runs.
 */
export { checkChain, parseChain } from "../compiler/pipeline.js";
export { makeSourceFile } from "../core/source-file.js";
export { wideSchemaSpec } from "../test/compiler/support/wide-schema.js";
