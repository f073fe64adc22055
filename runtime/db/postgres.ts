import type pg from "pg";
import type { Db, QueryResult } from "./connection.js";

/** Every value as PostgreSQL's text output: no Date objects, no float rounding. */
const TEXT_TYPES = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

/**
 * A connection to a PostgreSQL server. `command` goes into application_name (with this process's
 * id), so that a run waiting for kmig's lock can say which run holds it.
 */
export async function openPostgres(url: string, command = "kmig"): Promise<Db> {
  // Loaded on first use: `kmig check` never pays for the driver.
  const { default: driver } = await import("pg");
  const client = new driver.Client({ connectionString: url, types: TEXT_TYPES, application_name: `${command} (pid ${process.pid})`.slice(0, 63) });
  await client.connect();
  await client.query("SET TimeZone = 'UTC'");
  // A lost connection surfaces as a query error, not as an unhandled event.
  client.on("error", () => undefined);
  return {
    kind: "postgres",
    where: url.replace(/:[^:@/]*@/, ":***@"),
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      // Text with several statements (no parameters: the simple query protocol) gives one result each.
      const all = await client.query(sql, params as unknown[]);
      const r = Array.isArray(all) ? ((all as pg.QueryResult[]).at(-1) ?? { rows: [], rowCount: 0 }) : all;
      return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
    async close(): Promise<void> {
      await client.end().catch(() => undefined);
    },
  };
}
