import { refusedForeignKey, refusedUniqueKey } from "./citus-rules.js";
import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { checkExpr } from "../expr/check-expr.js";
import { checkFits } from "../expr/fits.js";
import { lowerSql } from "../expr/lower-sql.js";
import { showType, type Type } from "../../core/types.js";
import { constraintNames, findIndex, getColumn, primaryKey, putTable, relationNames, unionNames, type ColumnState, type TableState } from "../model/schema.js";
import { typeOfRef } from "../model/type-ref.js";
import { typeOf } from "./named-type-ref.js";
import { ident } from "../sql/quote.js";
import { checkAllow } from "../lint/acknowledgements.js";
import { addSqlStep, createdHere, report, REVERSIBLE, type CheckedExpect, type MigrationContext } from "../migration/context.js";
import { columnTypes, rowScope } from "../migration/scopes.js";
import type { Assignment } from "../rollback/assignment.js";
import { compileBackfill } from "./backfill.js";
import { checkColumnDef } from "./column-def.js";
import { addColumnStep, current, defaultStep, nullabilityStep, renameColumnStep, typeChangeKind } from "./column-actions.js";
import { dropColumnStep } from "./drop-column.js";
import { addConstraintSql, createIndexSql, dropConstraintSql, dropIndexSql } from "./constraint-sql.js";
import { addIndex } from "./create-table.js";
import { checkIndexDef } from "./index-def.js";
import { checkMapUses } from "./map-use.js";
import { checkTableConstraint } from "./table-constraint.js";
import { alterTypeStep } from "./alter-type.js";
import { deriveConstraintName } from "./derived-names.js";
import { columnCommentStep, tableCommentStep } from "./comments.js";
import { serialType } from "./column-sequence.js";
import { renameConstraintStep, renameIndexStep, validateConstraintStep } from "./relation-actions.js";
import { replicaIdentityStep } from "./replica-identity.js";
import { dropViewsStep, firstOption, recreateViewsStep, viewsStash } from "./recreate-views.js";
import { constraintChange, indexChange } from "./change-data.js";
import { keyConstraintSteps, lowersOn, validatedConstraintSteps } from "./safe-lowering.js";

/**
 * `table t { … }`. Phases, whatever the order written: schema changes that make room (renames,
 * adds, type and default changes, drops of constraints and indexes), then one backfill computing
 * every mapped column from the old row, then what needs the data in place (drops of columns,
 * NOT NULL, constraints, indexes — built after their backfill).
 */
export function compileAlterTable(cx: MigrationContext, item: A.AlterTable): void {
  const table = item.name.name;
  const start = cx.schema.tables.get(table);
  if (!start) {
    report(cx, "K2001", item.name.span, `table \`${table}\` does not exist`, { help: didYouMean(table, cx.schema.tables.keys()) ?? "create it with `create table …`", label: "no such table" });
    return;
  }
  const stepsBefore = cx.steps.length;
  const oldColumns = columnTypes(start);
  const physical = new Map<string, string>(start.columns.map((c) => [c.name, c.name]));
  const scope = rowScope(cx, table, oldColumns);
  const assignments: Assignment[] = [];
  const post: (() => void)[] = [];
  const expects: A.ExpectClause[] = [];
  const hasRows = !createdHere(cx, table);
  const exists = (name: A.Ident, span = name.span): boolean => {
    if (getColumn(current(cx, table), name.name)) return true;
    const dropped = cx.dropped.get(table)?.get(name.name);
    report(cx, dropped ? "K2003" : "K2002", span, dropped ? `column \`${name.name}\` of \`${table}\` was dropped ${dropped}` : `column \`${name.name}\` does not exist on table \`${table}\``, {
      help: dropped ? null : didYouMean(name.name, current(cx, table).columns.map((c) => c.name)),
      label: "not a column here",
    });
    return false;
  };
  const free = (name: A.Ident): boolean => {
    if (!getColumn(current(cx, table), name.name)) return true;
    report(cx, "K2006", name.span, `table \`${table}\` already has a column \`${name.name}\``, { help: "choose another name" });
    return false;
  };
  const assign = (target: string, targetType: Type, valueAst: A.Expr, destroys: Assignment["destroys"], inverse: A.StepInverse | null, span: A.Span) => {
    if (assignments.some((a) => a.target === target)) {
      report(cx, "K2014", span, `\`${table}.${target}\` is computed twice in this block`, { help: "combine the two mappings into one expression" });
      return;
    }
    const value = checkFits(checkExpr(valueAst, scope), { what: `column \`${table}.${target}\``, type: targetType, types: cx.schema.types }, cx.file, cx.diags, valueAst.span);
    assignments.push({ target, targetType, value, destroys, inverse, span });
  };
  const recreate = item.actions.find((a): a is A.TableOption => a.kind === "TableOption" && a.option === "recreate views");
  const stash = recreate ? viewsStash(cx, table) : null;
  if (recreate && stash) {
    dropViewsStep(cx, table, stash, recreate.span);
    cx.recreatingViewsOf = table;
  }
  for (const action of item.actions) {
    switch (action.kind) {
      case "TableOption":
        firstOption(cx, item, action);
        break;
      case "AddColumn": {
        if (!free(action.column.name)) break;
        const checked = checkColumnDef(cx, table, action.column, { types: () => columnTypes(current(cx, table)), generated: () => generatedColumns(current(cx, table)), taken: relationNames(cx.schema) });
        const col = checked.column;
        const notNull = col.type.kind !== "null" && col.type.kind !== "error" && !col.type.nullable;
        const filled = col.default || col.identity || col.generated;
        if (notNull && !filled && !action.compute && hasRows) {
          report(cx, "K4007", action.column.name.span, `\`${table}\` has rows, so a NOT NULL column \`${col.name}\` needs a default or a mapping`, { help: `add \`default …\`, or \`:= expression\`, or make it nullable: \`${showType({ ...col.type, nullable: true } as Type)}\`` });
        }
        unusedReverse(cx, action.inverse, "a rollback drops the added column, so there is nothing to recompute");
        if (action.compute && !writable(cx, col, action.compute.span)) break;
        addColumnStep(cx, table, col, action.span, action.compute !== null, checked.sequence);
        if (action.compute) {
          assign(col.name, col.type, action.compute, null, action.inverse, action.span);
          if (notNull && !col.default) post.push(() => nullabilityStep(cx, table, col.name, true, action.span));
        }
        // Named when created, after the block's drops: a derived name is numbered past the names then in use.
        for (const c of checked.constraints) post.push(() => constraintStep(cx, table, { ...c.state, name: deriveConstraintName(cx.schema, table, c.state) }, action.span));
        break;
      }
      case "RenameColumn": {
        if (!exists(action.from)) break;
        if (action.from.name === action.to.name) {
          report(cx, "K4013", action.to.span, `\`${action.from.name}\` is renamed to itself`, { help: "remove the rename, or write `col := …` to recompute it" });
          break;
        }
        if (!free(action.to)) break;
        const col = getColumn(current(cx, table), action.from.name);
        if (!action.compute) unusedReverse(cx, action.inverse, "a rollback renames the column back and its values are unchanged; a `reverse` goes with `:=`");
        renameColumnStep(cx, table, action.from.name, action.to.name, action.default, action.span);
        const old = [...physical.entries()].find(([, v]) => v === action.from.name)?.[0];
        if (old !== undefined) physical.set(old, action.to.name);
        if (action.compute && col) assign(action.to.name, col.type, action.compute, old !== undefined ? { column: old, type: oldColumns.get(old) as Type } : null, action.inverse, action.span);
        break;
      }
      case "AssignColumn": {
        if (!exists(action.target)) break;
        const col = getColumn(current(cx, table), action.target.name);
        if (col && !writable(cx, col, action.span)) break;
        const old = [...physical.entries()].find(([, v]) => v === action.target.name)?.[0];
        if (col) assign(col.name, col.type, action.value, old !== undefined ? { column: old, type: oldColumns.get(old) as Type } : null, action.inverse, action.span);
        break;
      }
      case "AlterColumn": {
        if (!exists(action.name)) break;
        const c = action.change;
        const name = action.name.name;
        if (c.kind === "SetType" && serialType(c.type)) report(cx, "K3040", c.type.span, `\`${c.type.name}\` is a shorthand for a new column, not a type`, { help: `change the type to ${typeOfRef(c.type).kind === "scalar" ? (typeOfRef(c.type) as { name: string }).name : "an integer"} and set its default: \`alter ${name} set default nextval('sequence')\`` });
        else if (c.kind === "SetType") {
          const to = typeOf(cx, c.type);
          if (to.kind !== "error") alterTypeStep(cx, table, name, to, c.using, action.inverse, action.span, physical, oldColumns);
        } else if (c.kind === "DropNotNull") nullabilityStep(cx, table, name, false, action.span, action.inverse);
        else {
          unusedReverse(cx, action.inverse, c.kind === "SetNotNull" ? "a rollback only allows NULL again" : c.kind === "SetComment" ? "a rollback puts the old comment back" : "a rollback puts the old default back; rows are untouched");
          if (c.kind === "SetDefault") defaultStep(cx, table, name, c.expr, action.span);
          else if (c.kind === "DropDefault") defaultStep(cx, table, name, null, action.span);
          else if (c.kind === "SetComment") columnCommentStep(cx, current(cx, table), name, c);
          else post.push(() => nullabilityStep(cx, table, name, true, action.span));
        }
        break;
      }
      case "TableComment":
        tableCommentStep(cx, current(cx, table), action);
        break;
      case "DropColumn": {
        if (!exists(action.name)) break;
        if ((primaryKey(current(cx, table)) ?? []).includes(action.name.name)) {
          report(cx, "K4009", action.name.span, `\`${action.name.name}\` is part of the primary key of \`${table}\``, { help: "drop or change the primary key first" });
          break;
        }
        post.push(() => dropColumnStep(cx, table, action.name.name, action.inverse, action.span));
        break;
      }
      case "DropIndex":
        dropIndexStep(cx, table, action);
        break;
      case "DropConstraint":
        dropConstraintStep(cx, table, action);
        break;
      case "AddConstraint":
        post.push(() => {
          const t = current(cx, table);
          const c = checkTableConstraint(cx, table, columnTypes(t), action.constraint, unionNames(constraintNames(t), relationNames(cx.schema)));
          if (c) constraintStep(cx, table, c, action.span);
        });
        break;
      case "IndexDef":
        post.push(() => {
          const t = current(cx, table);
          const index = checkIndexDef(cx, table, columnTypes(t), action, unionNames(relationNames(cx.schema), constraintNames(t)));
          if (index) addIndex(cx, table, index, action);
        });
        break;
      case "ExpectClause":
        expects.push(action);
        break;
      // With the block's new constraints and indexes, in the order written: a rename may name one added above it.
      case "RenameConstraint":
        post.push(() => renameConstraintStep(cx, table, action));
        break;
      case "RenameIndex":
        post.push(() => renameIndexStep(cx, table, action));
        break;
      case "ValidateConstraint":
        post.push(() => validateConstraintStep(cx, table, action));
        break;
      case "Allow":
        checkAllow(cx.file, action, cx.diags);
        break;
      case "ReplicaIdentity":
        if (onceInBlock(cx, item, action)) post.push(() => replicaIdentityStep(cx, table, action));
        break;
    }
  }
  checkMapUses(cx, scope.mapUses, assignments, oldColumns);
  const backfill = assignments.length > 0 ? compileBackfill(cx, current(cx, table), assignments, physical, item.span) : null;
  for (const p of post) p();
  if (recreate && stash) {
    recreateViewsStep(cx, table, stash, recreate.span);
    cx.recreatingViewsOf = null;
  }
  // `triggers fire`: every step of the block lets the user's triggers see kmig's writes.
  if (item.actions.some((a) => a.kind === "TableOption" && a.option === "triggers fire")) {
    for (let i = stepsBefore; i < cx.steps.length; i++) cx.steps[i] = { ...cx.steps[i], fireTriggers: true };
  }
  const checked = checkExpects(cx, table, expects, oldColumns);
  if (backfill || checked.length > 0) cx.mappings.push({ table, stepId: backfill?.stepId ?? null, stepsBefore, before: start, after: current(cx, table), assignments: backfill?.inverses ?? [], expects: checked });
}

/** K2022 for a second `replica identity` line of one block; true for the first. */
function onceInBlock(cx: MigrationContext, item: A.AlterTable, action: A.ReplicaIdentity): boolean {
  const first = item.actions.find((a) => a.kind === "ReplicaIdentity");
  if (first === action) return true;
  report(cx, "K2022", action.span, `the replica identity of \`${item.name.name}\` is set twice in this block`, { help: "a table has one replica identity: keep one line" });
  return false;
}

/** The names of a table's generated columns (a generated column may not read them). */
export function generatedColumns(t: TableState): Set<string> {
  return new Set(t.columns.filter((c) => c.generated).map((c) => c.name));
}

/** Whether a mapping may write the column: not one PostgreSQL computes (generated) or numbers (`generated always as identity`). */
function writable(cx: MigrationContext, col: ColumnState, span: A.Span): boolean {
  const why = col.generated ? "it is generated: PostgreSQL computes it from the row" : col.identity?.always ? "it is `generated always as identity`: PostgreSQL numbers it" : null;
  if (why) report(cx, "K3040", span, `a mapping cannot write \`${col.name}\`: ${why}`, { help: col.generated ? "change the columns it is computed from instead" : "use `generated by default as identity` for a column that mappings may also write" });
  return why === null;
}

function constraintStep(cx: MigrationContext, table: string, c: import("../model/schema.js").ConstraintState, span: A.Span): void {
  if ((c.kind === "primaryKey" || c.kind === "unique") && refusedUniqueKey(cx, current(cx, table), c.columns, c.kind === "primaryKey" ? "a primary key" : "a unique constraint", span)) return;
  if (c.kind === "foreignKey" && refusedForeignKey(cx, cx.schema, table, c.columns, c.refTable, c.refColumns, span)) return;
  const summary = `add ${c.kind === "primaryKey" ? "primary key" : c.kind === "foreignKey" ? "foreign key" : c.kind}${"notValid" in c && c.notValid ? " (not valid)" : ""} ${c.name} on ${table}`;
  const lowered = lowersOn(cx, table);
  if (lowered && (c.kind === "check" || c.kind === "foreignKey") && !c.notValid) validatedConstraintSteps(cx, table, c, span, summary);
  else if (lowered && (c.kind === "unique" || c.kind === "primaryKey")) keyConstraintSteps(cx, table, c, span, summary);
  else {
    addSqlStep(cx, span, {
      change: { op: "add-constraint", table, constraint: constraintChange(c) },
      summary,
      table,
      up: [addConstraintSql(table, c)],
      down: [dropConstraintSql(table, c.name)],
      reversibility: REVERSIBLE("a constraint holds no data: rollback drops it"),
    });
  }
  const t = current(cx, table);
  cx.schema = putTable(cx.schema, { ...t, constraints: [...t.constraints, c] });
}

function dropIndexStep(cx: MigrationContext, table: string, action: A.DropIndex): void {
  const found = findIndex(cx.schema, action.name.name);
  if (!found || found.table.name !== table) {
    const names = current(cx, table).indexes.map((i) => i.name);
    report(cx, "K2008", action.name.span, `table \`${table}\` has no index \`${action.name.name}\``, { help: didYouMean(action.name.name, names) ?? (names.length ? `its indexes: ${names.join(", ")}` : "it has no indexes") });
    return;
  }
  if (isReplicaIdentity(cx, found.table, action.name)) return;
  const rebuildConcurrently = lowersOn(cx, table);
  addSqlStep(cx, action.span, {
    change: { op: "drop-index", ...indexChange(table, found.index, action.concurrently) },
    summary: `drop index ${action.name.name} on ${table}`,
    table,
    up: [dropIndexSql(action.name.name, action.concurrently)],
    // On a table with rows, rollback rebuilds it CONCURRENTLY, after its transaction (core/deferred-undo.ts; `kmig explain` says so).
    down: [createIndexSql(table, found.index, action.concurrently || rebuildConcurrently)],
    reversibility: REVERSIBLE("rollback rebuilds the index from its definition"),
    transactional: !action.concurrently,
  });
  const t: TableState = found.table;
  cx.schema = putTable(cx.schema, { ...t, indexes: t.indexes.filter((i) => i.name !== action.name.name) });
}

function dropConstraintStep(cx: MigrationContext, table: string, action: A.DropConstraint): void {
  const t = current(cx, table);
  const c = t.constraints.find((x) => x.name === action.name.name);
  if (!c) {
    report(cx, "K2009", action.name.span, `table \`${table}\` has no constraint \`${action.name.name}\``, { help: didYouMean(action.name.name, t.constraints.map((x) => x.name)) ?? `its constraints: ${t.constraints.map((x) => x.name).join(", ") || "none"}` });
    return;
  }
  if (isReplicaIdentity(cx, t, action.name)) return;
  addSqlStep(cx, action.span, {
    change: { op: "drop-constraint", table, constraint: constraintChange(c) },
    summary: `drop constraint ${c.name} on ${table}`,
    table,
    up: [dropConstraintSql(table, c.name)],
    down: [addConstraintSql(table, c)],
    reversibility: REVERSIBLE("rollback adds the constraint again (it fails if rows written since violate it)"),
  });
  cx.schema = putTable(cx.schema, { ...t, constraints: t.constraints.filter((x) => x !== c) });
}

/** K3072 when `name` is the index of the table's replica identity (PostgreSQL would leave the table with none). */
function isReplicaIdentity(cx: MigrationContext, t: TableState, name: A.Ident): boolean {
  const ri = t.replicaIdentity;
  if (ri?.mode !== "index" || ri.index !== name.name) return false;
  report(cx, "K3072", name.span, `\`${name.name}\` is the replica identity of \`${t.name}\``, { help: "set another replica identity (`replica identity default` or `full`) in a `table` block before this one" });
  return true;
}

/** `expect` clauses: checked now (names, types); evaluated by `kmig test`. */
function checkExpects(cx: MigrationContext, table: string, expects: readonly A.ExpectClause[], oldColumns: ReadonlyMap<string, Type>): CheckedExpect[] {
  const scope = rowScope(cx, table, oldColumns, { inExpect: true, newColumns: columnTypes(current(cx, table)) });
  return expects.map((e) => ({ expr: checkExpr(e.expr, scope), when: e.when ? checkExpr(e.when, scope) : null, span: e.span }));
}

export { ident, lowerSql };

/** K3015: a `reverse` on a step whose rollback needs none; an `irreversible` there is kept (it makes rollback refuse). */
function unusedReverse(cx: MigrationContext, inverse: A.StepInverse | null, why: string): void {
  if (inverse?.kind !== "ReverseClause") return;
  report(cx, "K3015", inverse.span, `this \`reverse\` would never be used: ${why}`, { help: "remove the `reverse …`" });
}
