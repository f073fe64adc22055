import { checkNameColumns, chooseName } from "../model/naming.js";
import { allConstraintNames, indexBacked as backedByIndex, relationNames, type ConstraintState, type SchemaState } from "../model/schema.js";

/**
 * The name PostgreSQL gives an unnamed constraint of `table`: `<table>_<columns>_<label>`, numbered
 * past the names in use — constraint names anywhere in the schema and, for the index-backed primary
 * key and unique constraints, relation names too — and past `chosen`, the names the same statement took.
 */
export function deriveConstraintName(s: SchemaState, table: string, c: ConstraintState, chosen: ReadonlySet<string> = new Set()): string {
  const constraints = allConstraintNames(s);
  const indexBacked = backedByIndex(c);
  const relations = relationNames(s);
  const taken = (n: string) => chosen.has(n) || constraints.has(n) || (indexBacked && relations.has(n));
  switch (c.kind) {
    case "primaryKey":
      return chooseName(table, [], "pkey", taken);
    case "unique":
      // An index's name reads its `include` columns too (PostgreSQL 11+).
      return chooseName(table, [...c.columns, ...(c.include ?? [])], "key", taken);
    case "foreignKey":
      return chooseName(table, c.columns, "fkey", taken);
    case "check":
      return chooseName(table, checkNameColumns(c.columns), "check", taken);
    case "exclude":
      return chooseName(table, [...c.elements.map((e) => e.name), ...(c.include ?? [])], "excl", taken);
  }
}

/** The name of an unnamed index: `<table>_<columns>_idx`, numbered past relation names only (as CREATE INDEX does). */
export function deriveIndexName(s: SchemaState, table: string, columns: readonly string[], chosen: ReadonlySet<string> = new Set()): string {
  const relations = relationNames(s);
  return chooseName(table, columns, "idx", (n) => chosen.has(n) || relations.has(n));
}
