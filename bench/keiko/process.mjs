// Runs a command as a whole process, timing it and reading its peak resident memory from
// GNU time (`%M`: the child's maximum RSS in KiB, what the kernel counted, no sampling gaps).

import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const TIME = "/usr/bin/time";

/**
 * Runs `cmd args…` to completion: `{ seconds, peakMb, stdout, stderr }`. A non-zero exit throws
 * with the tail of its output (the benchmark must not time a run that failed).
 */
export async function runMeasured(cmd, args, opts = {}) {
  const dir = mkdtempSync(join(tmpdir(), "kmig-bench-"));
  const timeFile = join(dir, "time");
  const t0 = process.hrtime.bigint();
  const child = spawn(TIME, ["-f", "%M", "-o", timeFile, cmd, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, ...opts.env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  const code = await new Promise((resolve) => child.on("close", resolve));
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const kib = Number(readFileSync(timeFile, "utf8").trim().split("\n").pop());
  rmSync(dir, { recursive: true, force: true });
  if (code !== 0) throw new Error(`${cmd} ${args.join(" ")} exited with ${code}:\n${stderr.slice(-2000)}${stdout.slice(-2000)}`);
  return { seconds, peakMb: (kib * 1024) / 1e6, stdout, stderr };
}
