import { basename } from "node:path";
import { fileURLToPath } from "node:url";
import { parentPort } from "node:worker_threads";
import { CODE_CACHE_DIR, loadWithCodeCache } from "./code-cache.js";
import { loadModuleLayout, tsMorphFiles } from "./layout-module.js";
import { loadTranspiler, type ModuleTranspiler } from "./transpile.js";
import type { FromPrintWorker, ToPrintWorker } from "./worker-printer.js";

/**
 * The print worker (bundled as dist/kmig-emit-worker.mjs). Loading ts-morph is the longest step
 * of `kmig compile`, so the CLI starts this worker first thing: ts-morph loads here, through the
 * code cache the build wrote, while the main thread loads and checks the spec. Then the worker
 * lays out the modules it is sent and sends the chunks back for the main thread to format.
 */

const port = parentPort;
if (port) {
  preloadTsMorph();
  // A failure here (ts-morph missing, say) ends the worker with an error: the CLI then prints in its own thread.
  const layout = loadModuleLayout();
  let transpile: ModuleTranspiler | null = null;
  const post = (message: FromPrintWorker) => port.postMessage(message);
  port.on("message", (message: ToPrintWorker) => {
    try {
      if (message.kind === "layout") post({ kind: "chunks", chunks: message.models.map(layout) });
      else {
        transpile ??= loadTranspiler();
        const t = transpile;
        post({ kind: "transpiled", modules: message.modules.map((m) => t(m.text, m.fileName)) });
      }
    } catch (e) {
      post({ kind: "failed", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
    }
  });
}

/** Loads ts-morph's files through the code cache (code-cache.ts); KMIG_DEBUG=1 says when a file had none to use. */
function preloadTsMorph(): void {
  const files = tsMorphFiles();
  if (!files) return;
  try {
    const loaded = loadWithCodeCache(files, fileURLToPath(new URL(`./${CODE_CACHE_DIR}/`, import.meta.url)));
    const compiled = loaded.filter((l) => !l.cached).map((l) => basename(l.file));
    if (compiled.length > 0 && process.env.KMIG_DEBUG) process.stderr.write(`kmig: no usable code cache for ${compiled.join(", ")} (\`npm run build\` writes it); compiling\n`);
  } catch {
    // loadModuleLayout's `require` loads what is missing, or fails as it would have anyway.
  }
}
