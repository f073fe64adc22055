import type * as A from "../../grammar/ast.js";
import { ident, literal } from "../sql/quote.js";
import { addSqlStep, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import type { ColumnState, SchemaState } from "../model/schema.js";
import { columnTypeKey, type TableDistribution } from "../model/distribution.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";

/**
 * `create table t distributed by (c) [colocate with u]` / `create reference table t`: the
 * distribution the model records, checked against the new table's columns and the table it is
 * colocated with; null (reported) when it cannot be made.
 */
export function checkDistribution(cx: MigrationContext, table: string, d: A.Distribution, columns: readonly ColumnState[]): TableDistribution | null {
  if (d.kind === "ReferenceTable") return { kind: "reference" };
  const col = columns.find((c) => c.name === d.column.name);
  if (!col) {
    report(cx, "K2002", d.column.span, `table \`${table}\` has no column \`${d.column.name}\` to be distributed by`, { help: didYouMean(d.column.name, columns.map((c) => c.name)) });
    return null;
  }
  if (d.colocateWith && !colocatable(cx, cx.schema, table, col, d.colocateWith)) return null;
  return { kind: "distributed", column: col.name, colocateWith: d.colocateWith?.name ?? null };
}

/** K4134: `colocate with u` needs `u` distributed (by the spec) by a column of the same type. */
function colocatable(cx: MigrationContext, s: SchemaState, table: string, col: ColumnState, other: A.Ident): boolean {
  const u = s.tables.get(other.name);
  if (!u) {
    report(cx, "K2001", other.span, `table \`${other.name}\` does not exist`, { help: didYouMean(other.name, s.tables.keys()) });
    return false;
  }
  const ud = u.distribution;
  if (ud?.kind !== "distributed") {
    report(cx, "K4134", other.span, `\`${table}\` cannot be colocated with \`${other.name}\`: the spec does not say \`${other.name}\` is distributed`, {
      label: ud?.kind === "reference" ? "a reference table" : "not distributed",
      help: ud?.kind === "reference" ? "a reference table is on every node already: drop `colocate with`" : `say how \`${other.name}\` is distributed (\`distributed by (…)\` where it is created)`,
    });
    return false;
  }
  const theirs = u.columns.find((c) => c.name === ud.column);
  if (theirs && columnTypeKey(theirs.type) !== columnTypeKey(col.type)) {
    report(cx, "K4134", other.span, `\`${table}\` cannot be colocated with \`${other.name}\`: their distribution columns differ in type (${columnTypeKey(col.type)} and ${columnTypeKey(theirs.type)})`, {
      label: "another type",
      help: `distribute \`${table}\` by a column of the type of \`${other.name}.${ud.column}\``,
    });
    return false;
  }
  return true;
}

/**
 * The step after `create table` that hands the table to Citus. Rollback has nothing of its own to
 * undo: the table's own rollback drops it, distributed or not. Without Citus the function does not
 * exist: apply refuses such a plan up front (K9630), `kmig test` skips the step (docs/language.md §5.11).
 */
export function distributeStep(cx: MigrationContext, span: A.Span, table: string, d: TableDistribution, hasForeignKeys: boolean): void {
  // Citus creates a distributed table's shards over several connections per node, which it may not
  // do in a transaction block for a table with a foreign key ("cannot execute parallel DDL … after
  // DDL command on reference table"): one connection per node then. The table is empty: it costs little.
  const sequential = d.kind === "distributed" && hasForeignKeys ? ["SET LOCAL citus.multi_shard_modify_mode TO 'sequential'"] : [];
  const call =
    d.kind === "reference"
      ? `SELECT create_reference_table(${literal(ident(table))})`
      : `SELECT create_distributed_table(${literal(ident(table))}, ${literal(d.column)}${d.colocateWith ? `, colocate_with => ${literal(ident(d.colocateWith))}` : ""})`;
  addSqlStep(cx, span, {
    change: { op: "distribute-table", table, kind: d.kind, column: d.kind === "distributed" ? d.column : null, colocateWith: d.kind === "distributed" ? d.colocateWith : null },
    summary: d.kind === "reference" ? `make ${table} a reference table (Citus)` : `distribute ${table} by ${d.column}${d.colocateWith ? ` colocated with ${d.colocateWith}` : ""} (Citus)`,
    table,
    up: [...sequential, call],
    down: [],
    reversibility: REVERSIBLE("the table is new: its rollback drops it, distributed or not"),
  });
}
