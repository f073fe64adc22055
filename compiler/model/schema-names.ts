import { PersistentMap } from "./persistent-map.js";
import { indexBacked, type TableState } from "./schema.js";

/**
 * The schema-wide lookups the checks need — is a name taken, which table holds an index, which
 * tables reference a table — kept up to date table by table as the schema changes, so that no
 * operation scans every table (that made checking a chain quadratic in its number of tables).
 * Derived data: always what a scan of the tables would find.
 */
export interface SchemaNames {
  /** Relation names — tables, indexes, and the primary key, unique and exclusion constraints (each backed by an index) — with how many hold each: PostgreSQL keeps them in one namespace. */
  readonly relations: PersistentMap<number>;
  /** Constraint names with how many tables use each: PostgreSQL numbers a derived name past all of them. */
  readonly constraints: PersistentMap<number>;
  /** Index name → the tables with an index of that name (one: the checks keep relation names unique), with how many each. */
  readonly indexTables: Holders;
  /** Table → the tables with foreign keys to it (itself included), with how many keys each. */
  readonly referencedBy: Holders;
}

/** Name → the tables that hold it, with how many times each. */
export type Holders = PersistentMap<PersistentMap<number>>;

export const NO_NAMES: SchemaNames = {
  relations: PersistentMap.empty(),
  constraints: PersistentMap.empty(),
  indexTables: PersistentMap.empty(),
  referencedBy: PersistentMap.empty(),
};

/** `names` with the table `before` replaced by `after` (undefined: no table). Costs the size of those two tables, not of the schema. */
export function replaceTableNames(names: SchemaNames, before: TableState | undefined, after: TableState | undefined): SchemaNames {
  const same = <K extends keyof TableState>(...keys: K[]) => before !== undefined && after !== undefined && keys.every((k) => before[k] === after[k]);
  // Most steps change one part of one table: skip the lookups the unchanged parts feed.
  const relations = same("name", "indexes", "constraints") ? names.relations : applyCounts(names.relations, countDelta(relationsOf(before), relationsOf(after)));
  const constraints = same("constraints") ? names.constraints : applyCounts(names.constraints, countDelta(constraintsOf(before), constraintsOf(after)));
  const indexTables = same("name", "indexes") ? names.indexTables : replaceHolders(names.indexTables, before, after, indexesOf);
  const referencedBy = same("name", "constraints") ? names.referencedBy : replaceHolders(names.referencedBy, before, after, referencedOf);
  return { relations, constraints, indexTables, referencedBy };
}

function relationsOf(t: TableState | undefined): string[] {
  if (!t) return [];
  const keys = t.constraints.filter(indexBacked).map((c) => c.name);
  return [t.name, ...t.indexes.map((i) => i.name), ...keys];
}

const constraintsOf = (t: TableState | undefined): string[] => (t ? t.constraints.map((c) => c.name) : []);

const indexesOf = (t: TableState | undefined): string[] => (t ? t.indexes.map((i) => i.name) : []);

/** Referenced tables, once per foreign key. */
const referencedOf = (t: TableState | undefined): string[] => (t ? t.constraints.flatMap((c) => (c.kind === "foreignKey" ? [c.refTable] : [])) : []);

/** How the count of each name changes from `before` to `after` (zeros left out). */
function countDelta(before: readonly string[], after: readonly string[]): Map<string, number> {
  const delta = new Map<string, number>();
  for (const n of before) delta.set(n, (delta.get(n) ?? 0) - 1);
  for (const n of after) delta.set(n, (delta.get(n) ?? 0) + 1);
  for (const [n, d] of delta) if (d === 0) delta.delete(n);
  return delta;
}

function applyCounts(counts: PersistentMap<number>, delta: ReadonlyMap<string, number>): PersistentMap<number> {
  let out = counts;
  for (const [name, d] of delta) {
    const n = (out.get(name) ?? 0) + d;
    out = n > 0 ? out.with(name, n) : out.without(name);
  }
  return out;
}

/** `holders` with the names `namesOf(before)` held by `before` replaced by those of `after`. */
function replaceHolders(holders: Holders, before: TableState | undefined, after: TableState | undefined, namesOf: (t: TableState | undefined) => string[]): Holders {
  // Only the names that come or go are looked up: a table may have thousands.
  if (before && after && before.name === after.name) return addHolder(holders, after.name, countDelta(namesOf(before), namesOf(after)));
  const dropped = before ? addHolder(holders, before.name, countDelta(namesOf(before), [])) : holders;
  return after ? addHolder(dropped, after.name, countDelta([], namesOf(after))) : dropped;
}

/** Counts `delta[name]` more of each name as held by `holder`. */
function addHolder(holders: Holders, holder: string, delta: ReadonlyMap<string, number>): Holders {
  let out = holders;
  for (const [name, d] of delta) {
    const counts = applyCounts(out.get(name) ?? PersistentMap.empty(), new Map([[holder, d]]));
    out = counts.size > 0 ? out.with(name, counts) : out.without(name);
  }
  return out;
}
