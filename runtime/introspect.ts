import type { Db } from "./db/connection.js";

/** A schema as PostgreSQL itself describes it: the ground truth drift is measured against. */
export interface SchemaSnapshot {
  readonly tables: Record<string, { columns: Record<string, string>; constraints: Record<string, string>; indexes: Record<string, string> }>;
}

/** Reads the tables, columns (type, NOT NULL, default), constraints and indexes of one schema. */
export async function snapshotSchema(db: Db, schema: string): Promise<SchemaSnapshot> {
  // Definitions print without the schema name when it is on the search path.
  await db.query(`SELECT set_config('search_path', $1, true)`, [`"${schema.replace(/"/g, '""')}"`]);
  const cols = await db.query<{ t: string; c: string; type: string; nn: string; def: string | null }>(
    `SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull::text AS nn, pg_get_expr(d.adbin, d.adrelid) AS def
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = $1 AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
    [schema],
  );
  const cons = await db.query<{ t: string; name: string; def: string }>(
    `SELECT cl.relname AS t, co.conname AS name, pg_get_constraintdef(co.oid) AS def
     FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE n.nspname = $1 AND co.contype IN ('p', 'u', 'f', 'c')`,
    [schema],
  );
  const idx = await db.query<{ t: string; name: string; def: string }>(`SELECT tablename AS t, indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = $1`, [schema]);
  const tables: SchemaSnapshot["tables"] = {};
  const table = (t: string) => (tables[t] ??= { columns: {}, constraints: {}, indexes: {} });
  for (const c of cols.rows) table(c.t).columns[c.c] = `${c.type}${c.nn === "true" || c.nn === "t" ? " NOT NULL" : ""}${c.def ? ` DEFAULT ${c.def}` : ""}`;
  for (const c of cons.rows) table(c.t).constraints[c.name] = c.def;
  const schemaPrefix = new RegExp(`ON (?:"?${schema.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"?\\.)`, "g");
  for (const i of idx.rows) table(i.t).indexes[i.name] = i.def.replace(schemaPrefix, "ON ");
  return { tables };
}

/** Every difference between what the spec says and what the database has, one line each. */
export function diffSchemas(expected: SchemaSnapshot, actual: SchemaSnapshot, only: ReadonlySet<string> | null = null): string[] {
  const out: string[] = [];
  const names = new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)]);
  for (const t of [...names].sort()) {
    if (only && !only.has(t)) continue;
    const e = expected.tables[t];
    const a = actual.tables[t];
    if (!a) {
      out.push(`table ${t}: missing from the database`);
      continue;
    }
    if (!e) {
      out.push(`table ${t}: in the database, not in the spec`);
      continue;
    }
    for (const kind of ["columns", "constraints", "indexes"] as const) {
      const what = kind === "columns" ? "column" : kind === "constraints" ? "constraint" : "index";
      for (const n of [...new Set([...Object.keys(e[kind]), ...Object.keys(a[kind])])].sort()) {
        if (e[kind][n] === a[kind][n]) continue;
        if (a[kind][n] === undefined) out.push(`${t}: ${what} ${n} is missing (spec: ${e[kind][n]})`);
        else if (e[kind][n] === undefined) out.push(`${t}: ${what} ${n} is not in the spec (database: ${a[kind][n]})`);
        else out.push(`${t}: ${what} ${n} differs: spec ${e[kind][n]}, database ${a[kind][n]}`);
      }
    }
  }
  return out;
}
