import type { Db } from "../db/connection.js";
import type { SqlStep } from "../../core/plan.js";
import { INDEX_BACKED, type Change, type ChangeOf, type ConstraintChange } from "../../core/plan-change.js";
import type { SimState } from "./live-tables.js";
import { addColumn, dropColumn, newTable, q, recompute, renameColumn, type TableView } from "./table-view.js";
import { domainRejects, enumNotes, sequenceNotes } from "./type-impact.js";
import { danglingReferences, duplicates, evaluate, guarded, lengthLimit, rowsWhere, type Found } from "./violations.js";

/** What a step would run into: each a sentence and, where rows are the cause, the rows. */
export interface Finding {
  readonly what: string;
  readonly found: Found;
  /** The statement cannot run at all (an error, a missing column): what follows it is not predicted. */
  readonly blocks?: boolean;
}

/** A finding about the schema or an error, not about particular rows. */
export const blocker = (what: string): Finding => ({ what, found: { rows: 0, examples: [] }, blocks: true });

/**
 * Follows a schema step over the simulated tables by what it says it does (its `change`, plain
 * data: nothing here reads its SQL), checking what would make PostgreSQL refuse it: a new NOT
 * NULL, unique, check or foreign key the future rows break, a name already taken, a table or
 * column that is not there. Raw SQL, and a step of a plan compiled before steps carried their
 * change, are opaque: the checks after them read the tables as if they changed nothing.
 */
export async function simulateSql(db: Db, state: SimState, step: SqlStep): Promise<{ findings: Finding[]; notes: string[] }> {
  const notes: string[] = [];
  const change = step.change;
  if (!change || change.op === "raw-sql") {
    state.rawSql = true;
    notes.push(change ? "raw SQL: kmig cannot tell what it changes; the checks after it read the tables as if it changed nothing" : "compiled before kmig recorded what each step does: the checks after it read the tables as if it changed nothing (compile the spec again for a full plan)");
    return { findings: [], notes };
  }
  return { findings: await follow(db, state, change, notes), notes };
}

/** The table a change works on, as simulated so far; a blocker when it is not there. */
type Lookup = { view: TableView } | { missing: Finding[] };

function tableOf(state: SimState, table: string): Lookup {
  const view = state.views.get(table);
  if (view) return { view };
  return { missing: state.rawSql ? [] : [blocker(`table ${table} does not exist in the database`)] };
}

const has = (v: TableView, c: string) => v.empty || v.columns.some((x) => x.name === c);

function claim(state: SimState, name: string, owner: string | null): Finding[] {
  if (state.relations.has(name)) return [blocker(`the name ${name} is already taken by another table or index`)];
  state.relations.set(name, owner);
  return [];
}

async function follow(db: Db, state: SimState, c: Change, notes: string[]): Promise<Finding[]> {
  const put = (next: TableView) => state.views.set(next.table, next);
  switch (c.op) {
    case "create-table": {
      const names = [c.table, ...c.constraints.filter((k) => INDEX_BACKED.includes(k.kind)).map((k) => k.name)];
      const taken = names.flatMap((n) => claim(state, n, c.table));
      if (taken.length === 0) put({ ...newTable(c.table), columns: c.columns.map((col) => ({ name: col.name, type: col.type, notNull: !col.nullable })) });
      return taken.slice(0, 1);
    }
    case "drop-table":
      state.views.delete(c.table);
      // Dropping a table frees its name and its indexes' names.
      for (const [n, owner] of state.relations) if (owner === c.table || n === c.table) state.relations.delete(n);
      return [];
    case "rename-table": {
      const from = state.views.get(c.from);
      if (!from) return state.rawSql ? [] : [blocker(`table ${c.from} does not exist in the database`)];
      const taken = claim(state, c.to, c.to);
      if (taken.length > 0) return taken;
      state.views.delete(c.from);
      state.relations.delete(c.from);
      for (const [n, owner] of state.relations) if (owner === c.from) state.relations.set(n, c.to);
      state.views.set(c.to, { ...from, table: c.to, from: from.empty ? from.from : `(SELECT * FROM ${from.from} AS ${q(c.from)})` });
      return [];
    }
    case "create-index": {
      const t = tableOf(state, c.table);
      if ("missing" in t) return t.missing;
      const taken = claim(state, c.name, c.table);
      if (taken.length > 0 || !c.unique) return taken;
      return violations(`a duplicate of (${c.columns.map((k) => k.column).join(", ")}) in ${c.table}, which ${c.name} makes unique`, await duplicates(db, t.view, c.columns.map((k) => k.column), c.where));
    }
    case "drop-index":
      state.relations.delete(c.name);
      return [];
    case "rename-index":
      return renameRelation(state, c.from, c.to);
    case "rename-constraint":
      // Only names held in `relations` (a key's index) move; a check's or foreign key's name is not tracked.
      return c.indexBacked ? renameRelation(state, c.from, c.to) : [];
    case "drop-constraint":
      // A unique or primary-key constraint's index goes with it (a check or foreign key has no name in `relations`).
      if (state.relations.get(c.constraint.name) === c.table) state.relations.delete(c.constraint.name);
      return [];
    case "add-constraint":
    case "validate-constraint": {
      const t = tableOf(state, c.table);
      if ("missing" in t) return t.missing;
      const refView = c.constraint.kind === "foreign-key" ? state.views.get(c.constraint.refTable) : undefined;
      const unknown = t.view.unknown ?? refView?.unknown ?? null;
      // Rows that cannot be followed (a step before could not be computed): the name is still claimed, the rows not checked.
      if (unknown && c.constraint.kind !== "exclude") {
        const taken = c.op === "add-constraint" && INDEX_BACKED.includes(c.constraint.kind) ? claim(state, c.constraint.name, c.table) : [];
        if (taken.length === 0) notes.push(`not predicted: ${unknown}`);
        return taken;
      }
      return constraint(db, state, c.table, t.view, c.constraint, c.op === "validate-constraint");
    }
    case "create-type":
    case "create-domain":
      state.unborn.push({ type: c.name, label: null });
      return [];
    case "add-enum-value":
      notes.push(...(await enumNotes(db, c)));
      state.unborn.push({ type: c.type, label: c.label });
      return [];
    case "rename-enum-value":
      notes.push(...(await enumNotes(db, c)));
      state.unborn.push({ type: c.type, label: c.to });
      return [];
    case "alter-sequence":
    case "drop-sequence":
    case "rename-sequence":
      notes.push(...(await sequenceNotes(db, c)));
      return [];
    case "replica-identity":
    case "distribute-table":
    case "comment-table":
    case "comment-column":
    case "create-sequence":
    case "drop-type":
    case "drop-domain":
    case "drop-views":
    case "recreate-views":
    case "raw-sql":
      return [];
    default:
      return column(db, state, c, notes);
  }
}

/** The changes to one column of a table. */
type ColumnOp = "add-column" | "rename-column" | "drop-column" | "alter-type" | "set-default" | "drop-default" | "set-not-null" | "drop-not-null";

async function column(db: Db, state: SimState, c: ChangeOf<ColumnOp>, notes: string[]): Promise<Finding[]> {
  const t = tableOf(state, c.table);
  if ("missing" in t) return t.missing;
  const v = t.view;
  const put = (next: TableView) => state.views.set(next.table, next);
  const noColumn = (name: string) => [blocker(`table ${c.table} has no column ${name}`)];
  /** The rows cannot be followed any more (a step before could not be computed): their checks are not predicted. */
  const unknownRows = (): Finding[] => {
    notes.push(`not predicted: ${v.unknown}`);
    return [];
  };
  switch (c.op) {
    case "add-column": {
      const col = c.column;
      if (!v.empty && has(v, col.name)) return [blocker(`table ${c.table} already has a column ${col.name}`)];
      // A serial's or identity's numbers come from a sequence the simulation does not create: numbered alike, one per row.
      const numbered = c.sequence !== null || col.filledBy === "identity";
      const unborn = state.unborn.find((u) => u.label === null && col.type.replace(/(\[\])+$/, "").replace(/^"|"$/g, "").replace(/""/g, '"') === u.type);
      if (unborn && !v.empty) {
        // A type an earlier step creates cannot be named in the plan's transaction: the table's rows are not followed past it.
        put({ ...v, columns: [...v.columns, { name: col.name, type: col.type, notNull: !col.nullable }], unknown: `the rows of ${c.table} once it has a column of the type ${unborn.type}, which an earlier step creates` });
        return [];
      }
      put(addColumn(v, { name: col.name, type: col.type, notNull: !col.nullable }, numbered ? "row_number() OVER ()" : col.filledBy === "default" ? col.default : null));
      if (!col.nullable && col.filledBy === null) return v.unknown ? unknownRows() : violations(`NULL in the new NOT NULL column ${c.table}.${col.name}`, await rowsWhere(db, v, "true"));
      return [];
    }
    case "rename-column":
      if (!has(v, c.from)) return noColumn(c.from);
      if (!v.empty && has(v, c.to)) return [blocker(`table ${c.table} already has a column ${c.to}`)];
      put(renameColumn(v, c.from, c.to));
      return [];
    case "drop-column":
      if (!has(v, c.column)) return noColumn(c.column);
      put(dropColumn(v, c.column));
      return [];
    case "alter-type": {
      if (!has(v, c.column)) return noColumn(c.column);
      if (v.unknown) return unknownRows();
      // Into a domain: the rows each of its checks rejects, counted and named (the cast would stop at the first).
      const rejected = await domainRejects(db, v, c.to, c.written ?? q(c.column));
      if (rejected.length > 0) return rejected.flatMap((x) => violations(`a value of ${c.table}.${c.column} the domain ${c.to} rejects by its check ${x.check}`, x.found));
      const r = await guarded(db, () => evaluate(db, v, `CAST((${c.using}) AS ${c.to})`));
      if (!r.ok) return [blocker(`converting ${c.table}.${c.column} to ${c.to} fails on the live rows: ${r.message}`)];
      // A cast to varchar(n) cuts longer values (the stash keeps them): count and name them before it does.
      const limit = lengthLimit(c.to);
      const long = limit === null ? null : await guarded(db, () => rowsWhere(db, v, `length((${c.written ?? q(c.column)})::text) > ${limit}`));
      if (long?.ok && long.value.rows > 0) notes.push(`cuts ${long.value.rows} ${long.value.rows === 1 ? "value" : "values"} of ${c.table}.${c.column} longer than ${c.to} allows to ${limit} characters (the stash keeps them for rollback) — e.g. ${long.value.examples.join("; ")}`);
      put(recompute(v, [{ column: c.column, sql: c.using, type: c.to }]));
      return [];
    }
    case "set-not-null":
      // NOT NULL already (a validated helper check stood for it): nothing left to find.
      if (v.columns.some((x) => x.name === c.column && x.notNull)) return [];
      put({ ...v, columns: v.columns.map((x) => (x.name === c.column ? { ...x, notNull: true } : x)) });
      if (v.unknown) return unknownRows();
      return violations(`NULL in ${c.table}.${c.column}, which becomes NOT NULL`, await rowsWhere(db, v, `${q(c.column)} IS NULL`));
    case "drop-not-null":
      put({ ...v, columns: v.columns.map((x) => (x.name === c.column ? { ...x, notNull: false } : x)) });
      return [];
    case "set-default":
    case "drop-default":
      return [];
  }
}

/** A constraint added (or validated): the rows that break it. Added `NOT VALID`, it does not read them. */
async function constraint(db: Db, state: SimState, table: string, v: TableView, k: ConstraintChange, validating: boolean): Promise<Finding[]> {
  switch (k.kind) {
    case "primary-key":
    case "unique": {
      // Using the index of its name an earlier step built: that step claimed the name and met the duplicates.
      const taken = validating || k.usingIndex ? [] : claim(state, k.name, table);
      if (taken.length > 0) return taken;
      const nulls = k.kind === "primary-key" ? await Promise.all(k.columns.map((col) => rowsWhere(db, v, `${q(col)} IS NULL`))) : [];
      return [
        ...(k.usingIndex ? [] : violations(`a duplicate of (${k.columns.join(", ")}) in ${table}, which ${k.name} makes unique`, await duplicates(db, v, k.columns, null))),
        ...nulls.flatMap((n, i) => violations(`NULL in ${table}.${k.columns[i]}, part of the primary key ${k.name}`, n)),
      ];
    }
    case "exclude":
      return validating ? [] : claim(state, k.name, table);
    case "check": {
      if (!k.validated && !validating) return [];
      const helper = notNullHelper(k);
      if (helper !== null) {
        // kmig's helper check before SET NOT NULL (compiler/ops/safe-lowering.ts): validated, the column is as good as NOT NULL.
        state.views.set(table, { ...v, columns: v.columns.map((x) => (x.name === helper ? { ...x, notNull: true } : x)) });
        return violations(`NULL in ${table}.${helper}, which becomes NOT NULL`, await rowsWhere(db, v, `${q(helper)} IS NULL`));
      }
      const r = await guarded(db, () => rowsWhere(db, v, `NOT (${k.expr})`));
      if (!r.ok) return [blocker(`check ${k.name} fails to evaluate on the live rows: ${r.message}`)];
      return violations(`a value that breaks check ${k.name} (${k.expr}) on ${table}`, r.value);
    }
    case "foreign-key": {
      if (!k.validated && !validating) return [];
      const ref = state.views.get(k.refTable);
      if (!ref) return [blocker(`table ${k.refTable}, which ${k.name} references, does not exist`)];
      return violations(`a reference from ${table} (${k.columns.join(", ")}) to a row of ${k.refTable} that does not exist (${k.name})`, await danglingReferences(db, v, k.columns, ref, k.refColumns));
    }
  }
}

/** The column a check kmig adds before SET NOT NULL proves non-null (`"c" IS NOT NULL`, named `…kmig_not_null`); else null. */
function notNullHelper(k: ConstraintChange & { kind: "check" }): string | null {
  return /kmig_not_null\d*$/.test(k.name) && k.columns.length === 1 && k.expr === `${q(k.columns[0])} IS NOT NULL` ? k.columns[0] : null;
}

function renameRelation(state: SimState, from: string, to: string): Finding[] {
  const owner = state.relations.get(from);
  if (owner === undefined) return [];
  state.relations.delete(from);
  return claim(state, to, owner);
}

const violations = (what: string, found: Found): Finding[] => (found.rows > 0 ? [{ what, found }] : []);
