import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import type { TableMapping } from "../compiler/migration/context.js";
import { volatilityOf } from "../compiler/expr/volatility.js";
import { primaryKey, type TableState } from "../compiler/model/schema.js";
import type { Type } from "../core/types.js";
import type { Plan, Step } from "../core/plan.js";
import type { Db } from "../runtime/db/connection.js";
import { jsonEqual } from "../runtime/js-runtime.js";
import type { TableRows } from "./constrained-rows.js";
import { insertRows, q, type Inserted } from "./insert-rows.js";
import { LawFailure } from "./law-failure.js";
import { checkMapping } from "./mapping-laws.js";
import type { LawModule } from "./law-module.js";
import { ADD_ENUM_VALUE_FUNCTION, addEnumValueInTransaction } from "./enum-in-transaction.js";
import { shapeOf } from "./shape.js";
import { ENSURE_CLOSED_MAP_FUNCTION } from "../core/closed-map.js";

type Row = Record<string, unknown>;

/** A column's text (PostgreSQL's output) read back into the JS value model. */
export function fromText(text: string | null, t: Type): unknown {
  if (text === null) return undefined;
  if (t.kind === "json") return JSON.parse(text);
  if (t.kind !== "scalar") return text;
  if (t.name === "boolean") return text === "true" || text === "t";
  if (["smallint", "integer", "real", "double precision"].includes(t.name)) return Number(text);
  return text;
}

async function selectRows(db: Db, table: TableState): Promise<Row[]> {
  const key = (primaryKey(table) ?? table.columns.map((c) => c.name)).map(q).join(", ");
  const cols = table.columns.map((c) => `${q(c.name)}::text AS ${q(c.name)}`).join(", ");
  const r = await db.query<Record<string, string | null>>(`SELECT ${cols} FROM ${q(table.name)} ORDER BY ${key}`);
  return r.rows.map((row) => Object.fromEntries(table.columns.map((c) => [c.name, fromText(row[c.name], c.type)])));
}

/** A table's rows as PostgreSQL's JSON of each (column order aside), in the order of `key` (else of the JSON). */
async function snapshot(db: Db, name: string, key: readonly string[] | null): Promise<Row[]> {
  const order = key && key.length > 0 ? key.map((k) => `t.${q(k)}`).join(", ") : "1";
  const r = await db.query<{ r: string }>(`SELECT to_jsonb(t)::text AS r FROM ${q(name)} t ORDER BY ${order}`);
  return r.rows.map((x) => JSON.parse(x.r) as Row);
}

/**
 * A step's statement as the transaction the laws run in takes it: `CREATE INDEX CONCURRENTLY` in
 * its plain form (the same index), `add value` by making the type again (enum-in-transaction.ts).
 */
/**
 * The statements of a step as the laws run them: on one node, so without Citus's
 * `create_distributed_table` (a distribution changes where rows live, not their values; what Citus
 * refuses is `kmig check`'s and `kmig plan`'s to find).
 */
export const lawStatements = (step: Step): readonly string[] => (step.kind === "sql" && step.op === "distribute-table" ? [] : step.up);

export const inTransaction = (step: Step, sql: string) => addEnumValueInTransaction(step, sql.replace(/^(CREATE (?:UNIQUE )?INDEX|DROP INDEX) CONCURRENTLY /, "$1 "));

/**
 * Opens the transaction every run of a migration works in: a schema of its own holding the chain
 * before the migration. Each run is a savepoint rolled back; `end` rolls the whole thing back.
 */
export async function openLawSession(db: Db, prior: readonly Plan[], runAt: string): Promise<{ end: () => Promise<void> }> {
  await db.query("BEGIN");
  await db.exec(ENSURE_CLOSED_MAP_FUNCTION);
  await db.query(`CREATE SCHEMA "kmig_proptest"`);
  await db.query(`SELECT set_config('search_path', '"kmig_proptest", public', true), set_config('kmig.run_at', $1, true)`, [runAt]);
  await db.query(ADD_ENUM_VALUE_FUNCTION);
  for (const p of prior) for (const s of p.steps) for (const sql of lawStatements(s)) await db.query(inTransaction(s, sql));
  return { end: async () => void (await db.query("ROLLBACK")) };
}

/**
 * One run of every law of one migration, on generated rows, inside a savepoint that is always
 * rolled back: insert the rows (those PostgreSQL takes), apply step by step, compare each mapping
 * with its JavaScript and the spec's expectations, roll back, compare with the rows inserted.
 * Gives what the insert came to: a run with no row tested nothing.
 */
export async function checkMigrationOnce(db: Db, unit: CompiledUnit, rows: TableRows, code: LawModule): Promise<Inserted> {
  await db.query("SAVEPOINT kmig_run");
  try {
    const inserted = await insertRows(db, unit.before, rows);
    if (inserted.rows === 0) return inserted;
    const tables = Object.keys(rows).map((n) => unit.before.tables.get(n)!);
    const ids = await relationIds(db, tables);
    const before = new Map<string, Row[]>();
    for (const t of tables) before.set(t.name, await snapshot(db, t.name, primaryKey(t)));
    // The rows each block reads: the table as the steps before the block's own leave it.
    const inputs = new Map<TableMapping, Row[]>();
    const readInputs = async (done: number) => {
      for (const m of unit.mappings) if (m.stepsBefore === done) inputs.set(m, await selectRows(db, m.before));
    };
    await applySteps(db, unit, (_s, i) => readInputs(i));
    await readInputs(unit.plan.steps.length);
    for (const [m, input] of inputs) checkMapping(unit, m, input, await selectRows(db, m.after), code.tables[unit.mappings.indexOf(m)], code.maps);
    await checkRollback(db, unit, tables, ids, before);
    return inserted;
  } finally {
    await db.query("ROLLBACK TO SAVEPOINT kmig_run");
  }
}

/** Runs the migration's steps forward; a step PostgreSQL refuses breaks "forward is total" at its spec line. */
async function applySteps(db: Db, unit: CompiledUnit, beforeStep: (s: Step, index: number) => Promise<void> = async () => {}): Promise<void> {
  for (const [i, s] of unit.plan.steps.entries()) {
    await beforeStep(s, i);
    for (const sql of lawStatements(s)) {
      try {
        await db.query(inTransaction(s, sql));
      } catch (e) {
        throw new LawFailure("forward is total", s.origin, null, `step \`${s.summary}\` fails: ${(e as Error).message}`);
      }
    }
  }
}

/** Runs the migration's rollback; a step whose undo PostgreSQL refuses breaks "rollback is exact" at its spec line. */
async function undoSteps(db: Db, unit: CompiledUnit): Promise<void> {
  for (const s of [...unit.plan.steps].reverse()) {
    for (const sql of s.down ?? []) {
      try {
        await db.query(inTransaction(s, sql));
      } catch (e) {
        throw new LawFailure("rollback is exact", s.origin, null, `undoing step \`${s.summary}\` fails: ${(e as Error).message}`);
      }
    }
  }
}

/** Each table's relation id, to find it again after renames. */
async function relationIds(db: Db, tables: readonly TableState[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const t of tables) ids.set(t.name, (await db.query<{ id: string }>(`SELECT $1::regclass::oid::text AS id`, [q(t.name)])).rows[0].id);
  return ids;
}

/**
 * Rollback is exact: after the migration's rollback every table holds the rows it held before it.
 * With a declared reverse (lossy steps) the law is weaker: apply again gives the rows the first
 * apply gave. An irreversible step has no rollback to check.
 */
async function checkRollback(db: Db, unit: CompiledUnit, tables: readonly TableState[], ids: ReadonlyMap<string, string>, before: ReadonlyMap<string, Row[]>): Promise<void> {
  const steps = unit.plan.steps;
  if (steps.some((s) => s.reversibility.kind === "irreversible")) return;
  const lossy = steps.find((s) => s.reversibility.kind === "lossy") ?? null;
  // After the migration, each table under its new name (none: dropped).
  const names = new Map<string, string | null>();
  for (const t of tables) names.set(t.name, (await db.query<{ n: string }>(`SELECT relname AS n FROM pg_class WHERE oid = $1::oid`, [ids.get(t.name)])).rows[0]?.n ?? null);
  const applied = new Map<string, Row[]>();
  if (lossy) for (const [from, name] of names) if (name) applied.set(from, await snapshot(db, name, primaryKey(unit.after.tables.get(name) ?? unit.before.tables.get(from)!)));
  await undoSteps(db, unit);
  if (!lossy) {
    for (const t of tables) {
      const back = await snapshot(db, t.name, primaryKey(t));
      const was = before.get(t.name) ?? [];
      const i = firstDifference(back, was, new Set());
      if (i >= 0) throw new LawFailure("rollback is exact", originFor(unit, t.name), was[i] ?? back[i], `${t.name}: after rollback the row is ${JSON.stringify(back[i]) ?? "gone"}, before the migration it was ${JSON.stringify(was[i]) ?? "not there"}`);
    }
    return;
  }
  await applySteps(db, unit);
  for (const [from, name] of names) {
    if (!name) continue;
    const again = await snapshot(db, name, primaryKey(unit.after.tables.get(name) ?? unit.before.tables.get(from)!));
    const first = applied.get(from) ?? [];
    const i = firstDifference(again, first, volatileColumns(unit, name));
    if (i >= 0) throw new LawFailure("rollback is exact", lossy.origin, first[i] ?? again[i], `${name}: up(down(up(row))) is ${JSON.stringify(again[i])}, up(row) was ${JSON.stringify(first[i])} (step \`${lossy.summary}\` has a declared reverse that loses it)`);
  }
}

/** The first position where two row lists differ (-1: none); `volatile` columns compare by shape. */
function firstDifference(a: readonly Row[], b: readonly Row[], volatile: ReadonlySet<string>): number {
  const n = Math.max(a.length, b.length);
  const strip = (r: Row | undefined) => (r ? Object.fromEntries(Object.entries(r).map(([k, v]) => [k, volatile.has(k) ? shapeOf(v) : v])) : r);
  for (let i = 0; i < n; i++) if (!jsonEqual(strip(a[i]), strip(b[i]))) return i;
  return -1;
}

/** Columns of `table` (after the migration) whose values each apply makes up anew: volatile mappings, volatile defaults of new columns. */
function volatileColumns(unit: CompiledUnit, table: string): Set<string> {
  const out = new Set<string>();
  for (const m of unit.mappings) if (m.after.name === table) for (const { assignment: a } of m.assignments) if (volatilityOf(a.value) === "volatile") out.add(a.target);
  for (const c of unit.after.tables.get(table)?.columns ?? []) if (c.default?.volatile) out.add(c.name);
  return out;
}

/** The spec line of the migration's first step on `table` (rename and mapping aside: where the table's change is written). */
function originFor(unit: CompiledUnit, table: string) {
  return unit.plan.steps.find((s) => s.table === table && s.reversibility.kind !== "reversible")?.origin ?? unit.plan.steps.find((s) => s.table === table)?.origin ?? null;
}
