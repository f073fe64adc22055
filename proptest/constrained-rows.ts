import fc from "fast-check";
import { checkPredicate } from "./check-functions.js";
import { insertableColumns, primaryKey, type ColumnState, type ConstraintState, type SchemaState, type TableState } from "../compiler/model/schema.js";
import { isNullable, NULL_TYPE } from "../core/types.js";
import { columnLimits } from "./check-limits.js";
import { valueArb, type Hints } from "./row-arbitrary.js";

/** Generated rows of several tables, by table name, parents before the tables that reference them. */
export type TableRows = Readonly<Record<string, readonly Record<string, unknown>[]>>;

type Row = Record<string, unknown>;
type Fk = ConstraintState & { kind: "foreignKey" };

/**
 * Rows for `tables` (and every table they reference, so that foreign keys have parents) that meet
 * the schema's own constraints: NOT NULL and types, length limits, values within what simple checks
 * say (check-limits.ts), every check evaluated on the row, primary keys and unique columns without
 * repeats, and each foreign key pointing at a generated parent row (or NULL where it may be). A
 * candidate row that cannot be made to fit is left out; PostgreSQL has the last word when the rows
 * are inserted (insert-rows.ts).
 */
export function tablesArb(schema: SchemaState, tables: readonly string[], hints: Hints, maxRows: number): fc.Arbitrary<TableRows> {
  const order = parentsFirst(schema, tables);
  const candidates = Object.fromEntries(order.map((t) => [t.name, fc.array(rowArb(t, hints), { minLength: 1, maxLength: maxRows })]));
  return fc.record(candidates, { noNullPrototype: true }).map((c) => {
    const done = new Map<string, Row[]>();
    for (const t of order) done.set(t.name, fitRows(t, c[t.name] as Row[], done));
    return Object.fromEntries(done) as TableRows;
  });
}

/** `tables` and the tables their foreign keys reach, each after the tables it references (a cycle is cut where it closes). */
export function parentsFirst(schema: SchemaState, tables: readonly string[]): TableState[] {
  const out: TableState[] = [];
  const seen = new Set<string>();
  const visit = (name: string) => {
    const t = schema.tables.get(name);
    if (!t || seen.has(name)) return;
    seen.add(name);
    for (const c of t.constraints) if (c.kind === "foreignKey") visit(c.refTable);
    out.push(t);
  };
  tables.forEach(visit);
  return out;
}

/** Values a serial's or identity's sequence hands out: from 1 up to its type's maximum (bigint as text). */
function numbered(c: ColumnState): fc.Arbitrary<unknown> | null {
  if (c.identity === null && c.default?.sequence == null) return null;
  if (c.type.kind === "scalar" && c.type.name === "bigint") return fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }).map(String);
  return fc.integer({ min: 1, max: c.type.kind === "scalar" && c.type.name === "smallint" ? 32767 : 2147483647 });
}

/** One candidate row: each insertable column from its type and its checks' limits. Generated columns are PostgreSQL's to compute. */
function rowArb(t: TableState, hints: Hints): fc.Arbitrary<Row> {
  const limits = columnLimits(t);
  const columns = insertableColumns(t).map((c) => [c.name, numbered(c) ?? valueArb(c.type, hints, limits.get(c.name))] as const);
  return fc.record(Object.fromEntries(columns), { noNullPrototype: true }) as fc.Arbitrary<Row>;
}

/** The candidates that fit, in order: foreign keys linked to parents, checks true or NULL, no repeated key. */
function fitRows(t: TableState, candidates: readonly Row[], done: ReadonlyMap<string, readonly Row[]>): Row[] {
  const checks = t.constraints.flatMap((c) => (c.kind === "check" && c.expr ? [checkPredicate(c.expr)] : []));
  const keys = uniqueKeys(t);
  const seen = keys.map(() => new Set<string>());
  const kept: Row[] = [];
  for (const candidate of candidates) {
    const row = { ...candidate };
    if (!linkForeignKeys(t, row, done, kept)) continue;
    if (!checks.every((holds) => holds(row))) continue;
    const values = keys.map((cols) => (cols.some((c) => row[c] === undefined || row[c] === null) ? null : JSON.stringify(cols.map((c) => row[c]))));
    if (values.some((v, i) => v !== null && seen[i].has(v))) continue;
    values.forEach((v, i) => v !== null && seen[i].add(v));
    kept.push(row);
  }
  return kept;
}

/** The column lists no two rows may share: the primary key, unique constraints, unique indexes without a predicate. */
function uniqueKeys(t: TableState): (readonly string[])[] {
  const keys: (readonly string[])[] = [];
  const pk = primaryKey(t);
  if (pk) keys.push(pk);
  for (const c of t.constraints) if (c.kind === "unique") keys.push(c.columns);
  for (const i of t.indexes) if (i.unique && i.whereSql === null) keys.push(i.columns.map((c) => c.name));
  return keys;
}


/**
 * Points each foreign key of `row` at a parent row: one of the parent table's generated rows,
 * chosen by the values generated for the key (so that shrinking them changes the choice). A key
 * with a NULL stays unchecked, as in SQL; with no parent at all, its nullable columns become NULL,
 * else the row cannot be kept (false).
 */
function linkForeignKeys(t: TableState, row: Row, done: ReadonlyMap<string, readonly Row[]>, kept: readonly Row[]): boolean {
  for (const fk of t.constraints.filter((c): c is Fk => c.kind === "foreignKey")) {
    const values = fk.columns.map((c) => row[c]);
    if (values.some((v) => v === undefined)) continue;
    const parents = (fk.refTable === t.name ? [...kept, row] : (done.get(fk.refTable) ?? [])).filter((p) => fk.refColumns.every((c) => p[c] !== undefined));
    if (parents.length === 0) {
      const nullable = fk.columns.filter((c) => isNullable(t.columns.find((col) => col.name === c)?.type ?? NULL_TYPE));
      if (nullable.length === 0) return false;
      for (const c of nullable) row[c] = undefined;
      continue;
    }
    const parent = parents[hash(JSON.stringify(values)) % parents.length];
    fk.columns.forEach((c, i) => (row[c] = parent[fk.refColumns[i]]));
  }
  return true;
}

/** FNV-1a: a small stable hash of a text. */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}
