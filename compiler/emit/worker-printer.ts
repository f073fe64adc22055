import type { Worker } from "node:worker_threads";
import { chunkJobs, joinChunks, loadChunkFormatter, type ChunkJob } from "./format-chunk.js";
import type { LaidOutChunk } from "./layout-module.js";
import type { ModuleModel } from "./module-model.js";
import type { ModulesPrinter } from "./print-module.js";

/** What the main thread sends the print worker: the models, and the shared counter of claimed jobs. */
export interface ToPrintWorker {
  readonly models: readonly ModuleModel[];
  readonly claims: SharedArrayBuffer;
}

/** What the print worker answers: every module's chunks first, then each job it formatted. */
export type FromPrintWorker =
  | { readonly kind: "chunks"; readonly chunks: readonly (readonly LaidOutChunk[])[] }
  | { readonly kind: "formatted"; readonly job: number; readonly text: string }
  | { readonly kind: "failed"; readonly message: string };

/**
 * Prints with a running print worker (print-worker.ts): the worker lays the modules out (it has
 * ts-morph loaded), then both threads format chunks, each claiming the next job from a shared
 * atomic counter, so that neither waits while the other has work. A job's text does not depend
 * on which thread formats it, so the result is the same as printInProcess's.
 */
export function workerPrinter(worker: Worker): ModulesPrinter {
  return (models) =>
    new Promise<string[]>((resolve, reject) => {
      const claims = new Int32Array(new SharedArrayBuffer(4));
      const formatter = loadChunkFormatter();
      const formatted: (string | undefined)[] = [];
      let chunks: readonly (readonly LaidOutChunk[])[] = [];
      let jobs: ChunkJob[] | null = null;
      let settled = false;
      const finish = (error: Error | null) => {
        if (settled) return;
        settled = true;
        worker.off("message", onMessage);
        worker.off("error", onError);
        worker.off("exit", onExit);
        if (error) reject(error);
        else resolve(joinChunks(chunks, jobs ?? [], formatted as string[]));
      };
      const finishIfDone = () => {
        if (jobs && jobs.every((_, i) => formatted[i] !== undefined)) finish(null);
      };
      // The main thread's share: claim jobs until none is left.
      const formatShare = async () => {
        const format = await formatter;
        const all = jobs as ChunkJob[];
        for (let i = Atomics.add(claims, 0, 1); i < all.length && !settled; i = Atomics.add(claims, 0, 1)) formatted[i] = await format(all[i].text);
        finishIfDone();
      };
      const onMessage = (message: FromPrintWorker) => {
        if (message.kind === "chunks") {
          chunks = message.chunks;
          jobs = chunkJobs(chunks);
          formatShare().catch((e: unknown) => finish(e instanceof Error ? e : new Error(String(e))));
        } else if (message.kind === "formatted") {
          formatted[message.job] = message.text;
          finishIfDone();
        } else finish(new Error(`the print worker failed: ${message.message}`));
      };
      const onError = (e: Error) => finish(e);
      const onExit = (code: number) => finish(new Error(`the print worker stopped (exit code ${code})`));
      worker.on("message", onMessage);
      worker.on("error", onError);
      worker.on("exit", onExit);
      const message: ToPrintWorker = { models, claims: claims.buffer as SharedArrayBuffer };
      worker.postMessage(message);
    });
}
