import pg from "pg";
import { randomBytes } from "node:crypto";

/** The real PostgreSQL server of this machine (CI starts it in .ci/run). */
export const PG_BASE = process.env.KMIG_TEST_PG ?? "postgres://postgres@127.0.0.1:5432";

/** A fresh database for one test file; drop it when done. Tests can run in parallel. */
export async function createTestDatabase(prefix = "kmig_test"): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: `${PG_BASE}/test` });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  return {
    name,
    url: `${PG_BASE}/${name}`,
    drop: async () => {
      const a = new pg.Client({ connectionString: `${PG_BASE}/test` });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await a.end();
    },
  };
}

/** A client with the session settings kmig's runtime uses (UTC, text dates). */
export async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url, types: { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig });
  await c.connect();
  await c.query("SET TimeZone = 'UTC'");
  return c;
}

/** Everything about a database's public schema that a migration may change, as plain data. */
export async function snapshotSchema(c: pg.Client): Promise<unknown> {
  const cols = await c.query(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY 1, 2`);
  const cons = await c.query(`
    SELECT cl.relname AS table, co.conname AS name, pg_get_constraintdef(co.oid) AS def
    FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE n.nspname = 'public' ORDER BY 1, 2`);
  const idx = await c.query(`SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`);
  return { columns: cols.rows, constraints: cons.rows, indexes: idx.rows };
}

/** Every row of every public table, as text, ordered by primary key. */
export async function snapshotData(c: pg.Client, tables: readonly string[]): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) out[t] = (await c.query(`SELECT to_jsonb(t)::text AS row FROM "${t}" t ORDER BY id`)).rows.map((r) => r.row);
  return out;
}
