import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Db, QueryResult } from "./connection.js";
import { lockFolder } from "./file-lock.js";

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
    const { PGlite, types } = await import("@electric-sql/pglite");
    // Text for every type, as with the server: the same value model on both engines.
    const oids = Object.values(types as unknown as Record<string, unknown>).filter((v): v is number => typeof v === "number");
    const parsers = Object.fromEntries(oids.map((oid) => [oid, (v: string) => v]));
    const db = new PGlite(dir, { parsers });
    await db.waitReady;
    await db.query("SET TimeZone = 'UTC'");
    return {
      kind: "pglite",
      where: `embedded PGlite in ${dir}`,
      async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
        const r = await db.query<R>(sql, params as unknown[]);
        // PGlite reports affectedRows 0 for a SELECT; pg counts the rows returned.
        return { rows: r.rows, rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
      },
      async exec(sql: string): Promise<void> {
        await db.exec(sql);
      },
      async close(): Promise<void> {
        try {
          await db.close();
        } finally {
          unlock();
        }
      },
    };
  } catch (e) {
    unlock();
    throw e;
  }
}
