import type { Ident, Span } from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { sameBase, showType, type Type } from "../../core/types.js";
import { getColumn, primaryKey } from "../model/schema.js";
import { report, type MigrationContext } from "../migration/context.js";

/**
 * Checks a foreign key's target: the table exists, the referenced columns (default: its primary
 * key) are its primary key or a unique key, and their types match the referencing columns.
 * Returns the referenced column names, or null after reporting.
 */
export function resolveForeignKey(
  cx: MigrationContext,
  table: string,
  columns: readonly { name: string; type: Type; span: Span }[],
  refTable: Ident,
  refColumns: readonly Ident[] | null,
  span: Span,
): string[] | null {
  const target = cx.schema.tables.get(refTable.name);
  if (!target) {
    if (refTable.name === table) return refColumns ? refColumns.map((c) => c.name) : columns.map((c) => c.name);
    // A table declared external: kmig does not know its columns, and trusts the ones named.
    if (cx.schema.externals.some((e) => e.name === refTable.name && (e.kind === "table" || e.kind === "foreign table"))) {
      if (refColumns && refColumns.length === columns.length) return refColumns.map((c) => c.name);
      report(cx, "K3009", refTable.span, `\`${refTable.name}\` is declared external: name the ${columns.length === 1 ? "column" : `${columns.length} columns`} its foreign key references`, { help: `write \`references ${refTable.name} (column)\`` });
      return null;
    }
    report(cx, "K2001", refTable.span, `table \`${refTable.name}\` does not exist`, { help: didYouMean(refTable.name, cx.schema.tables.keys()), label: "referenced here" });
    return null;
  }
  const names = refColumns ? refColumns.map((c) => c.name) : [...(primaryKey(target) ?? [])];
  if (names.length === 0) {
    report(cx, "K2002", refTable.span, `table \`${refTable.name}\` has no primary key to reference`, { help: "name the referenced column: references t (column)" });
    return null;
  }
  if (names.length !== columns.length) {
    report(cx, "K3009", span, `${columns.length} column(s) cannot reference ${names.length} column(s) of \`${refTable.name}\``);
    return null;
  }
  for (let i = 0; i < names.length; i++) {
    const col = getColumn(target, names[i]);
    const at = refColumns ? refColumns[i].span : refTable.span;
    if (!col) {
      report(cx, "K2002", at, `column \`${names[i]}\` does not exist on table \`${refTable.name}\``, { help: didYouMean(names[i], target.columns.map((c) => c.name)) });
      return null;
    }
    if (!sameBase(col.type, columns[i].type)) {
      report(cx, "K3009", columns[i].span, `\`${table}.${columns[i].name}\` is ${showType(columns[i].type)} but references \`${refTable.name}.${col.name}\` of type ${showType(col.type)}`, { help: `make both ${showType({ ...col.type, nullable: false } as Type)}` });
      return null;
    }
  }
  const keys = target.constraints.filter((c) => (c.kind === "primaryKey" || c.kind === "unique") && c.columns.join() === names.join());
  if (keys.length > 0 && keys.every((c) => "deferrable" in c && c.deferrable)) {
    report(cx, "K3009", span, `\`${refTable.name} (${names.join(", ")})\` is unique only through a deferrable constraint (${keys.map((c) => c.name).join(", ")})`, { help: "PostgreSQL cannot use a deferrable unique constraint for a foreign key: make it `not deferrable`" });
    return null;
  }
  const keyed = keys.length > 0;
  if (!keyed) {
    report(cx, "K3009", span, `\`${refTable.name} (${names.join(", ")})\` is neither its primary key nor unique`, { help: "PostgreSQL requires a foreign key to reference a primary key or unique columns" });
    return null;
  }
  return names;
}
