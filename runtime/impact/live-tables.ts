import type { Db } from "../db/connection.js";
import { liveTable, type TableView } from "./table-view.js";

/** What the simulation of a migration tracks: each table's future rows, and the names taken. */
export interface SimState {
  readonly views: Map<string, TableView>;
  /**
   * Names of tables, indexes and other relations in `public`, each with the table it belongs to (a
   * table to itself, an index to its table; null for others): a new one must not clash, and
   * dropping a table frees the names of its indexes too.
   */
  readonly relations: Map<string, string | null>;
  /** Raw SQL ran before: a table kmig does not know of may exist (raw SQL may have created it). */
  rawSql: boolean;
  /**
   * Enum labels (and types) earlier steps make that the live database does not have: PostgreSQL
   * lets a statement read a new label only once the step that added it has committed, so a check
   * that meets one cannot be computed in the plan's transaction (unborn.ts).
   */
  readonly unborn: { readonly type: string; readonly label: string | null }[];
}

/** The public schema as it is now: every table with its columns, NOT NULLs and primary key. */
export async function liveState(db: Db): Promise<SimState> {
  const cols = await db.query<{ t: string; c: string; type: string; nn: string | boolean }>(
    `SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS nn
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY c.relname, a.attnum`,
  );
  const keys = await db.query<{ t: string; c: string }>(
    `SELECT c.relname AS t, a.attname AS c FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = ANY(i.indkey) WHERE n.nspname = 'public' AND i.indisprimary ORDER BY c.relname, array_position(i.indkey::int2[], a.attnum)`,
  );
  const rels = await db.query<{ name: string; owner: string | null }>(
    `SELECT c.relname AS name, CASE WHEN c.relkind IN ('r', 'p') THEN c.relname ELSE COALESCE(t.relname, (SELECT o.relname FROM pg_depend d JOIN pg_class o ON o.oid = d.refobjid
              WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND c.relkind = 'S' LIMIT 1)) END AS owner
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_index i ON i.indexrelid = c.oid LEFT JOIN pg_class t ON t.oid = i.indrelid
     WHERE n.nspname = 'public'`,
  );
  const byTable = new Map<string, { name: string; type: string; notNull: boolean }[]>();
  for (const r of cols.rows) {
    const list = byTable.get(r.t) ?? [];
    list.push({ name: r.c, type: r.type, notNull: r.nn === true || r.nn === "t" || r.nn === "true" });
    byTable.set(r.t, list);
  }
  const views = new Map<string, TableView>();
  for (const [t, columns] of byTable) views.set(t, liveTable(t, columns, keys.rows.filter((k) => k.t === t).map((k) => k.c)));
  return { views, relations: new Map(rels.rows.map((r) => [r.name, r.owner])), rawSql: false, unborn: [] };
}
