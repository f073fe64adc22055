import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import type { CliRun } from "../../support/cli.js";

/** A `kmig …` child process still running: its JSON events as they come, and how it ended. */
export interface RunningCli {
  readonly child: ChildProcess;
  /** Resolves with the first JSON event (`--json`) for which `test` holds. */
  waitFor(test: (event: Record<string, unknown>) => boolean): Promise<Record<string, unknown>>;
  readonly done: Promise<CliRun>;
}

/** Starts `node bin/kmig.js …` without waiting for it (for killing it half-way, or running two at once). */
export function startCli(args: readonly string[]): RunningCli {
  const child = spawn(process.execPath, [join(process.cwd(), "bin/kmig.js"), ...args], { env: { PATH: process.env.PATH ?? "" }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  const waiters: { test: (e: Record<string, unknown>) => boolean; resolve: (e: Record<string, unknown>) => void }[] = [];
  let pending = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString();
    pending += chunk.toString();
    const lines = pending.split("\n");
    pending = lines.pop() ?? "";
    for (const line of lines) {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(line) as Record<string, unknown>;
      } catch {
        continue;
      }
      for (const w of [...waiters]) {
        if (w.test(event)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(event);
        }
      }
    }
  });
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const done = new Promise<CliRun>((resolve) => child.on("close", (status, signal) => resolve({ status, signal, stdout, stderr })));
  return {
    child,
    done,
    waitFor: (test) =>
      new Promise((resolve, reject) => {
        waiters.push({ test, resolve });
        void done.then((r) => reject(new Error(`kmig ended (${r.status ?? r.signal}) before the awaited event:\n${r.stdout.slice(-2000)}\n${r.stderr}`)));
      }),
  };
}
