import type { Span } from "../../grammar/ast.js";
import type { IrExpr } from "../ir/expr.js";
import { volatilityOf } from "../expr/volatility.js";
import type { SchemaState, TableState } from "../model/schema.js";
import { colocationGroup, distributionColumn } from "../model/distribution.js";
import { report, type MigrationContext } from "../migration/context.js";

/**
 * What Citus refuses, found before apply: each check applies where the spec says how the tables
 * are spread (`distributed by`, `create reference table`). A table the spec says nothing about may
 * be anything on a live database; `kmig plan` tries the statements there (runtime/impact/try-statements.ts).
 */

/** K4130: a primary key, unique constraint or unique index of a distributed table must include its distribution column. Returns whether refused. */
export function refusedUniqueKey(cx: MigrationContext, t: TableState, columns: readonly string[], what: string, span: Span): boolean {
  const col = distributionColumn(t);
  if (col === null || columns.includes(col)) return false;
  report(cx, "K4130", span, `${what} on \`${t.name}\` does not include its distribution column \`${col}\`: Citus cannot enforce it across shards`, {
    label: "no distribution column",
    help: `add \`${col}\` to its columns (\`(${[col, ...columns].join(", ")})\`), or make \`${t.name}\` a reference table`,
  });
  return true;
}

/**
 * K4131: a foreign key Citus refuses — from a reference table to a distributed one, or between
 * distributed tables that are not colocated or whose key does not pair the two distribution
 * columns. Distributed → reference and reference → reference are fine. Returns whether refused.
 */
export function refusedForeignKey(cx: MigrationContext, s: SchemaState, table: string, columns: readonly string[], refTable: string, refColumns: readonly string[], span: Span): boolean {
  const from = s.tables.get(table)?.distribution;
  const to = s.tables.get(refTable)?.distribution;
  if (!from || !to || to.kind === "reference") return false;
  if (from.kind === "reference") {
    report(cx, "K4131", span, `a foreign key from the reference table \`${table}\` to the distributed table \`${refTable}\`: Citus does not support it`, {
      label: "reference → distributed",
      help: `make \`${refTable}\` a reference table too, or drop the foreign key`,
    });
    return true;
  }
  const toColumn = (to as { column: string }).column;
  const g1 = colocationGroup(s, table);
  const g2 = colocationGroup(s, refTable);
  if (g1 === null || g2 === null || g1 !== g2) {
    report(cx, "K4131", span, `a foreign key between the distributed tables \`${table}\` and \`${refTable}\`, which are not colocated: Citus does not support it`, {
      label: "not colocated",
      help: `distribute \`${table}\` with \`colocate with ${refTable}\` (by a column of the type of \`${refTable}.${toColumn}\`), or make \`${refTable}\` a reference table`,
    });
    return true;
  }
  const i = columns.indexOf(from.column);
  if (i < 0 || refColumns[i] !== toColumn) {
    report(cx, "K4131", span, `a foreign key between the distributed tables \`${table}\` and \`${refTable}\` that does not pair their distribution columns (\`${from.column}\` → \`${toColumn}\`): Citus does not support it`, {
      label: "distribution columns not paired",
      help: `include \`${from.column}\` in the key, referencing \`${toColumn}\``,
    });
    return true;
  }
  return false;
}

/** K4132: the distribution column of a distributed table cannot be retyped nor dropped. Returns whether refused. */
export function refusedDistributionColumnChange(cx: MigrationContext, t: TableState, column: string, change: "retyped" | "dropped", span: Span): boolean {
  if (distributionColumn(t) !== column) return false;
  report(cx, "K4132", span, `\`${t.name}.${column}\` is the table's distribution column: Citus does not let it be ${change}`, {
    label: `distribution column ${change}`,
    help: change === "retyped"
      ? "add a column of the new type, fill it, and redistribute the table by it (`alter_distributed_table` in SQL), then drop the old one"
      : "redistribute the table by another column first (`alter_distributed_table` in SQL), or drop the table",
  });
  return true;
}

/**
 * K4133: a mapping of a distributed or reference table that calls a volatile function
 * (`gen_random_uuid()`, `random()`): Citus refuses VOLATILE functions in an UPDATE of such a table
 * (every shard, every replica, would get another value). Stable ones (`now()`) are fine: kmig reads
 * them from the run's start time. Reports each such mapping.
 */
export function refusedVolatileMappings(cx: MigrationContext, t: TableState, mappings: readonly { readonly target: string; readonly value: IrExpr; readonly span: Span }[]): void {
  if (!t.distribution) return;
  for (const m of mappings) {
    if (volatilityOf(m.value) !== "volatile") continue;
    report(cx, "K4133", m.span, `the mapping of \`${t.name}.${m.target}\` calls a volatile function, which Citus refuses in an UPDATE of a ${t.distribution.kind} table`, {
      label: "volatile",
      help: "give the new column the function as its default (`add c uuid default gen_random_uuid()`): PostgreSQL fills the existing rows when it adds the column",
    });
  }
}
