import type pg from "pg";
import { ident, literal, qualified } from "../../core/sql-quote.js";
import { textArray } from "../db/text-array.js";
import { COPY_SCHEMA } from "./target-database.js";

/**
 * A database's schema as SQL, read from PostgreSQL's catalog with its `pg_get_*def` functions, for
 * kmig's own backup (where pg_dump is not installed). Split as pg_restore orders it: `pre` (schemas,
 * extensions, types, sequences, functions, tables with their check constraints, views) before the
 * rows, `post` (keys, indexes, foreign keys, triggers, sequence positions, materialized views'
 * rows) after them. The session must have `search_path = pg_catalog`, so that every name the
 * catalog prints is schema-qualified. What this cannot describe is listed in `unsupported`: the
 * caller refuses such a database rather than write a backup that would restore less than it has.
 */
export interface SchemaSql {
  readonly pre: readonly string[];
  readonly post: readonly string[];
  readonly unsupported: readonly string[];
}

/** User schemas: not the system's, not a session's temporary ones, not a target's copy record. */
const USER_NS = (n: string) => `${n}.nspname NOT IN ('pg_catalog', 'information_schema', '${COPY_SCHEMA}') AND ${n}.nspname NOT LIKE 'pg\\_%'`;
/** Not created by an extension (its CREATE EXTENSION makes it). */
const NOT_EXT = (catalog: string, oid: string) => `NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = '${catalog}'::regclass AND d.objid = ${oid} AND d.deptype = 'e')`;
const yes = (v: unknown) => v === true || v === "t" || v === "true";

type Row = Record<string, string | null>;
async function rows(c: pg.Client, sql: string): Promise<Row[]> {
  return (await c.query<Row>(sql)).rows;
}

/** Kinds of object the catalog reader does not describe, with how many the database has. */
const UNSUPPORTED: readonly [string, string][] = [
  ["partitioned or inherited table", `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS("n")} AND (c.relkind = 'p' OR c.relispartition OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid))`],
  ["typed table (CREATE TABLE … OF type)", `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS("n")} AND c.relkind = 'r' AND c.reloftype <> 0`],
  ["foreign table", `SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS("n")} AND c.relkind = 'f'`],
  ["row security policy", `SELECT count(*) FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS("n")}`],
  ["rule", `SELECT count(*) FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS("n")} AND r.rulename <> '_RETURN'`],
  ["aggregate or window function", `SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE ${USER_NS("n")} AND p.prokind IN ('a', 'w') AND ${NOT_EXT("pg_proc", "p.oid")}`],
  ["base, range or multirange type", `SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${USER_NS("n")} AND t.typtype IN ('b', 'r', 'm', 'p') AND NOT EXISTS (SELECT 1 FROM pg_type e WHERE e.typarray = t.oid) AND ${NOT_EXT("pg_type", "t.oid")}`],
  ["collation", `SELECT count(*) FROM pg_collation o JOIN pg_namespace n ON n.oid = o.collnamespace WHERE ${USER_NS("n")} AND ${NOT_EXT("pg_collation", "o.oid")}`],
  ["statistics object", `SELECT count(*) FROM pg_statistic_ext o JOIN pg_namespace n ON n.oid = o.stxnamespace WHERE ${USER_NS("n")}`],
  ["text search configuration or dictionary", `SELECT (SELECT count(*) FROM pg_ts_config o JOIN pg_namespace n ON n.oid = o.cfgnamespace WHERE ${USER_NS("n")} AND ${NOT_EXT("pg_ts_config", "o.oid")}) + (SELECT count(*) FROM pg_ts_dict o JOIN pg_namespace n ON n.oid = o.dictnamespace WHERE ${USER_NS("n")} AND ${NOT_EXT("pg_ts_dict", "o.oid")})`],
  ["operator, operator class or family", `SELECT (SELECT count(*) FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE ${USER_NS("n")} AND ${NOT_EXT("pg_operator", "o.oid")}) + (SELECT count(*) FROM pg_opfamily o JOIN pg_namespace n ON n.oid = o.opfnamespace WHERE ${USER_NS("n")} AND ${NOT_EXT("pg_opfamily", "o.oid")})`],
  ["conversion", `SELECT count(*) FROM pg_conversion o JOIN pg_namespace n ON n.oid = o.connamespace WHERE ${USER_NS("n")}`],
  ["event trigger", `SELECT count(*) FROM pg_event_trigger WHERE ${NOT_EXT("pg_event_trigger", "oid")}`],
  ["publication", `SELECT count(*) FROM pg_publication`],
  ["large object", `SELECT count(*) FROM pg_largeobject_metadata`],
];

/** What the database has that readSchemaSql cannot describe: `2 rules`, … (none: empty). */
export async function unsupportedObjects(c: pg.Client): Promise<string[]> {
  const unsupported: string[] = [];
  for (const [what, sql] of UNSUPPORTED) {
    const n = Number((await c.query<{ n: string }>(`SELECT (${sql})::text AS n`)).rows[0].n);
    if (n > 0) unsupported.push(`${n} ${what}${n === 1 ? "" : "s"}`);
  }
  return unsupported;
}

export async function readSchemaSql(c: pg.Client): Promise<SchemaSql> {
  const unsupported = await unsupportedObjects(c);
  if (unsupported.length > 0) return { pre: [], post: [], unsupported };
  const pre: string[] = [];
  const post: string[] = [];
  const comment = (on: string, text: string | null) => (text === null ? [] : [`COMMENT ON ${on} IS ${literal(text)};`]);

  for (const s of await rows(c, `SELECT n.nspname AS name, obj_description(n.oid, 'pg_namespace') AS comment FROM pg_namespace n WHERE ${USER_NS("n")} AND n.nspname <> 'public' AND ${NOT_EXT("pg_namespace", "n.oid")} ORDER BY 1`)) {
    pre.push(`CREATE SCHEMA ${ident(s.name!)};`, ...comment(`SCHEMA ${ident(s.name!)}`, s.comment));
  }
  for (const e of await rows(c, `SELECT e.extname AS name, n.nspname AS schema, e.extversion AS version FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname <> 'plpgsql' ORDER BY e.oid`)) {
    pre.push(`CREATE EXTENSION IF NOT EXISTS ${ident(e.name!)} WITH SCHEMA ${ident(e.schema!)} VERSION ${literal(e.version!)};`);
  }
  pre.push(...(await types(c)), ...(await sequences(c)), ...(await functions(c, false)));
  const tableParts = await tables(c);
  pre.push(...tableParts.pre, ...(await functions(c, true)), ...(await views(c)));
  post.push(...tableParts.post, ...(await indexesAndConstraints(c)), ...tableParts.replicaIdentity, ...(await triggers(c)), ...(await ownedSequences(c)), ...(await sequencePositions(c)));
  for (const m of await rows(c, `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS("n")} AND c.relkind = 'm' AND c.relispopulated ORDER BY c.oid`)) {
    post.push(`REFRESH MATERIALIZED VIEW ${qualified(m.schema!, m.name!)};`);
  }
  return { pre, post, unsupported };
}

async function types(c: pg.Client): Promise<string[]> {
  const out: string[] = [];
  const base = `FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE ${USER_NS("n")} AND ${NOT_EXT("pg_type", "t.oid")}`;
  for (const t of await rows(c, `SELECT n.nspname AS schema, t.typname AS name, obj_description(t.oid, 'pg_type') AS comment,
      (SELECT array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FROM pg_enum e WHERE e.enumtypid = t.oid) AS labels ${base} AND t.typtype = 'e' ORDER BY t.oid`)) {
    out.push(`CREATE TYPE ${qualified(t.schema!, t.name!)} AS ENUM (${textArray(t.labels ?? "{}").map(literal).join(", ")});`, ...(t.comment === null ? [] : [`COMMENT ON TYPE ${qualified(t.schema!, t.name!)} IS ${literal(t.comment)};`]));
  }
  for (const t of await rows(c, `SELECT n.nspname AS schema, t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS base, t.typnotnull::text AS notnull, t.typdefault AS def,
      obj_description(t.oid, 'pg_type') AS comment,
      CASE WHEN t.typcollation <> 0 AND t.typcollation <> (SELECT b.typcollation FROM pg_type b WHERE b.oid = t.typbasetype) THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = t.typcollation) END AS coll,
      (SELECT array_agg('CONSTRAINT ' || quote_ident(k.conname) || ' ' || pg_get_constraintdef(k.oid) ORDER BY k.conname) FROM pg_constraint k WHERE k.contypid = t.oid AND k.contype = 'c') AS checks
      ${base} AND t.typtype = 'd' ORDER BY t.oid`)) {
    const name = qualified(t.schema!, t.name!);
    out.push(`CREATE DOMAIN ${name} AS ${t.base}${t.coll ? ` COLLATE ${t.coll}` : ""}${t.def !== null ? ` DEFAULT ${t.def}` : ""}${yes(t.notnull) ? " NOT NULL" : ""};`);
    for (const k of textArray(t.checks ?? "{}")) out.push(`ALTER DOMAIN ${name} ADD ${k};`);
    if (t.comment !== null) out.push(`COMMENT ON DOMAIN ${name} IS ${literal(t.comment)};`);
  }
  for (const t of await rows(c, `SELECT n.nspname AS schema, t.typname AS name, obj_description(t.oid, 'pg_type') AS comment,
      (SELECT array_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod) ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = t.typrelid AND a.attnum > 0 AND NOT a.attisdropped) AS cols
      ${base} AND t.typtype = 'c' AND (SELECT r.relkind FROM pg_class r WHERE r.oid = t.typrelid) = 'c' ORDER BY t.oid`)) {
    out.push(`CREATE TYPE ${qualified(t.schema!, t.name!)} AS (${textArray(t.cols ?? "{}").join(", ")});`, ...(t.comment === null ? [] : [`COMMENT ON TYPE ${qualified(t.schema!, t.name!)} IS ${literal(t.comment)};`]));
  }
  return out;
}

/** `START WITH … CACHE …`: a sequence's parameters, as CREATE SEQUENCE and an identity column take them. */
const SEQ_OPTIONS = `'START WITH ' || s.seqstart || ' INCREMENT BY ' || s.seqincrement || ' MINVALUE ' || s.seqmin || ' MAXVALUE ' || s.seqmax || ' CACHE ' || s.seqcache || CASE WHEN s.seqcycle THEN ' CYCLE' ELSE ' NO CYCLE' END`;
const SEQ_PARAMS = `'AS ' || format_type(s.seqtypid, NULL) || ' ' || ${SEQ_OPTIONS}`;

/** Sequences that are not an identity column's (those come with their column). */
async function sequences(c: pg.Client): Promise<string[]> {
  const out: string[] = [];
  for (const s of await rows(c, `SELECT n.nspname AS schema, c.relname AS name, ${SEQ_PARAMS} AS params, c.relpersistence::text AS persistence, obj_description(c.oid, 'pg_class') AS comment
      FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE ${USER_NS("n")} AND ${NOT_EXT("pg_class", "c.oid")} AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'i') ORDER BY c.oid`)) {
    out.push(`CREATE ${s.persistence === "u" ? "UNLOGGED " : ""}SEQUENCE ${qualified(s.schema!, s.name!)} ${s.params};`, ...(s.comment === null ? [] : [`COMMENT ON SEQUENCE ${qualified(s.schema!, s.name!)} IS ${literal(s.comment)};`]));
  }
  return out;
}

/** `OWNED BY`: a serial column's sequence is dropped with its column. */
async function ownedSequences(c: pg.Client): Promise<string[]> {
  const r = await rows(c, `SELECT n.nspname AS schema, s.relname AS name, tn.nspname AS tschema, t.relname AS tname, a.attname AS col
      FROM pg_depend d JOIN pg_class s ON s.oid = d.objid AND s.relkind = 'S' JOIN pg_namespace n ON n.oid = s.relnamespace
      JOIN pg_class t ON t.oid = d.refobjid JOIN pg_namespace tn ON tn.oid = t.relnamespace JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'a' AND ${USER_NS("n")} ORDER BY s.oid`);
  return r.map((s) => `ALTER SEQUENCE ${qualified(s.schema!, s.name!)} OWNED BY ${qualified(s.tschema!, s.tname!)}.${ident(s.col!)};`);
}

/** Every sequence's position (identity ones too), as pg_dump's `SELECT setval(…)`. */
async function sequencePositions(c: pg.Client): Promise<string[]> {
  const out: string[] = [];
  for (const s of await rows(c, `SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'S' AND ${USER_NS("n")} AND ${NOT_EXT("pg_class", "c.oid")} ORDER BY c.oid`)) {
    const v = (await rows(c, `SELECT last_value::text AS v, is_called::text AS called FROM ${qualified(s.schema!, s.name!)}`))[0];
    out.push(`SELECT pg_catalog.setval(${literal(qualified(s.schema!, s.name!))}, ${v.v}, ${yes(v.called) ? "true" : "false"});`);
  }
  return out;
}

/**
 * Functions and procedures (check_function_bodies is off when they are restored). Those whose
 * arguments or result are a table's row type, or whose body is SQL-standard, come after the
 * tables, the others before them (a default or a check may call one).
 */
async function functions(c: pg.Client, late: boolean): Promise<string[]> {
  // A SQL-standard body (BEGIN ATOMIC, PostgreSQL 14+) is parsed when it is created, whatever check_function_bodies says.
  const v = Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v);
  const rowType = `(EXISTS (SELECT 1 FROM pg_type t JOIN pg_class r ON r.oid = t.typrelid WHERE r.relkind <> 'c' AND t.oid = ANY (coalesce(p.proallargtypes, p.proargtypes::oid[]) || p.prorettype))${v >= 140000 ? " OR p.prosqlbody IS NOT NULL" : ""})`;
  const r = await rows(c, `SELECT pg_get_functiondef(p.oid) AS def, obj_description(p.oid, 'pg_proc') AS comment, p.oid::regprocedure::text AS sig, p.prokind::text AS kind
      FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE ${USER_NS("n")} AND p.prokind IN ('f', 'p') AND ${NOT_EXT("pg_proc", "p.oid")} AND ${late ? "" : "NOT "}${rowType} ORDER BY p.oid`);
  return r.flatMap((f) => [`${f.def!.trimEnd()};`, ...(f.comment === null ? [] : [`COMMENT ON ${f.kind === "p" ? "PROCEDURE" : "FUNCTION"} ${f.sig} IS ${literal(f.comment)};`])]);
}

/** `attstorage` letters, for a column whose storage is not its type's. */
const STORAGE: Record<string, string> = { p: "PLAIN", e: "EXTERNAL", m: "MAIN", x: "EXTENDED" };

/**
 * Tables with their columns and validated check constraints; after the data, checks not validated
 * and row security, and (after the indexes, as it may name one) replica identity.
 */
async function tables(c: pg.Client): Promise<{ pre: string[]; post: string[]; replicaIdentity: string[] }> {
  const pre: string[] = [];
  const post: string[] = [];
  const replicaIdentity: string[] = [];
  const ts = await rows(c, `SELECT c.oid::text AS oid, n.nspname AS schema, c.relname AS name, c.relpersistence::text AS persistence, array_to_string(c.reloptions, ', ') AS options,
      obj_description(c.oid, 'pg_class') AS comment, c.relrowsecurity::text AS rls, c.relforcerowsecurity::text AS force, c.relreplident::text AS replident,
      (SELECT quote_ident(i.relname) FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid WHERE x.indrelid = c.oid AND x.indisreplident) AS replindex
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND ${USER_NS("n")} AND ${NOT_EXT("pg_class", "c.oid")} ORDER BY c.oid`);
  for (const t of ts) {
    const name = qualified(t.schema!, t.name!);
    const cols = await rows(c, `SELECT a.attname AS name, format_type(a.atttypid, a.atttypmod) AS type, a.attnotnull::text AS notnull, a.attidentity::text AS identity, a.attgenerated::text AS generated,
        pg_get_expr(d.adbin, d.adrelid) AS def, col_description(a.attrelid, a.attnum) AS comment,
        CASE WHEN coalesce(a.attstattarget, -1) >= 0 THEN a.attstattarget::text END AS stats,
        CASE WHEN a.attstorage <> (SELECT y.typstorage FROM pg_type y WHERE y.oid = a.atttypid) THEN a.attstorage::text END AS storage,
        CASE WHEN a.attcollation <> 0 AND a.attcollation <> (SELECT y.typcollation FROM pg_type y WHERE y.oid = a.atttypid) THEN (SELECT quote_ident(cn.nspname) || '.' || quote_ident(co.collname) FROM pg_collation co JOIN pg_namespace cn ON cn.oid = co.collnamespace WHERE co.oid = a.attcollation) END AS coll,
        CASE WHEN a.attidentity <> '' THEN (SELECT quote_ident(sn.nspname) || '.' || quote_ident(sc.relname) || ' ' || ${SEQ_OPTIONS}
          FROM pg_depend dd JOIN pg_class sc ON sc.oid = dd.objid JOIN pg_namespace sn ON sn.oid = sc.relnamespace JOIN pg_sequence s ON s.seqrelid = sc.oid
          WHERE dd.classid = 'pg_class'::regclass AND dd.refobjid = a.attrelid AND dd.refobjsubid = a.attnum AND dd.deptype = 'i') END AS idseq
        FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
        WHERE a.attrelid = ${t.oid} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum`);
    const checks = await rows(c, `SELECT k.conname AS name, pg_get_constraintdef(k.oid) AS def, k.convalidated::text AS valid, obj_description(k.oid, 'pg_constraint') AS comment FROM pg_constraint k WHERE k.conrelid = ${t.oid} AND k.contype = 'c' ORDER BY k.conname`);
    const parts = cols.map((col) => {
      let s = `${ident(col.name!)} ${col.type}`;
      if (col.coll) s += ` COLLATE ${col.coll}`;
      if (col.generated === "s") s += ` GENERATED ALWAYS AS (${col.def}) STORED`;
      else if (col.identity === "a" || col.identity === "d") s += ` GENERATED ${col.identity === "a" ? "ALWAYS" : "BY DEFAULT"} AS IDENTITY (SEQUENCE NAME ${col.idseq})`;
      else if (col.def !== null) s += ` DEFAULT ${col.def}`;
      if (yes(col.notnull)) s += " NOT NULL";
      return s;
    });
    for (const k of checks.filter((k) => yes(k.valid))) parts.push(`CONSTRAINT ${ident(k.name!)} ${k.def}`);
    pre.push(`CREATE ${t.persistence === "u" ? "UNLOGGED " : ""}TABLE ${name} (\n    ${parts.join(",\n    ")}\n)${t.options ? ` WITH (${t.options})` : ""};`);
    pre.push(...(t.comment === null ? [] : [`COMMENT ON TABLE ${name} IS ${literal(t.comment)};`]));
    for (const col of cols) {
      if (col.comment !== null) pre.push(`COMMENT ON COLUMN ${name}.${ident(col.name!)} IS ${literal(col.comment)};`);
      if (col.stats !== null) pre.push(`ALTER TABLE ONLY ${name} ALTER COLUMN ${ident(col.name!)} SET STATISTICS ${Number(col.stats)};`);
      if (col.storage !== null && STORAGE[col.storage]) pre.push(`ALTER TABLE ONLY ${name} ALTER COLUMN ${ident(col.name!)} SET STORAGE ${STORAGE[col.storage]};`);
    }
    for (const k of checks) {
      if (!yes(k.valid)) post.push(`ALTER TABLE ONLY ${name} ADD CONSTRAINT ${ident(k.name!)} ${k.def};`);
      if (k.comment !== null) post.push(`COMMENT ON CONSTRAINT ${ident(k.name!)} ON ${name} IS ${literal(k.comment)};`);
    }
    if (yes(t.rls)) post.push(`ALTER TABLE ${name} ENABLE ROW LEVEL SECURITY;`);
    if (yes(t.force)) post.push(`ALTER TABLE ${name} FORCE ROW LEVEL SECURITY;`);
    const ri = t.replident === "f" ? "FULL" : t.replident === "n" ? "NOTHING" : t.replident === "i" && t.replindex ? `USING INDEX ${t.replindex}` : null;
    if (ri) replicaIdentity.push(`ALTER TABLE ONLY ${name} REPLICA IDENTITY ${ri};`);
  }
  return { pre, post, replicaIdentity };
}

/** Views and materialized views (these without their rows: REFRESH comes after the data), in creation order. */
async function views(c: pg.Client): Promise<string[]> {
  const out: string[] = [];
  for (const v of await rows(c, `SELECT n.nspname AS schema, c.relname AS name, c.relkind::text AS kind, pg_get_viewdef(c.oid) AS def, array_to_string(c.reloptions, ', ') AS options, obj_description(c.oid, 'pg_class') AS comment,
      (SELECT array_agg(quote_ident(a.attname) || ' IS ' || quote_literal(col_description(c.oid, a.attnum)) ORDER BY a.attnum) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND col_description(c.oid, a.attnum) IS NOT NULL) AS colcomments
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind IN ('v', 'm') AND ${USER_NS("n")} AND ${NOT_EXT("pg_class", "c.oid")} ORDER BY c.oid`)) {
    const name = qualified(v.schema!, v.name!);
    const body = v.def!.trim().replace(/;$/, "");
    out.push(v.kind === "m" ? `CREATE MATERIALIZED VIEW ${name}${v.options ? ` WITH (${v.options})` : ""} AS\n${body}\nWITH NO DATA;` : `CREATE VIEW ${name}${v.options ? ` WITH (${v.options})` : ""} AS\n${body};`);
    if (v.comment !== null) out.push(`COMMENT ON ${v.kind === "m" ? "MATERIALIZED VIEW" : "VIEW"} ${name} IS ${literal(v.comment)};`);
    for (const cc of textArray(v.colcomments ?? "{}")) out.push(`COMMENT ON COLUMN ${name}.${cc};`);
  }
  return out;
}

/** Primary keys, unique and exclusion constraints, then the other indexes, then foreign keys: as pg_restore orders them. */
async function indexesAndConstraints(c: pg.Client): Promise<string[]> {
  const out: string[] = [];
  const rel = `JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE ${USER_NS("n")} AND ${NOT_EXT("pg_class", "c.oid")}`;
  const constraints = (types: string) =>
    rows(c, `SELECT n.nspname AS schema, c.relname AS tname, k.conname AS name, pg_get_constraintdef(k.oid) AS def, obj_description(k.oid, 'pg_constraint') AS comment FROM pg_constraint k ${rel} AND k.contype IN (${types}) ORDER BY n.nspname, c.relname, k.conname`);
  const add = (k: Row) => [`ALTER TABLE ONLY ${qualified(k.schema!, k.tname!)} ADD CONSTRAINT ${ident(k.name!)} ${k.def};`, ...(k.comment === null ? [] : [`COMMENT ON CONSTRAINT ${ident(k.name!)} ON ${qualified(k.schema!, k.tname!)} IS ${literal(k.comment)};`])];
  out.push(...(await constraints("'p', 'u', 'x'")).flatMap(add));
  for (const i of await rows(c, `SELECT pg_get_indexdef(x.indexrelid) AS def, n.nspname AS schema, i.relname AS name, t.relname AS tname, obj_description(i.oid, 'pg_class') AS comment, x.indisclustered::text AS clustered,
        EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = x.indexrelid AND k.contype IN ('p', 'u', 'x'))::text AS constraint
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
      WHERE ${USER_NS("n")} AND ${NOT_EXT("pg_class", "t.oid")} ORDER BY n.nspname, i.relname`)) {
    if (!yes(i.constraint)) out.push(`${i.def};`);
    if (i.comment !== null) out.push(`COMMENT ON INDEX ${qualified(i.schema!, i.name!)} IS ${literal(i.comment)};`);
    if (yes(i.clustered)) out.push(`ALTER TABLE ${qualified(i.schema!, i.tname!)} CLUSTER ON ${ident(i.name!)};`);
  }
  out.push(...(await constraints("'f'")).flatMap(add));
  return out;
}

/** Triggers (not the internal ones of foreign keys), with their enabled state. */
async function triggers(c: pg.Client): Promise<string[]> {
  const out: string[] = [];
  for (const t of await rows(c, `SELECT pg_get_triggerdef(g.oid) AS def, g.tgenabled::text AS enabled, g.tgname AS name, n.nspname AS schema, c.relname AS tname, obj_description(g.oid, 'pg_trigger') AS comment
      FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT g.tgisinternal AND ${USER_NS("n")} AND ${NOT_EXT("pg_class", "c.oid")} ORDER BY n.nspname, c.relname, g.tgname`)) {
    const table = qualified(t.schema!, t.tname!);
    out.push(`${t.def};`);
    if (t.enabled === "D") out.push(`ALTER TABLE ${table} DISABLE TRIGGER ${ident(t.name!)};`);
    else if (t.enabled === "A") out.push(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${ident(t.name!)};`);
    else if (t.enabled === "R") out.push(`ALTER TABLE ${table} ENABLE REPLICA TRIGGER ${ident(t.name!)};`);
    if (t.comment !== null) out.push(`COMMENT ON TRIGGER ${ident(t.name!)} ON ${table} IS ${literal(t.comment)};`);
  }
  return out;
}
