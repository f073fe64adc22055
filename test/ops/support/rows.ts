import fc from "fast-check";
import type { Queryable } from "./catalog.js";
import { isNullable, sqlType } from "../../../core/types.js";
import { insertableColumns, type ColumnState, type SchemaState, type TableState } from "../../../compiler/model/schema.js";
import { valueArb } from "./values.js";

/** One generated row: column name → value as the `pg` driver sends it. */
export type Row = Record<string, unknown>;

/** Rows for every table of a schema, by table name. */
export type TableRows = Record<string, Row[]>;

/** Per-column value arbitraries that replace the generic ones: `{ "tasks.status": fc.constantFrom(…) }`. */
export type ValueOverrides = Record<string, fc.Arbitrary<unknown>>;

/** A reference to a parent row, resolved at insert time: the n-th parent row (mod the parent's size). */
interface ParentPick {
  readonly pick: number;
}

function isPick(v: unknown): v is ParentPick {
  return typeof v === "object" && v !== null && "pick" in v && Object.keys(v).length === 1;
}

/** Columns a sequence numbers (serial, identity): inserts leave them to it, as an application does. */
function numberedColumns(t: TableState): ColumnState[] {
  return t.columns.filter((c) => c.identity !== null || c.default?.sequence != null);
}

/** The columns generated rows give values for: not those PostgreSQL computes or numbers. */
function givenColumns(t: TableState): ColumnState[] {
  const numbered = numberedColumns(t);
  return insertableColumns(t).filter((c) => !numbered.includes(c));
}

/** Rows of one table: keys and unique columns never collide; foreign keys point at parent rows. */
function tableRowsArb(t: TableState, overrides: ValueOverrides, maxRows: number, types: SchemaState["types"]): fc.Arbitrary<Row[]> {
  const fkColumns = new Set(t.constraints.flatMap((c) => (c.kind === "foreignKey" && c.refTable !== t.name ? c.columns : [])));
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const c of givenColumns(t)) {
    const given = overrides[`${t.name}.${c.name}`];
    const labels = c.type.kind === "enum" ? types.get(c.type.name) : undefined;
    const ofType = labels?.kind === "enum" ? fc.constantFrom(...labels.labels) : valueArb(c.type);
    const base: fc.Arbitrary<unknown> = given ?? (fkColumns.has(c.name) ? fc.nat().map((pick): ParentPick => ({ pick })) : ofType);
    record[c.name] = !given && isNullable(c.type) ? fc.option(base, { nil: null, freq: 4 }) : base;
  }
  // A key on a numbered column is unique by its sequence.
  const numbered = new Set(numberedColumns(t).map((c) => c.name));
  const keys = t.constraints.filter((c) => (c.kind === "primaryKey" || c.kind === "unique") && !c.columns.some((k) => numbered.has(k))).map((c) => c.columns);
  const same = (a: Row, b: Row, cols: readonly string[]) => cols.every((k) => a[k] !== null && !isPick(a[k]) && String(a[k]) === String(b[k]));
  return fc.uniqueArray(fc.record(record), { minLength: 1, maxLength: maxRows, comparator: (a, b) => keys.some((cols) => same(a, b, cols)) });
}

/** Tables ordered so that every referenced table comes before the tables that reference it. */
export function insertOrder(schema: SchemaState): TableState[] {
  const out: TableState[] = [];
  const visit = (t: TableState, path: Set<string>) => {
    if (out.includes(t) || path.has(t.name)) return;
    path.add(t.name);
    for (const c of t.constraints) {
      const parent = c.kind === "foreignKey" ? schema.tables.get(c.refTable) : undefined;
      if (parent) visit(parent, path);
    }
    out.push(t);
  };
  for (const t of [...schema.tables.values()].sort((a, b) => a.name.localeCompare(b.name))) visit(t, new Set());
  return out;
}

/** Generated rows for every table of the schema (tables with an override of `[]` rows stay empty). */
export function schemaRowsArb(schema: SchemaState, overrides: ValueOverrides = {}, maxRows = 8): fc.Arbitrary<TableRows> {
  const record: Record<string, fc.Arbitrary<Row[]>> = {};
  for (const t of schema.tables.values()) record[t.name] = tableRowsArb(t, overrides, maxRows, schema.types);
  return fc.record(record);
}

/**
 * Inserts the rows with parameters (no value is spliced into SQL), parents first, resolving each
 * foreign-key pick to a parent row's key. A row whose foreign key would collide with a unique
 * constraint is still inserted as generated: the cases keep such columns free of constraints.
 */
export async function insertRows(c: Queryable, schema: SchemaState, rows: TableRows): Promise<void> {
  const inserted = new Map<string, Row[]>();
  for (const t of insertOrder(schema)) {
    const done: Row[] = [];
    for (const generated of rows[t.name] ?? []) {
      const row = { ...generated };
      for (const fk of t.constraints) {
        if (fk.kind !== "foreignKey" || fk.refTable === t.name) continue;
        const parents = inserted.get(fk.refTable) ?? [];
        const pick = row[fk.columns[0]];
        if (!isPick(pick)) continue;
        const parent = parents.length > 0 ? parents[pick.pick % parents.length] : null;
        fk.columns.forEach((col, i) => (row[col] = parent ? parent[fk.refColumns[i]] : null));
      }
      const columns = givenColumns(t);
      const cols = columns.map((col) => col.name);
      const params = cols.map((col) => row[col]);
      const values = columns.map((col, i) => `$${i + 1}::${sqlType(col.type)}`);
      // The numbers the sequences gave, as text (as the driver sends values): foreign keys may point at them.
      const numbered = numberedColumns(t).map((col) => `${q(col.name)}::text AS ${q(col.name)}`);
      const insert = cols.length > 0 ? `(${cols.map(q).join(", ")}) VALUES (${values.join(", ")})` : "DEFAULT VALUES";
      const r = await c.query(`INSERT INTO ${q(t.name)} ${insert}${numbered.length > 0 ? ` RETURNING ${numbered.join(", ")}` : ""}`, params);
      done.push({ ...row, ...(r.rows[0] ?? {}) });
    }
    inserted.set(t.name, done);
  }
}

function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
