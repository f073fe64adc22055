import { spawn, spawnSync } from "node:child_process";
import { RunError } from "../errors.js";

/** libpq's dump tools on PATH, with their major version (null: not installed). */
export interface DumpTools {
  readonly pgDump: { readonly path: string; readonly major: number } | null;
  readonly pgRestore: { readonly path: string; readonly major: number } | null;
}

function tool(name: string): { path: string; major: number } | null {
  const r = spawnSync(name, ["--version"], { encoding: "utf8" });
  if (r.error || r.status !== 0) return null;
  const m = /(\d+)(?:\.\d+)?/.exec(r.stdout);
  return m ? { path: name, major: Number(m[1]) } : null;
}

export function findDumpTools(): DumpTools {
  return { pgDump: tool(process.env.KMIG_PG_DUMP ?? "pg_dump"), pgRestore: tool(process.env.KMIG_PG_RESTORE ?? "pg_restore") };
}

/**
 * The tools, checked against the servers they must read and write: pg_dump refuses a server of a
 * newer major than itself, and an archive is restored by a pg_restore at least as new.
 */
export function usableDumpTools(serverMajor: number, purpose: string): { pgDump: string; pgRestore: string } {
  const t = findDumpTools();
  if (!t.pgDump || !t.pgRestore) {
    throw new RunError("K9504", `${purpose} needs pg_dump and pg_restore, and ${!t.pgDump ? "pg_dump" : "pg_restore"} is not installed`, `install PostgreSQL's client tools, version ${serverMajor} or newer (Debian: postgresql-client-${serverMajor}), or set KMIG_PG_DUMP and KMIG_PG_RESTORE to their paths`);
  }
  if (t.pgDump.major < serverMajor) {
    throw new RunError("K9504", `${purpose} needs pg_dump ${serverMajor} or newer for a PostgreSQL ${serverMajor} server, and the installed pg_dump is version ${t.pgDump.major}`, `install postgresql-client-${serverMajor} (or newer), or set KMIG_PG_DUMP and KMIG_PG_RESTORE to its tools`);
  }
  return { pgDump: t.pgDump.path, pgRestore: t.pgRestore.path };
}

/** Runs a tool to its end; a failure is a RunError with the tool's own last lines. */
export function runTool(path: string, args: readonly string[], what: string, help: string): Promise<void> {
  return new Promise((resolve, reject) => {
    // PGOPTIONS would reach the tools' sessions: kmig's read-only source must not be lifted by it.
    const child = spawn(path, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, PGAPPNAME: `kmig (pid ${process.pid})` } });
    let err = "";
    child.stderr.on("data", (d: Buffer) => {
      err = (err + d.toString("utf8")).slice(-4000);
    });
    child.on("error", (e) => reject(new RunError("K9504", `${what}: cannot run ${path}: ${e.message}`, help)));
    child.on("close", (code) => {
      if (code === 0) return resolve();
      const last = err.trim().split("\n").slice(-3).join("; ");
      reject(new RunError("K9505", `${what} failed (${path} exited with ${code}): ${last}`, help, null, last));
    });
  });
}
