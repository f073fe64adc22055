import { parentPort } from "node:worker_threads";
import { chunkJobs, loadChunkFormatter } from "./format-chunk.js";
import { loadModuleLayout } from "./layout-module.js";
import type { FromPrintWorker, ToPrintWorker } from "./worker-printer.js";

/**
 * The print worker (bundled as dist/kmig-emit-worker.mjs). It starts loading ts-morph and
 * prettier as soon as the CLI starts it, while the main thread is still loading and compiling;
 * then it lays out the modules it is sent and formats chunks, sharing them with the main thread.
 */

const port = parentPort;
if (port) {
  const formatter = loadChunkFormatter();
  const layout = loadModuleLayout();
  const post = (message: FromPrintWorker) => port.postMessage(message);
  port.on("message", (message: ToPrintWorker) => {
    void (async () => {
      try {
        const chunks = message.models.map(layout);
        post({ kind: "chunks", chunks });
        const jobs = chunkJobs(chunks);
        const claims = new Int32Array(message.claims);
        const format = await formatter;
        for (let i = Atomics.add(claims, 0, 1); i < jobs.length; i = Atomics.add(claims, 0, 1)) post({ kind: "formatted", job: i, text: await format(jobs[i].text) });
      } catch (e) {
        post({ kind: "failed", message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) });
      }
    })();
  });
}
