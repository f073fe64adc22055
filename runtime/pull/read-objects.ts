import type { Db } from "../db/connection.js";
import { textArray } from "../db/text-array.js";

/** A sequence with its options and owner (serial and identity sequences too). */
export interface PulledSequence {
  readonly name: string;
  readonly type: string;
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  readonly owner: { readonly table: string; readonly column: string } | null;
  readonly identity: boolean;
}

export interface PulledEnum {
  readonly name: string;
  readonly labels: readonly string[];
}

export interface PulledDomain {
  readonly name: string;
  readonly baseType: string;
  readonly notNull: boolean;
  readonly default: string | null;
  /** `pg_get_constraintdef` of each check: `CHECK (VALUE >= 1901 AND VALUE <= 2155)`. */
  readonly checks: readonly { readonly name: string; readonly def: string }[];
}

/** A view or materialized view, with the columns of each relation it reads. */
export interface PulledView {
  readonly name: string;
  readonly materialized: boolean;
  readonly reads: readonly { readonly table: string; readonly columns: readonly string[] }[];
}

const SEQUENCES = `SELECT c.relname AS name, format_type(s.seqtypid, NULL) AS type, s.seqstart::text AS start, s.seqincrement::text AS increment,
   s.seqmin::text AS min, s.seqmax::text AS max, s.seqcache::text AS cache, s.seqcycle AS cycle,
   t.relname AS "ownerTable", a.attname AS "ownerColumn", (d.deptype = 'i') AS identity
 FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 LEFT JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
 LEFT JOIN pg_class t ON t.oid = d.refobjid LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
 WHERE n.nspname = $1 AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid AND e.deptype = 'e')
 ORDER BY c.relname`;

const ENUMS = `SELECT t.typname AS name, ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS labels
 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 AND t.typtype = 'e'
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e') ORDER BY 1`;

const DOMAINS = `SELECT t.typname AS name, format_type(t.typbasetype, t.typtypmod) AS "baseType", t.typnotnull AS "notNull", t.typdefault AS "default",
   ARRAY(SELECT c.conname::text FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname)::text[] AS "checkNames",
   ARRAY(SELECT pg_get_constraintdef(c.oid) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c' ORDER BY c.conname)::text[] AS "checkDefs"
 FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = $1 AND t.typtype = 'd'
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid AND e.deptype = 'e') ORDER BY 1`;

// A view's rewrite rule depends on each column it reads (refobjsubid), or on a whole relation (0).
const VIEW_READS = `SELECT v.relname AS name, (v.relkind = 'm') AS materialized, t.relname AS "table", a.attname AS "column"
 FROM pg_class v JOIN pg_namespace n ON n.oid = v.relnamespace
 LEFT JOIN pg_rewrite r ON r.ev_class = v.oid
 LEFT JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = r.oid AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> v.oid AND d.deptype = 'n'
 LEFT JOIN pg_class t ON t.oid = d.refobjid AND t.relnamespace = v.relnamespace
 LEFT JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND d.refobjsubid > 0
 WHERE n.nspname = $1 AND v.relkind IN ('v', 'm')
   AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = v.oid AND e.deptype = 'e')
 ORDER BY 1, 3, 4`;

const arr = textArray;
const bool = (v: unknown) => v === true || v === "t" || v === "true";

export async function readSequences(db: Db, schema: string): Promise<PulledSequence[]> {
  const rows = (await db.query<Record<string, unknown>>(SEQUENCES, [schema])).rows;
  return rows.map((r) => ({
    name: r.name as string,
    type: r.type as string,
    start: r.start as string,
    increment: r.increment as string,
    min: r.min as string,
    max: r.max as string,
    cache: r.cache as string,
    cycle: bool(r.cycle),
    owner: r.ownerTable ? { table: r.ownerTable as string, column: r.ownerColumn as string } : null,
    identity: bool(r.identity),
  }));
}

export async function readEnums(db: Db, schema: string): Promise<PulledEnum[]> {
  return (await db.query<Record<string, unknown>>(ENUMS, [schema])).rows.map((r) => ({ name: r.name as string, labels: arr(r.labels) }));
}

export async function readDomains(db: Db, schema: string): Promise<PulledDomain[]> {
  return (await db.query<Record<string, unknown>>(DOMAINS, [schema])).rows.map((r) => {
    const defs = arr(r.checkDefs);
    return { name: r.name as string, baseType: r.baseType as string, notNull: bool(r.notNull), default: (r.default as string | null) ?? null, checks: arr(r.checkNames).map((name, i) => ({ name, def: defs[i] })) };
  });
}

/** Views and materialized views, each with what it reads (only relations of the same schema; whole-relation reads have no columns). */
export async function readViews(db: Db, schema: string): Promise<PulledView[]> {
  const views = new Map<string, { materialized: boolean; reads: Map<string, Set<string>> }>();
  for (const r of (await db.query<Record<string, unknown>>(VIEW_READS, [schema])).rows) {
    const v = views.get(r.name as string) ?? { materialized: bool(r.materialized), reads: new Map() };
    views.set(r.name as string, v);
    if (r.table) {
      const cols = v.reads.get(r.table as string) ?? new Set<string>();
      if (r.column) cols.add(r.column as string);
      v.reads.set(r.table as string, cols);
    }
  }
  return [...views].map(([name, v]) => ({ name, materialized: v.materialized, reads: [...v.reads].map(([table, cols]) => ({ table, columns: [...cols] })) }));
}
