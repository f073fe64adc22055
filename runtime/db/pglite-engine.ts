import type { PGlite } from "@electric-sql/pglite";
import { setFlagsFromString } from "node:v8";
import type { Db, QueryResult } from "./connection.js";

/**
 * PostgreSQL's shared buffers in PGlite. Its default (128 MB) lives in WebAssembly memory, which
 * never shrinks: kmig's work (a schema, batches of rows) fits a much smaller cache, and a command
 * then peaks at a fraction of the memory (bench/pglite-memory.mjs).
 */
const SHARED_BUFFERS = "16MB";

/**
 * `KMIG_PGLITE_UNTUNED=1` starts PGlite as kmig did before it was tuned (its initdb, its default
 * shared buffers, V8's optimising tier): the baseline bench/pglite-memory.mjs measures against.
 */
export const pgliteUntuned = (): boolean => process.env.KMIG_PGLITE_UNTUNED === "1";

/**
 * Starts PGlite on `dataDir` (a folder, or `memory://`) with kmig's settings: every value comes
 * back as PostgreSQL's text output, as with the server (stdlib/builtin.ts), and the session runs in UTC.
 */
export async function startPglite(dataDir: string): Promise<PGlite> {
  // PostgreSQL in WebAssembly is 9 MB of code: V8's optimising tier (TurboFan) would compile it
  // again in the background, holding ~100 MB more at the peak for little gain in kmig's short
  // sessions. Liftoff, the baseline compiler, alone. Only WebAssembly compiled after this is affected.
  if (!pgliteUntuned()) setFlagsFromString("--liftoff-only");
  const { PGlite, types } = await import("@electric-sql/pglite");
  const oids = Object.values(types as unknown as Record<string, unknown>).filter((v): v is number => typeof v === "number");
  const parsers = Object.fromEntries(oids.map((oid) => [oid, (v: string) => v]));
  const startParams = pgliteUntuned() ? undefined : [...PGlite.defaultStartParams, "-c", `shared_buffers=${SHARED_BUFFERS}`];
  const pg = new PGlite(dataDir, { parsers, startParams });
  await pg.waitReady;
  await pg.exec("SET TimeZone = 'UTC'");
  return pg;
}

/**
 * kmig's connection interface over a started PGlite. A query without parameters goes through the
 * simple query protocol, as `pg` sends it to the server: text with several statements runs on both
 * engines alike (PGlite's extended protocol refuses it), and the last statement's rows come back.
 */
export function pgliteDb(pg: PGlite, where: string, close: () => Promise<void>): Db {
  return {
    kind: "pglite",
    where,
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const r = params.length === 0 ? lastOf(await pg.exec(sql)) : await pg.query<R>(sql, params as unknown[]);
      // PGlite reports affectedRows 0 for a SELECT; pg counts the rows returned.
      return { rows: r.rows as R[], rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
    },
    async exec(sql: string): Promise<void> {
      await pg.exec(sql);
    },
    close,
  };
}

function lastOf<T extends { rows: unknown[]; affectedRows?: number }>(results: readonly T[]): { rows: unknown[]; affectedRows?: number } {
  return results[results.length - 1] ?? { rows: [], affectedRows: 0 };
}
