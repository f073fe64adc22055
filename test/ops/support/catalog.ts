
/** A connection of either engine: a `pg` client on the server, or kmig's PGlite `Db`. */
export interface Queryable {
  query(sql: string, params?: readonly unknown[]): Promise<{ rows: any[] }>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** One column as pg_catalog describes it. */
export interface CatalogColumn {
  readonly table: string;
  readonly column: string;
  readonly type: string;
  readonly not_null: boolean;
  readonly default: string | null;
  /** `a` (always) or `d` (by default) for an identity column, else empty. */
  readonly identity: string;
  /** `s` for a stored generated column, else empty. */
  readonly generated: string;
  readonly comment: string | null;
}

/** A sequence with its options, its owner (`table.column`) and its state (`last_value`, `is_called`). */
export interface CatalogSequence {
  readonly name: string;
  readonly def: string;
  readonly owner: string | null;
  readonly state: string;
}

/** The public schema as plain data, ordered by name, plus what is left in kmig's own schema. */
export interface Catalog {
  readonly tables: string[];
  readonly columns: CatalogColumn[];
  readonly constraints: { table: string; name: string; def: string }[];
  readonly indexes: { table: string; name: string; def: string }[];
  /** Each table's comment and replica identity (`d`, `n`, `f`, or `i:<index>`). */
  readonly tableProperties: { table: string; comment: string | null; replica: string }[];
  readonly sequences: CatalogSequence[];
  readonly kmigTables: string[];
  /** Enum types (`enum: labels in order`) and domains (`domain: base, not null, default, checks`) of the public schema. */
  readonly types: { name: string; def: string }[];
}

/**
 * Everything a migration may change in the schema. Column order is left out on purpose: a column
 * that rollback adds back comes last in PostgreSQL, and rows are compared as JSON objects.
 */
export async function snapshotCatalog(c: Queryable): Promise<Catalog> {
  const tables = await c.query(`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`);
  const columns = await c.query(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default, a.attidentity AS identity,
           a.attgenerated AS generated, col_description(c.oid, a.attnum) AS comment
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
  const tableProperties = await c.query(`
    SELECT c.relname AS table, obj_description(c.oid, 'pg_class') AS comment,
           c.relreplident::text || COALESCE(':' || (SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid AND x.indisreplident), '') AS replica
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`);
  const sequences = await c.query(`
    SELECT c.relname AS name,
           format('%s start %s increment %s min %s max %s cache %s cycle %s', format_type(s.seqtypid, NULL), s.seqstart, s.seqincrement, s.seqmin, s.seqmax, s.seqcache, s.seqcycle) AS def,
           (SELECT t.relname || '.' || a.attname || ':' || d.deptype::text FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid
              JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
             WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')) AS owner
    FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' ORDER BY 1`);
  return {
    tables: tables.rows.map((r) => r.name as string),
    // The session reads every value as text (test/support/pg.ts): booleans arrive as 't' / 'f'.
    columns: columns.rows.map((r) => ({ ...r, not_null: r.not_null === true || r.not_null === "t" }) as CatalogColumn),
    constraints: constraints.rows,
    indexes: indexes.rows,
    tableProperties: tableProperties.rows,
    sequences: await withState(c, sequences.rows),
    kmigTables: kmig.rows.map((r) => r.name as string),
    types: (await c.query(`
      SELECT t.typname AS name,
             CASE t.typtype WHEN 'e' THEN 'enum: ' || (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid)
               ELSE 'domain: ' || format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END || COALESCE(' default ' || t.typdefault, '')
                 || COALESCE((SELECT string_agg(' ' || co.conname || ' ' || pg_get_constraintdef(co.oid), '' ORDER BY co.conname) FROM pg_constraint co WHERE co.contypid = t.oid), '') END AS def
      FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
      WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd') ORDER BY 1`)).rows as { name: string; def: string }[],
  };
}

/** Each sequence with its state: `last_value is_called`, read from the sequence itself. */
async function withState(c: Queryable, rows: { name: string; def: string; owner: string | null }[]): Promise<CatalogSequence[]> {
  const out: CatalogSequence[] = [];
  for (const r of rows) {
    const state = await c.query(`SELECT last_value::text || ' ' || is_called::text AS s FROM public."${r.name.replace(/"/g, '""')}"`);
    out.push({ ...r, state: state.rows[0].s as string });
  }
  return out;
}

/** A column of a snapshot, or undefined. */
export function columnOf(cat: Catalog, table: string, column: string): CatalogColumn | undefined {
  return cat.columns.find((c) => c.table === table && c.column === column);
}

/** Every row of each table as `to_jsonb(row)::text`, sorted: a table's exact content, order-free. */
export async function snapshotRows(c: Queryable, tables: readonly string[]): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const t of tables) {
    const r = await c.query(`SELECT to_jsonb(t)::text AS row FROM "${t.replace(/"/g, '""')}" t`);
    out[t] = r.rows.map((x) => x.row as string).sort();
  }
  return out;
}
