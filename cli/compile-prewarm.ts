import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread, Worker } from "node:worker_threads";

/**
 * `kmig compile` spends most of its time loading ts-morph and prettier. cli/main.ts imports this
 * module first, so that for `kmig compile` the print worker (dist/kmig-emit-worker.mjs) starts
 * loading them before the rest of the CLI — its parser above all — has even loaded, and the two
 * overlap on separate threads. Other commands never start it; without the worker file (running
 * from source), `kmig compile` prints in its own thread.
 */

let worker: Worker | null = null;

function startPrintWorker(): void {
  const [command, ...rest] = process.argv.slice(2);
  if (!isMainThread || command !== "compile" || rest.includes("--help") || rest.includes("-h")) return;
  const file = new URL("./kmig-emit-worker.mjs", import.meta.url);
  if (!existsSync(fileURLToPath(file))) return;
  try {
    const started = new Worker(file);
    // Never the reason the process stays alive, and never an unhandled error: compile falls back.
    started.unref();
    started.on("error", () => {
      if (worker === started) worker = null;
    });
    worker = started;
  } catch {
    worker = null;
  }
}

startPrintWorker();

/** The print worker started for this `kmig compile`, if any (handed out once). */
export function takePrintWorker(): Worker | null {
  const taken = worker;
  worker = null;
  taken?.ref();
  return taken;
}
