import type { Db } from "../../../runtime/db/connection.js";

/** Everything a run may change, as plain data: schema, every row, and kmig's own bookkeeping. */
export interface DbSnapshot {
  readonly relations: string[];
  readonly columns: string[];
  readonly constraints: string[];
  readonly indexes: string[];
  readonly rows: Record<string, string[]>;
  readonly kmig: { readonly relations: string[]; readonly ledger: string[]; readonly progress: string[] };
}

const texts = async (db: Db, sql: string, params: unknown[] = []) => (await db.query<{ x: string }>(sql, params)).rows.map((r) => r.x);

/**
 * The database's public schema (relations of every kind, columns with type, NOT NULL and default,
 * constraints, indexes), every row of every table (sorted, as JSON text), and kmig's schema.
 * Column order is left out: a column that rollback adds back comes last in PostgreSQL. NOT NULL
 * shows on the column (PostgreSQL 18, which PGlite is, also lists it among the constraints).
 */
export async function snapshotDb(db: Db): Promise<DbSnapshot> {
  const relations = await texts(db, `SELECT c.relkind::text || ' ' || c.relname AS x FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY 1`);
  const columns = await texts(
    db,
    `SELECT c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS x
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'v') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1`,
  );
  const constraints = await texts(db, `SELECT cl.relname || ' ' || co.conname || ' ' || pg_get_constraintdef(co.oid) AS x FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace WHERE n.nspname = 'public' AND co.contype <> 'n' ORDER BY 1`);
  const indexes = await texts(db, `SELECT indexdef || CASE WHEN i.indisvalid THEN '' ELSE ' (INVALID)' END AS x FROM pg_indexes x JOIN pg_class c ON c.relname = x.indexname JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = x.schemaname JOIN pg_index i ON i.indexrelid = c.oid WHERE x.schemaname = 'public' ORDER BY 1`);
  const rows: Record<string, string[]> = {};
  for (const t of await texts(db, `SELECT tablename AS x FROM pg_tables WHERE schemaname = 'public' ORDER BY 1`)) {
    rows[t] = (await texts(db, `SELECT to_jsonb(t)::text AS x FROM "public"."${t.replace(/"/g, '""')}" t`)).sort();
  }
  const kmigRelations = await texts(db, `SELECT c.relkind::text || ' ' || c.relname AS x FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'kmig' ORDER BY 1`);
  const has = (name: string) => kmigRelations.includes(`r ${name}`);
  const ledger = has("ledger") ? await texts(db, `SELECT to_jsonb(l)::text AS x FROM "kmig"."ledger" l ORDER BY "id"`) : [];
  const progress = has("backfill_progress") ? await texts(db, `SELECT to_jsonb(p)::text AS x FROM "kmig"."backfill_progress" p ORDER BY 1`) : [];
  return { relations, columns, constraints, indexes, rows, kmig: { relations: kmigRelations, ledger, progress } };
}
