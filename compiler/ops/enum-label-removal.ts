import type { Type } from "../../core/types.js";
import type { EnumState } from "../model/named-type.js";
import { getColumn, namedTypeUsers, primaryKey, type SchemaState } from "../model/schema.js";
import { ident, identList, KMIG_SCHEMA, literal, qualified } from "../sql/quote.js";

/** How many rows holding a label the refusal names, per column. */
const ROWS_NAMED = 10;

/**
 * The rollback of `add value`: PostgreSQL cannot drop a label from an enum type, so the type is made
 * again without it. First the rows are looked at: if any column of the type holds the label, the
 * rollback stops with a message naming those rows (by primary key) and nothing changes. Otherwise a
 * new type with the old labels is made in kmig's schema, every column of the type moves to it (its
 * default set aside meanwhile: PostgreSQL cannot cast it), the old type is dropped and the new one
 * moved in its place. `schema` is the schema when the label was added.
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
  return [
    ...(refusal ? [refusal] : []),
    `CREATE SCHEMA IF NOT EXISTS ${ident(KMIG_SCHEMA)}`,
    createEnumSql(e.name, e.labels).replace(`CREATE TYPE ${ident(e.name)}`, `CREATE TYPE ${temp}`),
    ...moves,
    `DROP TYPE ${ident(e.name)}`,
    `ALTER TYPE ${temp} SET SCHEMA public`,
    ...defaults,
  ];
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
