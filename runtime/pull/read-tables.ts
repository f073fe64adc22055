import type { Db } from "../db/connection.js";
import { ident } from "../../core/sql-quote.js";

/**
 * The tables of one schema as `kmig pull` needs them: each part as PostgreSQL's catalog holds it,
 * with the text PostgreSQL prints for types, defaults and expressions (the writer translates them).
 */

export interface PulledColumn {
  readonly name: string;
  /** `format_type`: `character varying(45)`, `timestamp with time zone`, `mpaa_rating`. */
  readonly type: string;
  readonly notNull: boolean;
  readonly default: string | null;
  /** `a` always, `d` by default, null: not an identity column. */
  readonly identity: "a" | "d" | null;
  /** A stored generated column's expression. */
  readonly generated: string | null;
  readonly comment: string | null;
}

export interface PulledConstraint {
  readonly name: string;
  /** p primary key, u unique, f foreign key, c check, x exclusion. */
  readonly type: string;
  readonly columns: readonly string[];
  readonly refTable: string | null;
  readonly refColumns: readonly string[];
  /** `a` no action, `r` restrict, `c` cascade, `n` set null, `d` set default. */
  readonly onDelete: string;
  readonly onUpdate: string;
  /** `pg_get_constraintdef`: `CHECK ((length(name) > 0))`. */
  readonly def: string;
  /** Whether it is only a partition's copy of its parent's constraint. */
  readonly inherited: boolean;
}

export interface PulledIndex {
  readonly name: string;
  readonly unique: boolean;
  readonly method: string;
  /** Key columns; null where a key is an expression. */
  readonly columns: readonly ({ readonly name: string; readonly desc: boolean; readonly nullsOther: boolean; readonly defaultOpclass: boolean } | null)[];
  readonly include: number;
  readonly predicate: string | null;
  readonly options: string | null;
  /** Whether a constraint (primary key, unique, exclusion) owns it. */
  readonly forConstraint: boolean;
  /** A partition's copy of its parent's index. */
  readonly inherited: boolean;
  readonly def: string;
}

export interface PulledTable {
  readonly name: string;
  /** r table, p partitioned table. */
  readonly relkind: string;
  readonly comment: string | null;
  readonly columns: readonly PulledColumn[];
  readonly constraints: readonly PulledConstraint[];
  readonly indexes: readonly PulledIndex[];
  /** `RANGE (payment_date)` for a partitioned table. */
  readonly partitionKey: string | null;
  readonly partitionOf: string | null;
  /** `FOR VALUES FROM (…) TO (…)` of a partition. */
  readonly partitionBound: string | null;
  /** `d` default, `n` nothing, `f` full, `i` index; with the index for `i`. */
  readonly replicaIdentity: string;
  readonly replicaIndex: string | null;
  /** Non-default storage parameters, `unlogged`, row level security: what the language cannot say yet. */
  readonly unsaid: readonly string[];
}

const TABLES = `SELECT c.oid::text AS oid, c.relname AS name, c.relkind::text AS relkind, obj_description(c.oid, 'pg_class') AS comment,
   CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END AS "partitionKey",
   (SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid AND c.relispartition) AS "partitionOf",
   CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END AS "partitionBound",
   c.relreplident::text AS "replicaIdentity",
   (SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid AND x.indisreplident) AS "replicaIndex",
   c.relpersistence::text AS persistence, c.relrowsecurity AS rls, array_to_string(c.reloptions, ', ') AS options,
   (SELECT count(*) FROM pg_inherits i WHERE i.inhrelid = c.oid AND NOT c.relispartition)::int AS inherits
 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
   AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
 ORDER BY c.relname`;

const COLUMNS = `SELECT a.attrelid::text AS oid, a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull AS "notNull",
   CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END AS "default",
   NULLIF(a.attidentity::text, '') AS identity, CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END AS generated,
   col_description(a.attrelid, a.attnum) AS comment
 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attrelid, a.attnum`;

const CONSTRAINTS = `SELECT co.conrelid::text AS oid, co.conname AS name, co.contype::text AS type,
   ARRAY(SELECT a.attname FROM unnest(co.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS columns,
   r.relname AS "refTable",
   ARRAY(SELECT a.attname FROM unnest(co.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.n ORDER BY k.i)::text[] AS "refColumns",
   co.confdeltype::text AS "onDelete", co.confupdtype::text AS "onUpdate", pg_get_constraintdef(co.oid) AS def, (co.conparentid <> 0) AS inherited
 FROM pg_constraint co JOIN pg_class c ON c.oid = co.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_class r ON r.oid = co.confrelid
 WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND co.contype IN ('p', 'u', 'f', 'c', 'x') ORDER BY co.conrelid, co.conname`;

const INDEXES = `SELECT x.indrelid::text AS oid, i.relname AS name, x.indisunique AS "unique", am.amname AS method,
   x.indnkeyatts AS keys, (x.indnatts - x.indnkeyatts) AS include,
   ARRAY(SELECT COALESCE(a.attname, '') FROM unnest(x.indkey::int2[]) WITH ORDINALITY k(n, o) LEFT JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = k.n AND k.n > 0 ORDER BY k.o)::text[] AS cols,
   ARRAY(SELECT (o & 1)::int FROM unnest(x.indoption::int2[]) o)::int[] AS descs, ARRAY(SELECT ((o >> 1) & 1)::int FROM unnest(x.indoption::int2[]) o)::int[] AS nullsfirst,
   ARRAY(SELECT oc.opcdefault FROM unnest(x.indclass::oid[]) WITH ORDINALITY k(c, o) JOIN pg_opclass oc ON oc.oid = k.c ORDER BY k.o)::bool[] AS defaultops,
   pg_get_expr(x.indpred, x.indrelid) AS predicate, array_to_string(i.reloptions, ', ') AS options,
   EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = x.indexrelid AND co.contype IN ('p', 'u', 'x') AND co.conrelid = x.indrelid) AS "forConstraint",
   EXISTS (SELECT 1 FROM pg_inherits h WHERE h.inhrelid = x.indexrelid) AS inherited,
   replace(pg_get_indexdef(x.indexrelid), ' ON ONLY ', ' ON ') AS def
 FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class c ON c.oid = x.indrelid JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_am am ON am.oid = i.relam
 WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY x.indrelid, i.relname`;

type Row = Record<string, unknown>;
const nameList = (v: unknown): string[] => (Array.isArray(v) ? (v as string[]) : typeof v === "string" ? parseArray(v) : []);

/** A PostgreSQL array literal as text (`{a,"b c"}`), for engines that return arrays as text. */
function parseArray(text: string): string[] {
  if (text === "{}") return [];
  const out: string[] = [];
  const re = /"((?:[^"\\]|\\.)*)"|([^,{}]+)/g;
  for (const m of text.slice(1, -1).matchAll(re)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]);
  return out;
}

const bool = (v: unknown) => v === true || v === "t" || v === "true";

/** Reads the tables of `schema` (not those an extension owns). */
export async function readTables(db: Db, schema: string): Promise<PulledTable[]> {
  await db.query(`SELECT set_config('search_path', $1, false)`, [ident(schema)]);
  const tables = (await db.query<Row>(TABLES, [schema])).rows;
  const byOid = new Map<string, { columns: PulledColumn[]; constraints: PulledConstraint[]; indexes: PulledIndex[] }>();
  for (const t of tables) byOid.set(t.oid as string, { columns: [], constraints: [], indexes: [] });
  for (const c of (await db.query<Row>(COLUMNS, [schema])).rows) {
    byOid.get(c.oid as string)?.columns.push({
      name: c.name as string,
      type: c.type as string,
      notNull: bool(c.notNull),
      default: (c.default as string | null) ?? null,
      identity: (c.identity as "a" | "d" | null) ?? null,
      generated: (c.generated as string | null) ?? null,
      comment: (c.comment as string | null) ?? null,
    });
  }
  for (const c of (await db.query<Row>(CONSTRAINTS, [schema])).rows) {
    byOid.get(c.oid as string)?.constraints.push({
      name: c.name as string,
      type: c.type as string,
      columns: nameList(c.columns),
      refTable: (c.refTable as string | null) ?? null,
      refColumns: nameList(c.refColumns),
      onDelete: c.onDelete as string,
      onUpdate: c.onUpdate as string,
      def: c.def as string,
      inherited: bool(c.inherited),
    });
  }
  for (const i of (await db.query<Row>(INDEXES, [schema])).rows) {
    const keys = Number(i.keys);
    const cols = nameList(i.cols).slice(0, keys);
    const descs = nameList(i.descs).map(Number);
    const nulls = nameList(i.nullsfirst).map(Number);
    const defaults = nameList(i.defaultops).map(bool);
    byOid.get(i.oid as string)?.indexes.push({
      name: i.name as string,
      unique: bool(i.unique),
      method: i.method as string,
      // NULLS FIRST is the default of a descending column, NULLS LAST of an ascending one.
      columns: cols.map((name, k) => (name === "" ? null : { name, desc: descs[k] === 1, nullsOther: (nulls[k] === 1) !== (descs[k] === 1), defaultOpclass: defaults[k] ?? true })),
      include: Number(i.include),
      predicate: (i.predicate as string | null) ?? null,
      options: (i.options as string | null) || null,
      forConstraint: bool(i.forConstraint),
      inherited: bool(i.inherited),
      def: i.def as string,
    });
  }
  return tables.map((t) => {
    const parts = byOid.get(t.oid as string) as { columns: PulledColumn[]; constraints: PulledConstraint[]; indexes: PulledIndex[] };
    const unsaid: string[] = [];
    if (t.persistence === "u") unsaid.push(`table ${t.name as string} is UNLOGGED`);
    if (bool(t.rls)) unsaid.push(`table ${t.name as string} has row level security enabled`);
    if (t.options) unsaid.push(`table ${t.name as string} has storage parameters (${t.options as string})`);
    if (Number(t.inherits) > 0) unsaid.push(`table ${t.name as string} inherits from another table (INHERITS)`);
    return {
      name: t.name as string,
      relkind: t.relkind as string,
      comment: (t.comment as string | null) ?? null,
      ...parts,
      partitionKey: (t.partitionKey as string | null) ?? null,
      partitionOf: (t.partitionOf as string | null) ?? null,
      partitionBound: (t.partitionBound as string | null) ?? null,
      replicaIdentity: t.replicaIdentity as string,
      replicaIndex: (t.replicaIndex as string | null) ?? null,
      unsaid,
    };
  });
}
