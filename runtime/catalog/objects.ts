import type { Db } from "../db/connection.js";

/** A relation of one schema, whatever its kind (`relkind`: r table, p partitioned, v view, m materialized view, f foreign, S sequence). */
export interface RelationRow {
  readonly name: string;
  readonly relkind: string;
  /** The parent of a partition; null otherwise. */
  readonly partitionOf: string | null;
  /** Set when an extension owns it (pull leaves those to `external extension`). */
  readonly extension: string | null;
}

/** The objects of one schema besides tables' own parts: what `external` declarations name. */
export interface SchemaObjects {
  readonly relations: readonly RelationRow[];
  /** `prokind`: f function, p procedure, a aggregate, w window; `args`: oidvectortypes of the input arguments. */
  readonly functions: readonly { readonly name: string; readonly args: string; readonly prokind: string; readonly extension: string | null }[];
  readonly triggers: readonly { readonly name: string; readonly table: string }[];
  readonly policies: readonly { readonly name: string; readonly table: string }[];
  /** `typtype`: e enum, d domain, c composite (free-standing), r range, m multirange, b base. */
  readonly types: readonly { readonly name: string; readonly typtype: string; readonly extension: string | null }[];
  /** Every extension of the database (extensions are database-wide), plpgsql included. */
  readonly extensions: readonly string[];
  /**
   * Objects of kinds kmig neither models nor declares (rules, extended statistics, collations,
   * operators, text search configurations and dictionaries, conversions), not an extension's:
   * pull names them as skipped, so that its file never leaves them out in silence.
   */
  readonly unmodelled: readonly { readonly kind: string; readonly name: string }[];
}

const EXT = (classid: string, objid: string) =>
  `(SELECT e.extname FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid WHERE d.classid = '${classid}'::regclass AND d.objid = ${objid} AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e')`;

const RELATIONS = `SELECT c.relname AS name, c.relkind::text AS relkind,
   (SELECT p.relname FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhparent WHERE i.inhrelid = c.oid AND c.relispartition) AS "partitionOf",
   ${EXT("pg_class", "c.oid")} AS extension
 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S') ORDER BY c.relname`;

const FUNCTIONS = `SELECT p.proname AS name, oidvectortypes(p.proargtypes) AS args, p.prokind::text AS prokind, ${EXT("pg_proc", "p.oid")} AS extension
 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = $1 ORDER BY 1, 2`;

const TRIGGERS = `SELECT t.tgname AS name, c.relname AS "table" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname = $1 AND NOT t.tgisinternal AND t.tgparentid = 0 ORDER BY 2, 1`;

const TRIGGERS_PRE13 = TRIGGERS.replace(" AND t.tgparentid = 0", "");

const POLICIES = `SELECT p.polname AS name, c.relname AS "table" FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 ORDER BY 2, 1`;

// Free-standing types only: a table's row type and an array type are not objects of their own.
const TYPES = `SELECT t.typname AS name, t.typtype::text AS typtype, ${EXT("pg_type", "t.oid")} AS extension FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
 WHERE n.nspname = $1 AND t.typelem = 0 AND NOT (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) <> 'c')
   AND t.typtype <> 'm' AND NOT EXISTS (SELECT 1 FROM pg_type r WHERE r.typarray = t.oid) ORDER BY 1`;

const UNMODELLED = `SELECT kind, name FROM (
   SELECT 'rule' AS kind, r.rulename || ' on ' || c.relname AS name FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND r.rulename <> '_RETURN'
   UNION ALL SELECT 'statistics object', s.stxname FROM pg_statistic_ext s JOIN pg_namespace n ON n.oid = s.stxnamespace WHERE n.nspname = $1
   UNION ALL SELECT 'collation', o.collname FROM pg_collation o JOIN pg_namespace n ON n.oid = o.collnamespace WHERE n.nspname = $1 AND ${EXT("pg_collation", "o.oid")} IS NULL
   UNION ALL SELECT 'operator', o.oprname || '(' || format_type(o.oprleft, NULL) || ', ' || format_type(o.oprright, NULL) || ')' FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace WHERE n.nspname = $1 AND ${EXT("pg_operator", "o.oid")} IS NULL
   UNION ALL SELECT 'text search configuration', t.cfgname FROM pg_ts_config t JOIN pg_namespace n ON n.oid = t.cfgnamespace WHERE n.nspname = $1 AND ${EXT("pg_ts_config", "t.oid")} IS NULL
   UNION ALL SELECT 'text search dictionary', t.dictname FROM pg_ts_dict t JOIN pg_namespace n ON n.oid = t.dictnamespace WHERE n.nspname = $1 AND ${EXT("pg_ts_dict", "t.oid")} IS NULL
   UNION ALL SELECT 'conversion', c.conname FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace WHERE n.nspname = $1 AND ${EXT("pg_conversion", "c.oid")} IS NULL
 ) x ORDER BY 1, 2`;

/** Reads the objects of `schema` that `external` declarations can name. */
export async function readSchemaObjects(db: Db, schema: string): Promise<SchemaObjects> {
  const relations = (await db.query<RelationRow>(RELATIONS, [schema])).rows;
  const functions = (await db.query<SchemaObjects["functions"][number]>(FUNCTIONS, [schema])).rows;
  const triggers = (await db.query<SchemaObjects["triggers"][number]>((await serverVersion(db)) >= 130000 ? TRIGGERS : TRIGGERS_PRE13, [schema])).rows;
  const policies = (await db.query<SchemaObjects["policies"][number]>(POLICIES, [schema])).rows;
  const types = (await db.query<SchemaObjects["types"][number]>(TYPES, [schema])).rows;
  const extensions = (await db.query<{ extname: string }>("SELECT extname FROM pg_extension ORDER BY 1")).rows.map((r) => r.extname);
  const unmodelled = (await db.query<SchemaObjects["unmodelled"][number]>(UNMODELLED, [schema])).rows;
  return { relations, functions, triggers, policies, types, extensions, unmodelled };
}

/** `server_version_num`, e.g. 150004. */
export async function serverVersion(db: Db): Promise<number> {
  const r = await db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  return Number(r.rows[0].v);
}
