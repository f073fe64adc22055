import type * as A from "../../grammar/ast.js";
import { indexBacked, relationNames, type ConstraintState } from "../model/schema.js";
import { report, type MigrationContext } from "../migration/context.js";
import { deriveConstraintName } from "./derived-names.js";

/** A constraint of a `create table` as written; a derived one is named once all of them are known. */
export interface PendingConstraint {
  readonly state: ConstraintState;
  readonly span: A.Span;
  readonly derived: boolean;
}

/**
 * Names and orders a new table's constraints as CREATE TABLE does, so that derived names are the
 * ones PostgreSQL gives: checks first, then the primary key and the unique constraints (the primary
 * key first; a unique on the same columns as the key or as an earlier unique is folded into it),
 * then foreign keys — each kind in the order written, derived names numbered past the names in use.
 */
export function settleConstraints(cx: MigrationContext, table: string, pending: readonly PendingConstraint[]): ConstraintState[] {
  const out: ConstraintState[] = [];
  // The names of `out`, kept beside it: a table may have thousands of constraints.
  const chosen = new Set<string>();
  const relations = relationNames(cx.schema);
  const add = (p: PendingConstraint) => {
    const state = p.derived ? { ...p.state, name: deriveConstraintName(cx.schema, table, p.state, chosen) } : p.state;
    if (chosen.has(state.name) || (indexBacked(state) && relations.has(state.name))) {
      report(cx, "K2007", p.span, `the constraint name \`${state.name}\` is already in use`, { help: "give this constraint its own name: constraint my_name …" });
      return;
    }
    out.push(state);
    chosen.add(state.name);
  };
  pending.filter((p) => p.state.kind === "check").forEach(add);
  keysInOrder(cx, table, pending).forEach(add);
  pending.filter((p) => p.state.kind === "foreignKey").forEach(add);
  return out;
}

/** What two index-backed constraints must share for PostgreSQL to fold one into the other: all but the name and kind. */
function foldKey(c: ConstraintState): string {
  if (c.kind !== "primaryKey" && c.kind !== "unique") return "";
  const { columns, include, with: params, deferrable, initiallyDeferred } = c;
  return JSON.stringify([columns, include ?? null, params ?? null, deferrable ?? false, initiallyDeferred ?? false, c.kind === "unique" && c.nullsNotDistinct === true]);
}

/** The primary key, then the uniques (not folded into it or into an earlier unique) and exclusion constraints, in the order written. */
function keysInOrder(cx: MigrationContext, table: string, pending: readonly PendingConstraint[]): PendingConstraint[] {
  const keys = pending.filter((p) => p.state.kind === "primaryKey");
  for (const extra of keys.slice(1)) report(cx, "K2007", extra.span, `table \`${table}\` already has a primary key`, { help: "a table has one primary key; for several columns write `primary key (a, b)`" });
  const kept = keys.slice(0, 1);
  // Where in `kept` the key on each list of columns is.
  const byColumns = new Map(kept.map((k, i) => [foldKey(k.state), i]));
  for (const u of pending.filter((p) => p.state.kind === "unique" || p.state.kind === "exclude")) {
    if (u.state.kind === "exclude") {
      kept.push(u);
      continue;
    }
    const columns = foldKey(u.state);
    const i = byColumns.get(columns);
    if (i === undefined) {
      byColumns.set(columns, kept.length);
      kept.push(u);
    } else if (!u.derived && kept[i].derived) {
      // A written name wins over a derived one (PostgreSQL moves it to the index it keeps).
      kept[i] = { ...kept[i], state: { ...kept[i].state, name: u.state.name }, derived: false };
    }
  }
  return kept;
}
