import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** What one run of the real CLI (`node bin/kmig.js`, the bundle `npm test` builds first) did. */
export interface CliRun {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `kmig …` in a child process with a plain environment (no colour variables unless given).
 * The timeout only guards against hangs; it is generous so that a loaded machine does not fail it.
 */
export function runCli(args: readonly string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): CliRun {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "" };
  for (const [k, v] of Object.entries(options.env ?? {})) env[k] = v;
  const r = spawnSync(process.execPath, [join(process.cwd(), "bin/kmig.js"), ...args], {
    cwd: options.cwd ?? process.cwd(),
    env,
    encoding: "utf8",
    timeout: options.timeoutMs ?? 60_000,
    maxBuffer: 256 * 1024 * 1024,
  });
  if (r.error && (r.error as NodeJS.ErrnoException).code !== "ETIMEDOUT") throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/**
 * runCli without blocking this process: for tests that serve something the CLI connects to (a
 * socket that answers, or closes) from the test process itself.
 */
export function runCliAsync(args: readonly string[], options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {}): Promise<CliRun> {
  const env: Record<string, string> = { PATH: process.env.PATH ?? "" };
  for (const [k, v] of Object.entries(options.env ?? {})) env[k] = v;
  const child = spawn(process.execPath, [join(process.cwd(), "bin/kmig.js"), ...args], { cwd: options.cwd ?? process.cwd(), env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 60_000);
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

const created: string[] = [];
// Callers may remove their folders earlier; whatever is left goes when the test process ends.
process.once("exit", () => created.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A fresh temporary folder holding `files` (relative path → text or bytes); removed at exit at the latest. */
export function tempSpecs(files: Record<string, string | Uint8Array>): string {
  const dir = mkdtempSync(join(tmpdir(), "kmig-test-"));
  created.push(dir);
  for (const [name, content] of Object.entries(files)) {
    const path = join(dir, name);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return dir;
}

/** True when the output shows a JavaScript stack trace or kmig's internal-error code. */
export function looksLikeCrash(output: string): boolean {
  // A stack frame line: indented `at`, then a place with line and column (code frames start with `N |`).
  return /K8001|(^|\n)\s+at [^\n]*:\d+:\d+\)?(\n|$)/.test(output);
}
