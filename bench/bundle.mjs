// Bundles bench/front-end.ts into dist/bench/front-end.mjs with the CLI's esbuild settings (see the
// `build` script in package.json), so the in-process benchmarks time the same code as `kmig`.
// esbuild is a devDependency; bundling takes well under a second.

import { build } from "esbuild";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** Builds the bundle and imports it. */
export async function importFrontEnd() {
  const outfile = join(ROOT, "dist/bench/front-end.mjs");
  await build({
    entryPoints: [join(ROOT, "bench/front-end.ts")],
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    outfile,
    logLevel: "warning",
  });
  return import(pathToFileURL(outfile).href);
}
