import type { Db } from "../db/connection.js";
import type { SqlStep } from "../../core/plan.js";
import type { SimState } from "./live-tables.js";
import { shapeOf, type Shape } from "./sql-shapes.js";
import { addColumn, dropColumn, newTable, q, recompute, renameColumn, type TableView } from "./table-view.js";
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
 * Follows a schema step's statements over the simulated tables, checking before each what would
 * make PostgreSQL refuse it: a new NOT NULL, unique, check or foreign key the future rows break,
 * a name already taken, a table or column that is not there.
 */
export async function simulateSql(db: Db, state: SimState, step: SqlStep): Promise<{ findings: Finding[]; notes: string[] }> {
  const findings: Finding[] = [];
  const notes: string[] = [];
  for (const sql of step.up) {
    const shape = shapeOf(sql);
    if (shape.kind === "unknown") {
      state.rawSql = true;
      notes.push("raw SQL: kmig cannot tell what it changes; the checks after it read the tables as if it changed nothing");
      continue;
    }
    const found = await statement(db, state, shape, notes);
    findings.push(...found);
    if (found.some((f) => f.blocks)) break;
  }
  return { findings, notes };
}

async function statement(db: Db, state: SimState, s: Shape, notes: string[]): Promise<Finding[]> {
  const view = "table" in s ? state.views.get(s.table) : undefined;
  if ("table" in s && !view && s.kind !== "create-table") return state.rawSql ? [] : [blocker(`table ${s.table} does not exist in the database`)];
  const v = view as TableView;
  const has = (c: string) => v.columns.some((x) => x.name === c) || v.empty;
  const put = (next: TableView) => state.views.set(next.table, next);
  const claim = (name: string, owner: string | null): Finding[] => {
    if (state.relations.has(name)) return [blocker(`the name ${name} is already taken by another table or index`)];
    state.relations.set(name, owner);
    return [];
  };
  /** Dropping a table frees its name and its indexes' names. */
  const release = (table: string) => {
    for (const [n, owner] of state.relations) if (owner === table || n === table) state.relations.delete(n);
  };
  switch (s.kind) {
    case "add-column": {
      if (!v.empty && has(s.column)) return [blocker(`table ${s.table} already has a column ${s.column}`)];
      put(addColumn(v, { name: s.column, type: s.type, notNull: s.notNull }, s.default));
      if (s.notNull && s.default === null) return violations(`NULL in the new NOT NULL column ${s.table}.${s.column}`, await rowsWhere(db, v, "true"));
      return [];
    }
    case "rename-column":
      if (!has(s.from)) return [blocker(`table ${s.table} has no column ${s.from}`)];
      if (!v.empty && has(s.to)) return [blocker(`table ${s.table} already has a column ${s.to}`)];
      put(renameColumn(v, s.from, s.to));
      return [];
    case "drop-column":
      if (!has(s.column)) return [blocker(`table ${s.table} has no column ${s.column}`)];
      put(dropColumn(v, s.column));
      return [];
    case "alter-type": {
      if (!has(s.column)) return [blocker(`table ${s.table} has no column ${s.column}`)];
      const r = await guarded(db, () => evaluate(db, v, `CAST((${s.using}) AS ${s.type})`));
      if (!r.ok) return [blocker(`converting ${s.table}.${s.column} to ${s.type} fails on the live rows: ${r.message}`)];
      // A cast to varchar(n) cuts longer values (the stash keeps them): count and name them before it does.
      const limit = lengthLimit(s.type);
      const uncut = s.using.replace(/::\s*(?:character varying|varchar|character|char|bpchar)\(\d+\)\s*$/i, "");
      const long = limit === null ? null : await guarded(db, () => rowsWhere(db, v, `length((${uncut})::text) > ${limit}`));
      if (long?.ok && long.value.rows > 0) notes.push(`cuts ${long.value.rows} ${long.value.rows === 1 ? "value" : "values"} of ${s.table}.${s.column} longer than ${s.type} allows to ${limit} characters (the stash keeps them for rollback) — e.g. ${long.value.examples.join("; ")}`);
      put(recompute(v, [{ column: s.column, sql: s.using, type: s.type }]));
      return [];
    }
    case "set-not-null": {
      // Already NOT NULL (kmig's validated helper check stood for it): nothing left to find.
      if (v.columns.some((c) => c.name === s.column && c.notNull)) return [];
      put({ ...v, columns: v.columns.map((c) => (c.name === s.column ? { ...c, notNull: true } : c)) });
      return violations(`NULL in ${s.table}.${s.column}, which becomes NOT NULL`, await rowsWhere(db, v, `${q(s.column)} IS NULL`));
    }
    case "unique": {
      const taken = claim(s.name, s.table);
      if (taken.length > 0) return taken;
      const nulls = s.notNull ? await Promise.all(s.columns.map((c) => rowsWhere(db, v, `${q(c)} IS NULL`))) : [];
      return [
        ...violations(`a duplicate of (${s.columns.join(", ")}) in ${s.table}, which ${s.name} makes unique`, await duplicates(db, v, s.columns, s.where)),
        ...nulls.flatMap((n, i) => violations(`NULL in ${s.table}.${s.columns[i]}, part of the primary key ${s.name}`, n)),
      ];
    }
    case "check": {
      const r = await guarded(db, () => rowsWhere(db, v, `NOT (${s.expr})`));
      if (!r.ok) return [blocker(`check ${s.name} fails to evaluate on the live rows: ${r.message}`)];
      return violations(`a value that breaks check ${s.name} (${s.expr}) on ${s.table}`, r.value);
    }
    case "foreign-key": {
      const ref = state.views.get(s.refTable);
      if (!ref) return [blocker(`table ${s.refTable}, which ${s.name} references, does not exist`)];
      return violations(`a reference from ${s.table} (${s.columns.join(", ")}) to a row of ${s.refTable} that does not exist (${s.name})`, await danglingReferences(db, v, s.columns, ref, s.refColumns));
    }
    case "index":
      return claim(s.name, s.table);
    case "create-table": {
      const taken = [s.table, ...s.indexes].flatMap((n) => claim(n, s.table));
      if (taken.length === 0) put(newTable(s.table));
      return taken.slice(0, 1);
    }
    case "drop-index":
      state.relations.delete(s.name);
      return [];
    case "drop-constraint":
      // A unique or primary-key constraint's index goes with it (a check or foreign key has no name in `relations`).
      if (state.relations.get(s.name) === s.table) state.relations.delete(s.name);
      return [];
    case "drop-table":
      state.views.delete(s.table);
      release(s.table);
      return [];
    case "rename-table": {
      const from = state.views.get(s.from);
      if (!from) return [blocker(`table ${s.from} does not exist in the database`)];
      const taken = claim(s.to, s.to);
      if (taken.length > 0) return taken;
      state.views.delete(s.from);
      state.relations.delete(s.from);
      for (const [n, owner] of state.relations) if (owner === s.from) state.relations.set(n, s.to);
      state.views.set(s.to, { ...from, table: s.to, from: from.empty ? from.from : `(SELECT * FROM ${from.from} AS ${q(s.from)})` });
      return [];
    }
    case "rename-relation": {
      // Only names held in `relations` (indexes, keys) move; a check's or foreign key's name is not tracked.
      const owner = state.relations.get(s.from);
      if (owner === undefined) return [];
      state.relations.delete(s.from);
      return claim(s.to, owner);
    }
    case "not-valid":
      state.notValid.set(`${s.table}.${s.name}`, s.of);
      return [];
    case "validate": {
      const of = state.notValid.get(`${s.table}.${s.name}`);
      state.notValid.delete(`${s.table}.${s.name}`);
      return of ? statement(db, state, of, notes) : [];
    }
    case "no-data-effect":
    case "unknown":
      return [];
  }
}

const violations = (what: string, found: Found): Finding[] => (found.rows > 0 ? [{ what, found }] : []);
