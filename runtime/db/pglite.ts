import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import type { Db } from "./connection.js";
import { lockFolder } from "./file-lock.js";
import { pgliteDb, startPglite } from "./pglite-engine.js";
import { copyPgliteTemplate } from "./pglite-template.js";

/** How to open the embedded database: who opens it (for the lock file) and how long to wait for it. */
export interface PgliteOptions {
  readonly command: string;
  readonly lockTimeoutMs: number;
  readonly onNote?: (message: string) => void;
}

/**
 * The embedded database: PostgreSQL compiled to WebAssembly, kept in a folder (default `.kmig/pglite`).
 * The folder is locked (`<folder>.lock`) while open: PGlite itself does not stop a second process.
 */
export async function openPglite(dir: string, opts: PgliteOptions = { command: "kmig", lockTimeoutMs: 5000 }): Promise<Db> {
  mkdirSync(dirname(resolve(dir)), { recursive: true });
  const unlock = await lockFolder(`${resolve(dir)}.lock`, opts.command, opts.lockTimeoutMs);
  try {
    if (!existsSync(join(dir, "PG_VERSION"))) {
      mkdirSync(dir, { recursive: true });
      // A copy of the build's template; without one, PGlite's initdb runs as it starts.
      const copied = copyPgliteTemplate(dir);
      opts.onNote?.(`creating an embedded PostgreSQL (PGlite) in ${dir}${copied ? "" : ": the first time takes several seconds"}`);
    }
    const pg = await startPglite(dir);
    return pgliteDb(pg, `embedded PGlite in ${dir}`, async () => {
      try {
        await pg.close();
      } finally {
        unlock();
      }
    });
  } catch (e) {
    unlock();
    throw e;
  }
}

/**
 * A throwaway PGlite (`kmig test`): a copy of the build's template in a temporary folder, removed
 * when closed; in memory (`memory://`, initdb on each start) when there is no template.
 */
export async function openMemoryPglite(): Promise<Db> {
  const parent = mkdtempSync(join(tmpdir(), "kmig-throwaway-pglite-"));
  const dir = join(parent, "db");
  const remove = () => rmSync(parent, { recursive: true, force: true });
  try {
    const onDisk = copyPgliteTemplate(dir);
    if (!onDisk) remove();
    const pg = await startPglite(onDisk ? dir : "memory://");
    return pgliteDb(pg, onDisk ? `a throwaway embedded PGlite in ${dir}` : "a throwaway in-memory PGlite", async () => {
      try {
        await pg.close();
      } finally {
        remove();
      }
    });
  } catch (e) {
    remove();
    throw e;
  }
}
