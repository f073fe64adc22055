import { baseType, sqlType, type Type } from "../../core/types.js";
import type { SchemaState, TableState } from "./schema.js";

/**
 * How Citus spreads a table, as the spec says it (`distributed by (c) [colocate with t]`, `create
 * reference table`). A table whose spec says nothing has no distribution in the model: kmig does
 * not guess it (a live database's is read by runtime/citus/topology.ts), and the Citus checks skip it.
 */
export type TableDistribution =
  | { readonly kind: "distributed"; readonly column: string; readonly colocateWith: string | null }
  | { readonly kind: "reference" };

/** The distribution column of a table the spec says is distributed, else null. */
export function distributionColumn(t: TableState): string | null {
  return t.distribution?.kind === "distributed" ? t.distribution.column : null;
}

/**
 * The colocation group a distributed table falls in, as Citus forms them: with the table it names
 * in `colocate with` (followed to the first that names none), else — Citus's `colocate_with =>
 * 'default'` — with every table distributed by a column of the same type. Null where not known
 * statically (not distributed, or a `colocate with` that leads to a table the spec does not distribute).
 */
export function colocationGroup(s: SchemaState, table: string): string | null {
  const seen = new Set<string>();
  let t = s.tables.get(table);
  while (t && t.distribution?.kind === "distributed" && t.distribution.colocateWith !== null && !seen.has(t.name)) {
    seen.add(t.name);
    t = s.tables.get(t.distribution.colocateWith);
  }
  if (!t || t.distribution?.kind !== "distributed") return null;
  if (seen.has(t.name)) return `table:${t.name}`;
  const col = t.columns.find((c) => c.name === (t!.distribution as { column: string }).column);
  return col ? `type:${columnTypeKey(col.type)}` : null;
}

/** The type of a distribution column as colocation compares it: PostgreSQL's type, without modifiers (`varchar(50)` is `varchar`) or domain. */
export function columnTypeKey(type: Type): string {
  return sqlType(baseType(type)).replace(/\([^)]*\)/g, "");
}
