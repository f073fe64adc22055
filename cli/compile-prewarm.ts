import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread, Worker } from "node:worker_threads";

/**
 * `kmig compile` spends most of its time loading ts-morph. cli/main.ts calls startPrintWorker
 * before it even imports the compile command, so that the print worker
 * (dist/kmig-emit-worker.mjs) starts loading ts-morph before the rest of the CLI — its parser
 * above all — has loaded, and the two overlap on separate threads. Other commands never import
 * this module (nor node:worker_threads); without the worker file (running from source), `kmig
 * compile` prints in its own thread.
 */

let worker: Worker | null = null;

/**
 * Starts the print worker `file` for `kmig compile <args>` (not for its help), if the file exists.
 * The caller names it: only the bundle's entry knows where the bundle's files are.
 */
export function startPrintWorker(file: URL, args: readonly string[]): void {
  if (!isMainThread || worker || args.includes("--help") || args.includes("-h")) return;
  if (!existsSync(fileURLToPath(file))) return;
  try {
    const started = new Worker(file);
    // Never the reason the process stays alive, and never an unhandled error: compile falls back.
    started.unref();
    // A worker that failed or stopped before compile takes it is not handed out.
    const forget = () => {
      if (worker === started) worker = null;
    };
    started.on("error", forget);
    started.on("exit", forget);
    worker = started;
  } catch {
    worker = null;
  }
}

/** The print worker started for this `kmig compile`, if any (handed out once). */
export function takePrintWorker(): Worker | null {
  const taken = worker;
  worker = null;
  taken?.ref();
  return taken;
}
