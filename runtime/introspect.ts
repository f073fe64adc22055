import type { Db } from "./db/connection.js";
import { ident } from "../core/sql-quote.js";

/** One table as PostgreSQL describes it: each part by name, as one line of normalised text. */
export interface TableSnapshot {
  readonly columns: Record<string, string>;
  readonly constraints: Record<string, string>;
  readonly indexes: Record<string, string>;
  /** Table-wide settings that differ from PostgreSQL's defaults: `comment`, `replica identity`. */
  readonly properties: Record<string, string>;
}

/** A schema as PostgreSQL itself describes it: the ground truth drift is measured against. */
export interface SchemaSnapshot {
  readonly tables: Record<string, TableSnapshot>;
  /** Sequences (those serial and identity columns own too): type, options and owner, not their current value. */
  readonly sequences: Record<string, string>;
}

const COLUMNS = `SELECT c.relname AS t, a.attname AS c, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull::text AS nn,
   pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity::text AS identity, a.attgenerated::text AS generated, col_description(c.oid, a.attnum) AS comment
 FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
 WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped`;

const TABLES = `SELECT c.relname AS t, obj_description(c.oid, 'pg_class') AS comment, c.relreplident::text AS replident,
   (SELECT i.relname FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid AND x.indisreplident) AS replindex
 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')`;

// pg_sequence exists since PostgreSQL 10; the owner is the column a serial or identity depends on.
const SEQUENCES = `SELECT c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS inc,
   s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle::text AS cycle,
   (SELECT t.relname || '.' || a.attname || CASE d.deptype WHEN 'i' THEN ' (identity)' ELSE '' END
      FROM pg_depend d JOIN pg_class t ON t.oid = d.refobjid JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
      WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')) AS owner
 FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1`;

const isTrue = (v: string | null) => v === "true" || v === "t";
const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;

/**
 * Reads the tables (columns, constraints, indexes, comments, replica identity) and sequences of one
 * schema. `also`: schemas searched after it (a scratch replay of a spec also sees the live schema's
 * external types and functions), so that their names print unqualified in both snapshots.
 */
export async function snapshotSchema(db: Db, schema: string, also: readonly string[] = []): Promise<SchemaSnapshot> {
  // Definitions print without the schema name when it is on the search path.
  await db.query(`SELECT set_config('search_path', $1, true)`, [[schema, ...also].map(ident).join(", ")]);
  const cols = await db.query<{ t: string; c: string; type: string; nn: string; def: string | null; identity: string; generated: string; comment: string | null }>(COLUMNS, [schema]);
  const cons = await db.query<{ t: string; name: string; def: string }>(
    `SELECT cl.relname AS t, co.conname AS name, pg_get_constraintdef(co.oid) AS def
     FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid JOIN pg_namespace n ON n.oid = cl.relnamespace
     WHERE n.nspname = $1 AND co.contype IN ('p', 'u', 'f', 'c', 'x')`,
    [schema],
  );
  // Tables' indexes only (a materialized view's are its own business); a partitioned table's print `ON ONLY`.
  const idx = await db.query<{ t: string; name: string; def: string }>(
    `SELECT i.tablename AS t, i.indexname AS name, replace(i.indexdef, ' ON ONLY ', ' ON ') AS def FROM pg_indexes i JOIN pg_class c ON c.relname = i.tablename JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = i.schemaname
     WHERE i.schemaname = $1 AND c.relkind IN ('r', 'p')`,
    [schema],
  );
  const props = await db.query<{ t: string; comment: string | null; replident: string; replindex: string | null }>(TABLES, [schema]);
  const seqs = await db.query<Record<"name" | "type" | "start" | "inc" | "min" | "max" | "cache" | "cycle", string> & { owner: string | null }>(SEQUENCES, [schema]);
  const tables: SchemaSnapshot["tables"] = {};
  const table = (t: string) => (tables[t] ??= { columns: {}, constraints: {}, indexes: {}, properties: {} });
  for (const c of cols.rows) table(c.t).columns[c.c] = columnText(c);
  for (const c of cons.rows) table(c.t).constraints[c.name] = c.def;
  const schemaPrefix = new RegExp(`ON (?:"?${schema.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"?\\.)`, "g");
  for (const i of idx.rows) table(i.t).indexes[i.name] = i.def.replace(schemaPrefix, "ON ");
  for (const p of props.rows) {
    const t = table(p.t);
    if (p.comment !== null) t.properties.comment = quoted(p.comment);
    const replica = { d: null, n: "nothing", f: "full", i: `using index ${p.replindex ?? "(none)"}` }[p.replident as "d" | "n" | "f" | "i"];
    if (replica) t.properties["replica identity"] = replica;
  }
  const sequences: Record<string, string> = {};
  for (const s of seqs.rows) {
    sequences[s.name] = `AS ${s.type} START ${s.start} INCREMENT ${s.inc} MINVALUE ${s.min} MAXVALUE ${s.max} CACHE ${s.cache}${isTrue(s.cycle) ? " CYCLE" : ""}${s.owner ? ` OWNED BY ${s.owner}` : ""}`;
  }
  return { tables, sequences };
}

/** A column as one line: `type [NOT NULL] [DEFAULT e | GENERATED …] [COMMENT '…']`. */
function columnText(c: { type: string; nn: string; def: string | null; identity: string; generated: string; comment: string | null }): string {
  const identity = c.identity === "a" ? " GENERATED ALWAYS AS IDENTITY" : c.identity === "d" ? " GENERATED BY DEFAULT AS IDENTITY" : "";
  const value = c.def === null ? "" : c.generated === "s" ? ` GENERATED ALWAYS AS (${c.def}) STORED` : c.generated === "v" ? ` GENERATED ALWAYS AS (${c.def}) VIRTUAL` : ` DEFAULT ${c.def}`;
  return `${c.type}${isTrue(c.nn) ? " NOT NULL" : ""}${identity}${value}${c.comment === null ? "" : ` COMMENT ${quoted(c.comment)}`}`;
}

/** Every difference between what the spec says and what the database has, one line each. */
export function diffSchemas(expected: SchemaSnapshot, actual: SchemaSnapshot, only: ReadonlySet<string> | null = null, external: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const names = new Set([...Object.keys(expected.tables), ...Object.keys(actual.tables)]);
  for (const t of [...names].sort()) {
    if ((only && !only.has(t)) || external.has(t)) continue;
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
    for (const kind of ["columns", "constraints", "indexes", "properties"] as const) {
      const what = { columns: "column", constraints: "constraint", indexes: "index", properties: "setting" }[kind];
      out.push(...diffRecords(e[kind], a[kind], `${t}: ${what}`));
    }
  }
  // With `only` (a baseline's tables), the database's other sequences are not the spec's business,
  // unless one of those tables owns them.
  const ownedByOnly = (d: string | undefined) => d !== undefined && only !== null && [...only].some((t) => d.includes(` OWNED BY ${t}.`));
  const ownedByExternal = (d: string | undefined) => d !== undefined && [...external].some((t) => d.includes(` OWNED BY ${t}.`));
  const seqNames = Object.keys({ ...expected.sequences, ...actual.sequences }).filter((n) => !external.has(n) && !ownedByExternal(actual.sequences[n]) && (only === null || n in expected.sequences || ownedByOnly(actual.sequences[n])));
  const pick = (r: Record<string, string>) => Object.fromEntries(seqNames.filter((n) => r[n] !== undefined).map((n) => [n, r[n]]));
  out.push(...diffRecords(pick(expected.sequences), pick(actual.sequences), "sequence"));
  return out;
}

/** The differences between two name → definition records, each line starting with `prefix name`. */
function diffRecords(e: Record<string, string>, a: Record<string, string>, prefix: string): string[] {
  const out: string[] = [];
  for (const n of [...new Set([...Object.keys(e), ...Object.keys(a)])].sort()) {
    if (e[n] === a[n]) continue;
    if (a[n] === undefined) out.push(`${prefix} ${n} is missing (spec: ${e[n]})`);
    else if (e[n] === undefined) out.push(`${prefix} ${n} is not in the spec (database: ${a[n]})`);
    else out.push(`${prefix} ${n} differs: spec ${e[n]}, database ${a[n]}`);
  }
  return out;
}
