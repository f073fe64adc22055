import type { Db, QueryResult } from "../runtime/db/connection.js";

/** A throwaway in-memory PGlite for `kmig test`: nothing on disk, gone when the run ends. */
export async function openMemoryPglite(): Promise<Db> {
  const { PGlite, types } = await import("@electric-sql/pglite");
  const oids = Object.values(types as unknown as Record<string, unknown>).filter((v): v is number => typeof v === "number");
  const db = new PGlite("memory://", { parsers: Object.fromEntries(oids.map((oid) => [oid, (v: string) => v])) });
  await db.waitReady;
  await db.query("SET TimeZone = 'UTC'");
  return {
    kind: "pglite",
    where: "in-memory PGlite",
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const r = await db.query<R>(sql, params as unknown[]);
      return { rows: r.rows, rowCount: r.affectedRows ?? r.rows.length };
    },
    exec: async (sql: string) => void (await db.exec(sql)),
    close: async () => db.close(),
  };
}
