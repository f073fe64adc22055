import { mkdirSync } from "node:fs";
import type { Db, QueryResult } from "./connection.js";

/** The embedded database: PostgreSQL compiled to WebAssembly, kept in a folder (default `.kmig/pglite`). */
export async function openPglite(dir: string): Promise<Db> {
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
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    async exec(sql: string): Promise<void> {
      await db.exec(sql);
    },
    async close(): Promise<void> {
      await db.close();
    },
  };
}
