import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { createRequire, Module } from "node:module";
import { basename, dirname, join } from "node:path";
import vm from "node:vm";

/**
 * Loading ts-morph means compiling 13 MB of JavaScript (the TypeScript compiler it bundles above
 * all): the longest step of `kmig compile`. Node 20 keeps no compiled code between runs (Node 22's
 * module.enableCompileCache does), so kmig's build writes V8's code cache for those files
 * (cli/write-code-cache.ts) into dist/code-cache/, and the print worker loads them through it.
 *
 * Only the build writes a cache; a run only reads one. A cache file starts with a stamp of the
 * file it is for (path, size, mtime, Node's version and arch); V8 checks its own version, flags
 * and the source's length too. Whatever does not match, or fails, the file is simply compiled.
 */

/** The folder, beside the bundle's files in dist/, that holds the code cache. */
export const CODE_CACHE_DIR = "code-cache";

/** CommonJS files loaded here: the scripts they were compiled into, and whether from the cache. */
export type LoadedScripts = readonly { readonly file: string; readonly script: vm.Script; readonly cached: boolean }[];

/**
 * Loads `files` (absolute paths, dependencies first) as `require` would and puts them in
 * `require.cache`, so that a later `require` finds them loaded. Files loaded already are skipped.
 */
export function loadWithCodeCache(files: readonly string[], dir: string): LoadedScripts {
  const loaded: { file: string; script: vm.Script; cached: boolean }[] = [];
  for (const file of files) {
    const require = createRequire(file);
    if (require.cache[file]) continue;
    const cachedData = readCache(cachePath(dir, file), stampOf(file)) ?? undefined;
    const script = new vm.Script(wrap(readFileSync(file, "utf8")), { filename: file, cachedData });
    const module = new Module(file);
    module.filename = file;
    // In the cache before it runs, as `require` does, so that circular requires find it.
    require.cache[file] = module;
    try {
      (script.runInThisContext() as CommonJsWrapper)(module.exports, require, module, file, dirname(file));
    } catch (e) {
      delete require.cache[file];
      throw e;
    }
    module.loaded = true;
    loaded.push({ file, script, cached: cachedData !== undefined && !script.cachedDataRejected });
  }
  return loaded;
}

/** Writes the code cache of `loaded` to `dir`: after use, so that it holds the functions that ran too. */
export function writeCodeCache(loaded: LoadedScripts, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const { file, script } of loaded) {
    const path = cachePath(dir, file);
    // Written whole or not at all: a run that reads it meanwhile sees the old file or the new one.
    writeFileSync(`${path}.${process.pid}`, Buffer.concat([stampOf(file), script.createCachedData()]));
    renameSync(`${path}.${process.pid}`, path);
  }
}

/** The function Node wraps a CommonJS file's code in. */
const wrap = (code: string) => `(function (exports, require, module, __filename, __dirname) { ${code}\n});`;

type CommonJsWrapper = (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void;

const STAMP_BYTES = 32;

function cachePath(dir: string, file: string): string {
  return join(dir, `${basename(file)}-${createHash("sha256").update(file).digest("hex").slice(0, 16)}.bin`);
}

function stampOf(file: string): Buffer {
  const st = statSync(file);
  return createHash("sha256").update([file, st.size, st.mtimeMs, process.version, process.arch].join("\0")).digest();
}

/** The cached data in `path` if it was written for this stamp. */
function readCache(path: string, stamp: Buffer): Buffer | null {
  try {
    const data = readFileSync(path);
    return data.length > STAMP_BYTES && data.subarray(0, STAMP_BYTES).equals(stamp) ? data.subarray(STAMP_BYTES) : null;
  } catch {
    return null;
  }
}
