/**
 * The front end and the safety lints apart, for `lint-speed.mjs`: parse and check a chain, then
 * lint it. Bundled with the CLI's esbuild settings, so the benchmark times the code `kmig check` runs.
 */
export { checkChain, parseChain } from "../compiler/pipeline.js";
export { lintChain } from "../compiler/lint/index.js";
export { makeSourceFile } from "../core/source-file.js";
