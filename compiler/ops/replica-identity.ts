import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { getColumn, indexBacked, putTable, type ReplicaIdentityState, type TableState } from "../model/schema.js";
import { addSqlStep, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import { current } from "./column-actions.js";
import { replicaIdentitySql } from "./relation-actions.js";

/**
 * `replica identity default | full | nothing | using index i`: what PostgreSQL writes to its WAL
 * to identify an updated or deleted row for logical replication. Rollback sets back the one before.
 */
export function replicaIdentityStep(cx: MigrationContext, table: string, action: A.ReplicaIdentity): void {
  const t = current(cx, table);
  const next = action.mode === "default" ? undefined : action.mode === "index" ? usableIndex(cx, t, action.index as A.Ident) : { mode: action.mode };
  if (next === null) return;
  addSqlStep(cx, action.span, {
    change: { op: "replica-identity", table, mode: action.mode, index: next?.mode === "index" ? next.index : null },
    summary: `replica identity ${action.mode === "index" ? `using index ${action.index?.name}` : action.mode} on ${table}`,
    table,
    up: [replicaIdentitySql(table, next)],
    down: [replicaIdentitySql(table, t.replicaIdentity)],
    reversibility: REVERSIBLE("rollback sets back the replica identity the table had"),
  });
  const { replicaIdentity: _old, ...rest } = t;
  cx.schema = putTable(cx.schema, next ? { ...rest, replicaIdentity: next } : rest);
}

/**
 * The index `using index` names, if PostgreSQL can use it: unique, not partial, not deferrable,
 * over NOT NULL columns only. Null after reporting.
 */
function usableIndex(cx: MigrationContext, t: TableState, name: A.Ident): ReplicaIdentityState | null {
  const index = t.indexes.find((i) => i.name === name.name);
  const key = t.constraints.find((c) => c.name === name.name && indexBacked(c));
  if (!index && !key) {
    const names = [...t.indexes.map((i) => i.name), ...t.constraints.filter(indexBacked).map((c) => c.name)];
    report(cx, "K2008", name.span, `table \`${t.name}\` has no index \`${name.name}\``, { help: didYouMean(name.name, names) ?? (names.length ? `its indexes: ${names.join(", ")}` : "it has no indexes") });
    return null;
  }
  const why = index
    ? !index.unique ? "it is not unique" : index.where ? "it is partial (`where`)" : null
    : key?.kind === "exclude" ? "an exclusion constraint's index is not unique" : key && "deferrable" in key && key.deferrable ? "its constraint is deferrable" : null;
  const columns = index ? index.columns.map((c) => c.name) : (key?.columns ?? []);
  const nullable = columns.find((c) => {
    const col = getColumn(t, c);
    return col && col.type.kind !== "null" && col.type.kind !== "error" && col.type.nullable;
  });
  const problem = why ?? (nullable ? `its column \`${nullable}\` may be NULL` : null);
  if (problem) {
    report(cx, "K3072", name.span, `PostgreSQL cannot use \`${name.name}\` as the replica identity of \`${t.name}\`: ${problem}`, { help: "name a unique, non-partial, non-deferrable index over NOT NULL columns, or write `replica identity full`" });
    return null;
  }
  return { mode: "index", index: name.name };
}
