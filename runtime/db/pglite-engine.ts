import type { PGlite } from "@electric-sql/pglite";
import type { Db, QueryResult } from "./connection.js";

/**
 * Starts PGlite on `dataDir` (a folder, or `memory://`) with kmig's settings: every value comes
 * back as PostgreSQL's text output, as with the server (stdlib/builtin.ts), and the session runs in UTC.
 */
export async function startPglite(dataDir: string): Promise<PGlite> {
  const { PGlite, types } = await import("@electric-sql/pglite");
  const oids = Object.values(types as unknown as Record<string, unknown>).filter((v): v is number => typeof v === "number");
  const parsers = Object.fromEntries(oids.map((oid) => [oid, (v: string) => v]));
  const pg = new PGlite(dataDir, { parsers });
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
