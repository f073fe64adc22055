import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { constraintNames, indexBacked, putTable, relationNames, type ConstraintState, type ReplicaIdentityState, type TableState } from "../model/schema.js";
import { ident } from "../sql/quote.js";
import { addSqlStep, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import { addConstraintSql, dropConstraintSql } from "./constraint-sql.js";
import { current } from "./column-actions.js";
import { constraintChange } from "./change-data.js";

/**
 * Table actions on constraints and indexes by name: `rename constraint a -> b`, `rename index a ->
 * b`, `validate constraint c`. The index behind a primary key, unique or exclusion constraint has
 * the constraint's name: renaming either renames both, as in PostgreSQL.
 */

/** `rename constraint a -> b`. */
export function renameConstraintStep(cx: MigrationContext, table: string, action: A.RenameRelation): void {
  const t = current(cx, table);
  const c = constraintNamed(cx, t, action.from);
  if (!c) return;
  if (!renameable(cx, t, action, indexBacked(c))) return;
  addSqlStep(cx, action.span, {
    change: { op: "rename-constraint", table, from: action.from.name, to: action.to.name, indexBacked: indexBacked(c) },
    summary: `rename constraint ${action.from.name} to ${action.to.name} on ${table}`,
    table,
    up: [`ALTER TABLE ${ident(table)} RENAME CONSTRAINT ${ident(action.from.name)} TO ${ident(action.to.name)}`],
    down: [`ALTER TABLE ${ident(table)} RENAME CONSTRAINT ${ident(action.to.name)} TO ${ident(action.from.name)}`],
    reversibility: REVERSIBLE("a rename is undone by renaming back"),
  });
  cx.schema = putTable(cx.schema, renamedIn(t, action.from.name, action.to.name));
}

/** `rename index a -> b`: an index of the table, or the index behind one of its key or exclusion constraints. */
export function renameIndexStep(cx: MigrationContext, table: string, action: A.RenameRelation): void {
  const t = current(cx, table);
  const held = [...t.indexes.map((i) => i.name), ...t.constraints.filter(indexBacked).map((c) => c.name)];
  if (!held.includes(action.from.name)) {
    report(cx, "K2008", action.from.span, `table \`${table}\` has no index \`${action.from.name}\``, { help: didYouMean(action.from.name, held) ?? (held.length ? `its indexes: ${held.join(", ")}` : "it has no indexes") });
    return;
  }
  if (!renameable(cx, t, action, true)) return;
  addSqlStep(cx, action.span, {
    change: { op: "rename-index", table, from: action.from.name, to: action.to.name },
    summary: `rename index ${action.from.name} to ${action.to.name} on ${table}`,
    table,
    up: [`ALTER INDEX ${ident(action.from.name)} RENAME TO ${ident(action.to.name)}`],
    down: [`ALTER INDEX ${ident(action.to.name)} RENAME TO ${ident(action.from.name)}`],
    reversibility: REVERSIBLE("a rename is undone by renaming back"),
  });
  cx.schema = putTable(cx.schema, renamedIn(t, action.from.name, action.to.name));
}

/** The constraint of `t` called `name`; K2009 (with a did-you-mean) when there is none. */
function constraintNamed(cx: MigrationContext, t: TableState, name: A.Ident): ConstraintState | null {
  const c = t.constraints.find((x) => x.name === name.name);
  if (c) return c;
  const names = t.constraints.map((x) => x.name);
  report(cx, "K2009", name.span, `table \`${t.name}\` has no constraint \`${name.name}\``, { help: didYouMean(name.name, names) ?? `its constraints: ${names.join(", ") || "none"}` });
  return null;
}

/** A rename to a new name that is free: among the table's constraints, and among relations when an index has it. */
function renameable(cx: MigrationContext, t: TableState, action: A.RenameRelation, isRelation: boolean): boolean {
  if (action.from.name === action.to.name) {
    report(cx, "K4013", action.to.span, `\`${action.from.name}\` is renamed to itself`, { help: "remove the rename" });
    return false;
  }
  if (constraintNames(t).has(action.to.name) || (isRelation && relationNames(cx.schema).has(action.to.name))) {
    report(cx, "K2007", action.to.span, `the name \`${action.to.name}\` is already used ${isRelation ? "by a table, index or constraint" : `by a constraint of \`${t.name}\``}`, { help: "choose another name" });
    return false;
  }
  return true;
}

/** The table with the constraint or index `from` called `to` (and its replica identity following an index's name). */
function renamedIn(t: TableState, from: string, to: string): TableState {
  const ri = t.replicaIdentity;
  return {
    ...t,
    constraints: t.constraints.map((c) => (c.name === from ? { ...c, name: to } : c)),
    indexes: t.indexes.map((i) => (i.name === from ? { ...i, name: to } : i)),
    ...(ri?.mode === "index" && ri.index === from && { replicaIdentity: { mode: "index", index: to } }),
  };
}

/** `validate constraint c`: PostgreSQL checks the rows a `not valid` check or foreign key skipped. */
export function validateConstraintStep(cx: MigrationContext, table: string, action: A.ValidateConstraint): void {
  const t = current(cx, table);
  const c = constraintNamed(cx, t, action.name);
  if (!c) return;
  if ((c.kind !== "check" && c.kind !== "foreignKey") || !c.notValid) {
    report(cx, "K4070", action.name.span, `\`${c.name}\` is valid already: PostgreSQL checked every row when it was added`, { help: "only a check or foreign key added `not valid` needs `validate constraint`; remove this line" });
    return;
  }
  const { notValid: _was, ...valid } = c;
  addSqlStep(cx, action.span, {
    change: { op: "validate-constraint", table, constraint: constraintChange(c) },
    summary: `validate constraint ${c.name} on ${table}`,
    table,
    up: [`ALTER TABLE ${ident(table)} VALIDATE CONSTRAINT ${ident(c.name)}`],
    // PostgreSQL cannot mark a constraint not valid again: rollback adds it back as it was.
    down: [dropConstraintSql(table, c.name), addConstraintSql(table, c)],
    reversibility: REVERSIBLE("rollback adds the constraint back `not valid`, as it was before"),
  });
  cx.schema = putTable(cx.schema, { ...t, constraints: t.constraints.map((x) => (x === c ? (valid as ConstraintState) : x)) });
}

/** `REPLICA IDENTITY …` for a state (absent: DEFAULT). */
export function replicaIdentitySql(table: string, r: ReplicaIdentityState | undefined): string {
  const what = !r ? "DEFAULT" : r.mode === "index" ? `USING INDEX ${ident(r.index)}` : r.mode.toUpperCase();
  return `ALTER TABLE ${ident(table)} REPLICA IDENTITY ${what}`;
}
