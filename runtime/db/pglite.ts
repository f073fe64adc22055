import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Db } from "./connection.js";
import { lockFolder } from "./file-lock.js";
import { pgliteDb, startPglite } from "./pglite-engine.js";

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
    if (!existsSync(join(dir, "PG_VERSION"))) opts.onNote?.(`creating an embedded PostgreSQL (PGlite) in ${dir}: the first time takes about half a minute`);
    mkdirSync(dir, { recursive: true });
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

/** A throwaway in-memory PGlite (`kmig test`): nothing on disk, gone when closed. */
export async function openMemoryPglite(): Promise<Db> {
  const pg = await startPglite("memory://");
  return pgliteDb(pg, "in-memory PGlite", () => pg.close());
}
