import type { Worker } from "node:worker_threads";
import { formatModules, loadChunkFormatter } from "./format-chunk.js";
import { warmUpFormatter } from "./format-warm-up.js";
import type { LaidOutChunk } from "./layout-module.js";
import type { ModuleModel } from "./module-model.js";
import type { ModulesPrinter } from "./print-module.js";
import type { TranspiledModule } from "./transpile.js";

/** What the main thread sends the print worker: models to lay out, or printed modules to transpile. */
export type ToPrintWorker =
  | { readonly kind: "layout"; readonly models: readonly ModuleModel[] }
  | { readonly kind: "transpile"; readonly modules: readonly { readonly text: string; readonly fileName: string }[] };

/** What the print worker answers: every module's chunks, or its JavaScript and types, or why it failed. */
export type FromPrintWorker =
  | { readonly kind: "chunks"; readonly chunks: readonly (readonly LaidOutChunk[])[] }
  | { readonly kind: "transpiled"; readonly modules: readonly TranspiledModule[] }
  | { readonly kind: "failed"; readonly message: string };

/**
 * Prints with a running print worker (print-worker.ts): the worker lays the modules out (it has
 * been loading ts-morph since the CLI started) and this thread formats them. Meanwhile this thread,
 * which has prettier loaded long before the layout comes, warms prettier up: formatting cold is
 * several times slower. (Formatting on both threads was tried: the worker, cold and starting
 * late, only lengthened the tail.) The text is the same as printInProcess's.
 */
export function workerPrinter(worker: Worker): ModulesPrinter {
  return async (models) => {
    let laidOut = false;
    const chunks = layOutIn(worker, models).finally(() => {
      laidOut = true;
    });
    // Awaited below: this only keeps a failure during the warm-up from counting as unhandled.
    chunks.catch(() => undefined);
    const format = await loadChunkFormatter();
    await warmUpFormatter(format, () => laidOut).catch(() => undefined);
    return formatModules(await chunks, format);
  };
}

/** The worker's layout of `models`. */
async function layOutIn(worker: Worker, models: readonly ModuleModel[]): Promise<readonly (readonly LaidOutChunk[])[]> {
  const answer = await ask(worker, { kind: "layout", models });
  if (answer.kind !== "chunks") throw new Error("the print worker answered out of turn");
  return answer.chunks;
}

/** The worker's JavaScript and types of printed modules (it has ts-morph's TypeScript loaded). */
export async function transpileIn(worker: Worker, modules: readonly { readonly text: string; readonly fileName: string }[]): Promise<readonly TranspiledModule[]> {
  const answer = await ask(worker, { kind: "transpile", modules });
  if (answer.kind !== "transpiled") throw new Error("the print worker answered out of turn");
  return answer.modules;
}

/** Sends the worker one request and waits for its answer (a failure, or the worker stopping, rejects). */
function ask(worker: Worker, message: ToPrintWorker): Promise<Exclude<FromPrintWorker, { kind: "failed" }>> {
  return new Promise((resolve, reject) => {
    const done = () => {
      worker.off("message", onMessage);
      worker.off("error", onError);
      worker.off("exit", onExit);
    };
    const onMessage = (message: FromPrintWorker) => {
      done();
      if (message.kind === "failed") reject(new Error(`the print worker failed: ${message.message}`));
      else resolve(message);
    };
    const onError = (e: Error) => {
      done();
      reject(e);
    };
    const onExit = (code: number) => {
      done();
      reject(new Error(`the print worker stopped (exit code ${code})`));
    };
    worker.on("message", onMessage);
    worker.on("error", onError);
    worker.on("exit", onExit);
    worker.postMessage(message);
  });
}
