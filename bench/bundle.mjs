// Bundles `bench/front-end.ts` into dist/bench/front-end.mjs with the CLI's esbuild settings
// (see the `build` script), so the in-process benchmarks run the same code as `kmig`.

import { build } from "esbuild";

export const FRONT_END_BUNDLE = "dist/bench/front-end.mjs";

/** Builds the bundle and returns its path, relative to the repository root. */
export async function bundleFrontEnd() {
  await build({
    entryPoints: ["bench/front-end.ts"],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile: FRONT_END_BUNDLE,
    logLevel: "warning",
  });
  return FRONT_END_BUNDLE;
}
