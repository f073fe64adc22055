import type { Type } from "../../core/types.js";
import type { EnumState } from "../model/named-type.js";
import { columnsRead } from "../ir/expr.js";
import { getColumn, namedTypeUsers, primaryKey, type ConstraintState, type IndexState, type SchemaState } from "../model/schema.js";
import { ident, identList, KMIG_SCHEMA, literal, qualified } from "../sql/quote.js";
import { addConstraintSql, createIndexSql, dropConstraintSql, dropIndexSql } from "./constraint-sql.js";

/** How many rows holding a label the refusal names, per column. */
const ROWS_NAMED = 10;

/**
 * The rollback of `add value`: PostgreSQL cannot drop a label from an enum type, so the type is made
 * again without it. First the rows are looked at: if any column of the type holds the label, the
 * rollback stops with a message naming those rows (by primary key) and nothing changes. Otherwise a
 * new type with the old labels is made in kmig's schema, every column of the type moves to it (its
 * default set aside meanwhile: PostgreSQL cannot cast it), the old type is dropped and the new one
 * moved in its place. Checks and partial indexes that read a column of the type hold its labels
 * as constants of the old type (`'void'::order_state`), which PostgreSQL cannot compare with the new
 * one: they are dropped before the move and made again after it. `schema` is the schema when the
 * label was added.
 */
export function removeLabelSql(schema: SchemaState, e: EnumState, label: string): string[] {
  const users = namedTypeUsers(schema, e.name).map((u) => {
    const t = schema.tables.get(u.table);
    const col = t && getColumn(t, u.column);
    return { ...u, key: (t && primaryKey(t)) ?? null, type: col?.type as Type, defaultSql: col?.default?.sql ?? null };
  });
  const temp = qualified(KMIG_SCHEMA, e.name);
  const refusal = refuseWhileUsed(users, e.name, label);
  const moves = users.flatMap((u) => {
    const array = u.type.kind === "array";
    const to = `${temp}${array ? "[]" : ""}`;
    return [
      ...(u.defaultSql ? [`ALTER TABLE ${ident(u.table)} ALTER COLUMN ${ident(u.column)} DROP DEFAULT`] : []),
      `ALTER TABLE ${ident(u.table)} ALTER COLUMN ${ident(u.column)} TYPE ${to} USING ${ident(u.column)}::text${array ? "[]" : ""}::${to}`,
    ];
  });
  const defaults = users.flatMap((u) => (u.defaultSql ? [`ALTER TABLE ${ident(u.table)} ALTER COLUMN ${ident(u.column)} SET DEFAULT ${u.defaultSql}`] : []));
  const readers = predicatesReading(schema, users);
  return [
    ...(refusal ? [refusal] : []),
    `CREATE SCHEMA IF NOT EXISTS ${ident(KMIG_SCHEMA)}`,
    createEnumSql(e.name, e.labels).replace(`CREATE TYPE ${ident(e.name)}`, `CREATE TYPE ${temp}`),
    ...readers.map((r) => (r.kind === "constraint" ? dropConstraintSql(r.table, r.constraint.name) : dropIndexSql(r.index.name))),
    ...moves,
    `DROP TYPE ${ident(e.name)}`,
    `ALTER TYPE ${temp} SET SCHEMA public`,
    ...defaults,
    ...readers.map((r) => (r.kind === "constraint" ? addConstraintSql(r.table, r.constraint) : createIndexSql(r.table, r.index))),
  ];
}

type PredicateReader = { kind: "constraint"; table: string; constraint: ConstraintState } | { kind: "index"; table: string; index: IndexState };

/** The checks, exclusion constraints' and indexes' `where`s that read one of `users`, each once, in the table's order. */
function predicatesReading(schema: SchemaState, users: readonly { table: string; column: string }[]): PredicateReader[] {
  const out: PredicateReader[] = [];
  for (const table of new Set(users.map((u) => u.table))) {
    const t = schema.tables.get(table);
    if (!t) continue;
    const typed = new Set(users.filter((u) => u.table === table).map((u) => u.column));
    const reads = (cols: Iterable<string>) => [...cols].some((c) => typed.has(c));
    for (const c of t.constraints) {
      if ((c.kind === "check" && reads(c.columns)) || (c.kind === "exclude" && c.where && reads(columnsRead(c.where)))) out.push({ kind: "constraint", table, constraint: c });
    }
    for (const i of t.indexes) if (i.where && reads(columnsRead(i.where))) out.push({ kind: "index", table, index: i });
  }
  return out;
}

/** A DO block that raises, naming up to ROWS_NAMED rows per column, when any column holds `label`; null when no column has the type. */
function refuseWhileUsed(users: readonly { table: string; column: string; key: readonly string[] | null; type: Type }[], type: string, label: string): string | null {
  if (users.length === 0) return null;
  const finds = users.map((u) => {
    const holds = u.type.kind === "array" ? `${literal(label)} = ANY(${ident(u.column)}::text[])` : `${ident(u.column)}::text = ${literal(label)}`;
    const rowName = u.key ? `(${identList(u.key)})::text` : "ctid::text";
    const name = `${literal(`${u.table}.${u.column} at `)} || ${u.key && u.key.length === 1 ? `${ident(u.key[0])}::text` : rowName}`;
    return `(SELECT ${name} AS r FROM ${ident(u.table)} WHERE ${holds} LIMIT ${ROWS_NAMED})`;
  });
  const message = `kmig: cannot remove the label ${label.replaceAll("%", "%%")} from ${type.replaceAll("%", "%%")}: rows hold it (%)`;
  return [
    "DO $kmig$ DECLARE held text; BEGIN",
    `  SELECT string_agg(r, ', ') INTO held FROM (${finds.join(" UNION ALL ")}) AS found;`,
    `  IF held IS NOT NULL THEN RAISE EXCEPTION ${literal(message)}, held USING HINT = ${literal("map those rows to another label first, or roll back with the label kept")}; END IF;`,
    "END $kmig$",
  ].join("\n");
}

/** `CREATE TYPE "t" AS ENUM ('a', 'b')`. */
export function createEnumSql(name: string, labels: readonly string[]): string {
  return `CREATE TYPE ${ident(name)} AS ENUM (${labels.map(literal).join(", ")})`;
}
