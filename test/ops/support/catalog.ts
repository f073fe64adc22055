import type pg from "pg";

/** One column as pg_catalog describes it. */
export interface CatalogColumn {
  readonly table: string;
  readonly column: string;
  readonly type: string;
  readonly not_null: boolean;
  readonly default: string | null;
}

/** The public schema as plain data, ordered by name, plus what is left in kmig's own schema. */
export interface Catalog {
  readonly tables: string[];
  readonly columns: CatalogColumn[];
  readonly constraints: { table: string; name: string; def: string }[];
  readonly indexes: { table: string; name: string; def: string }[];
  readonly kmigTables: string[];
}

/**
 * Everything a migration may change in the schema. Column order is left out on purpose: a column
 * that rollback adds back comes last in PostgreSQL, and rows are compared as JSON objects.
 */
export async function snapshotCatalog(c: pg.Client): Promise<Catalog> {
  const tables = await c.query(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`);
  const columns = await c.query(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
    FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY 1, 2`);
  // Constraints PostgreSQL 18 keeps for NOT NULL are columns' business, not the spec's.
  const constraints = await c.query(`
    SELECT cl.relname AS table, co.conname AS name, pg_get_constraintdef(co.oid) AS def
    FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
    WHERE n.nspname = 'public' AND co.contype <> 'n' ORDER BY 1, 2`);
  const indexes = await c.query(`SELECT tablename AS table, indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1, 2`);
  const kmig = await c.query(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'kmig' ORDER BY 1`);
  return {
    tables: tables.rows.map((r) => r.name as string),
    // The session reads every value as text (test/support/pg.ts): booleans arrive as 't' / 'f'.
    columns: columns.rows.map((r) => ({ ...r, not_null: r.not_null === true || r.not_null === "t" }) as CatalogColumn),
    constraints: constraints.rows,
    indexes: indexes.rows,
    kmigTables: kmig.rows.map((r) => r.name as string),
  };
}

/** A column of a snapshot, or undefined. */
export function columnOf(cat: Catalog, table: string, column: string): CatalogColumn | undefined {
  return cat.columns.find((c) => c.table === table && c.column === column);
}

/** Every row of each table as `to_jsonb(row)::text`, sorted: a table's exact content, order-free. */
export async function snapshotRows(c: pg.Client, tables: readonly string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const r = await c.query(`SELECT to_jsonb(t)::text AS row FROM "${t.replace(/"/g, '""')}" t`);
    out[t] = r.rows.map((x) => x.row as string).sort();
  }
  return out;
}
