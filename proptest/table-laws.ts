import type { TableMapping } from "../compiler/migration/context.js";
import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import { lowerJs, mapJs } from "../compiler/expr/lower-js.js";
import type { Type } from "../core/types.js";
import { insertableColumns, insertOverriding, primaryKey, type TableState } from "../compiler/model/schema.js";
import type { Db } from "../runtime/db/connection.js";
import { jsonEqual, rt } from "../runtime/js-runtime.js";
import type { Origin, Plan } from "../core/plan.js";
import { expectedMapOutput } from "./map-oracle.js";

type Fn = (row: unknown, rtArg: typeof rt, maps: Record<string, (v: unknown) => unknown>, next?: unknown) => unknown;

/** A broken law: which, where in the spec, and the row that breaks it. */
export class LawFailure extends Error {
  constructor(
    readonly law: string,
    readonly origin: Origin | null,
    readonly row: unknown,
    message: string,
  ) {
    super(message);
  }
}

export const LAWS = ["forward is total", "SQL agrees with JS", "status maps land where they say", "expect clauses hold", "rollback is exact"] as const;

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;
const compile = (js: string): Fn => new Function("row", "rt", "maps", "next", `return (${js});`) as Fn;

/** A column's text (PostgreSQL's output) read back into the JS value model. */
export function fromText(text: string | null, t: Type): unknown {
  if (text === null) return undefined;
  if (t.kind === "json") return JSON.parse(text);
  if (t.kind !== "scalar") return text;
  if (t.name === "boolean") return text === "true" || text === "t";
  if (["smallint", "integer", "real", "double precision"].includes(t.name)) return Number(text);
  return text;
}

/** A JS value as the parameter of an INSERT: JSON as text, NULL as null. */
function param(v: unknown, t: Type): unknown {
  if (v === undefined) return null;
  if (t.kind === "json") return JSON.stringify(v);
  if (t.kind === "array") return v;
  return typeof v === "boolean" ? String(v) : v;
}

function sameValue(js: unknown, sql: unknown, t: Type): boolean {
  if (js === undefined || sql === undefined) return js === sql;
  if (t.kind === "json") return jsonEqual(js, sql);
  if (t.kind === "scalar" && ["numeric", "bigint", "real", "double precision"].includes(t.name)) return Number(js) === Number(sql);
  return js === sql;
}

async function selectRows(db: Db, table: TableState): Promise<Record<string, unknown>[]> {
  const key = (primaryKey(table) ?? table.columns.map((c) => c.name)).map(q).join(", ");
  const cols = table.columns.map((c) => `${q(c.name)}::text AS ${q(c.name)}`).join(", ");
  const r = await db.query<Record<string, string | null>>(`SELECT ${cols} FROM ${q(table.name)} ORDER BY ${key}`);
  return r.rows.map((row) => Object.fromEntries(table.columns.map((c) => [c.name, fromText(row[c.name], c.type)])));
}

/**
 * One run of every law of one migration, on generated rows, inside a transaction that is always
 * rolled back: replay the chain before it, insert the rows, apply, compare with the JS
 * implementation and the spec's own expectations, roll back, compare with the rows inserted.
 */
export async function checkMigrationOnce(db: Db, unit: CompiledUnit, rows: ReadonlyMap<string, Record<string, unknown>[]>): Promise<void> {
  const maps = Object.fromEntries([...unit.maps.entries()].map(([name, m]) => [name, new Function(`return ${mapJs(m)};`)() as (v: unknown) => unknown]));
  await db.query("SAVEPOINT kmig_run");
  try {
    const snapshots = new Map<string, Record<string, unknown>[]>();
    for (const m of unit.mappings) {
      const data = rows.get(m.table) ?? [];
      const cols = insertableColumns(m.before);
      for (const r of data) {
        await db.query(`INSERT INTO ${q(m.table)} (${cols.map((c) => q(c.name)).join(", ")}) ${insertOverriding(m.before)}VALUES (${cols.map((c, i) => `$${i + 1}::${c.type.kind === "json" ? c.type.storage : sqlTypeOf(c.type)}`).join(", ")})`, cols.map((c) => param(r[c.name], c.type)));
      }
      snapshots.set(m.table, await db.query<{ r: string }>(`SELECT to_jsonb(t)::text AS r FROM ${q(m.table)} t ORDER BY 1`).then((x) => x.rows.map((y) => JSON.parse(y.r))));
    }
    const up = async () => {
      for (const s of unit.plan.steps) {
        for (const sql of s.up) {
          try {
            await db.query(sql);
          } catch (e) {
            throw new LawFailure("forward is total", s.origin, null, `step \`${s.summary}\` fails: ${(e as Error).message}`);
          }
        }
      }
    };
    await up();
    const afterUp = new Map<string, Record<string, unknown>[]>();
    for (const m of unit.mappings) {
      const after = await selectRows(db, m.after);
      afterUp.set(m.table, after);
      checkMapping(m, rows.get(m.table) ?? [], after, maps);
    }
    const kinds = new Set(unit.plan.steps.map((s) => s.reversibility.kind));
    if (!kinds.has("irreversible")) {
      for (const s of [...unit.plan.steps].reverse()) for (const sql of s.down ?? []) await db.query(sql);
      if (kinds.has("lossy")) {
        await up();
        for (const m of unit.mappings) {
          const again = await selectRows(db, m.after);
          const lossy = unit.plan.steps.find((st) => st.reversibility.kind === "lossy" && st.table === m.table) ?? null;
          const i = again.findIndex((r, k) => !jsonEqual(r, afterUp.get(m.table)?.[k]));
          if (i >= 0) throw new LawFailure("rollback is exact", lossy?.origin ?? null, (rows.get(m.table) ?? [])[i] ?? again[i], `${m.table}: up(down(up(row))) is ${JSON.stringify(again[i])}, up(row) was ${JSON.stringify(afterUp.get(m.table)?.[i])} (${lossy ? `step \`${lossy.summary}\` has a declared reverse that loses it` : "a declared reverse loses it"})`);
        }
      } else {
        for (const m of unit.mappings) {
          const back = await db.query<{ r: string }>(`SELECT to_jsonb(t)::text AS r FROM ${q(m.table)} t ORDER BY 1`).then((x) => x.rows.map((y) => JSON.parse(y.r)));
          const before = snapshots.get(m.table) ?? [];
          const i = back.findIndex((r, k) => !jsonEqual(r, before[k]));
          if (i >= 0 || back.length !== before.length) throw new LawFailure("rollback is exact", m.assignments[0] ? originAt(unit, m) : null, before[Math.max(0, i)], `${m.table}: after rollback the row is ${JSON.stringify(back[i])}, before it was ${JSON.stringify(before[i])}`);
        }
      }
    }
  } finally {
    await db.query("ROLLBACK TO SAVEPOINT kmig_run");
  }
}

/**
 * Opens the transaction every run of a migration works in: a schema of its own holding the chain
 * before the migration. Each run is a savepoint rolled back; `end` rolls the whole thing back.
 */
export async function openLawSession(db: Db, prior: readonly Plan[], runAt: string): Promise<{ end: () => Promise<void> }> {
  await db.query("BEGIN");
  await db.query(`CREATE SCHEMA "kmig_proptest"`);
  await db.query(`SELECT set_config('search_path', '"kmig_proptest", public', true), set_config('kmig.run_at', $1, true), set_config('session_replication_role', 'replica', true)`, [runAt]);
  for (const p of prior) for (const s of p.steps) for (const sql of s.up) await db.query(sql);
  return { end: async () => void (await db.query("ROLLBACK")) };
}

function sqlTypeOf(t: Type): string {
  if (t.kind === "scalar") return `${t.name}${t.args.length ? `(${t.args.join(",")})` : ""}`;
  if (t.kind === "array") return `${sqlTypeOf(t.element)}[]`;
  return "text";
}

function originAt(unit: CompiledUnit, m: TableMapping): Origin | null {
  const step = unit.plan.steps.find((s) => s.id === m.stepId);
  return step?.origin ?? null;
}

const spanOrigin = (unit: CompiledUnit, start: number): Origin => {
  const lines = unit.file.text.slice(0, start).split("\n");
  return { file: unit.file.path, line: lines.length, column: lines[lines.length - 1].length + 1 };
};

/** Each mapped column: JS and SQL agree; a status map sends each input where the map says. */
function checkMapping(m: TableMapping, before: readonly Record<string, unknown>[], after: readonly Record<string, unknown>[], maps: Record<string, (v: unknown) => unknown>): void {
  const unit = currentUnit;
  const key = primaryKey(m.before) ?? [];
  const byKey = new Map(after.map((r) => [JSON.stringify(key.map((k) => r[renamed(m, k)])), r]));
  const fns = m.assignments.map(({ assignment: a }) => ({ a, fn: compile(lowerJs(a.value)) }));
  const expects = m.expects.map((e) => ({ e, claim: compile(lowerJs(e.expr)), when: e.when ? compile(lowerJs(e.when)) : null }));
  for (const row of before) {
    const got = byKey.get(JSON.stringify(key.map((k) => row[k])));
    if (!got) continue;
    for (const { a, fn } of fns) {
      let js: unknown;
      try {
        js = fn(row, rt, maps);
      } catch (e) {
        throw new LawFailure("forward is total", unit ? spanOrigin(unit, a.span.start) : null, row, `the JS mapping of ${m.table}.${a.target} throws: ${(e as Error).message}`);
      }
      if (a.value.kind === "mapApply" && a.value.arg.kind === "column" && unit) {
        const map = unit.maps.get(a.value.map);
        const want = map ? expectedMapOutput(map, row[a.value.arg.column]) : undefined;
        if (map && !sameValue(want, got[a.target], a.targetType)) {
          throw new LawFailure("status maps land where they say", spanOrigin(unit, map.ast.span.start), row, `${a.value.map}(${JSON.stringify(row[a.value.arg.column])}) should be ${JSON.stringify(want)} by the map's entries, the migration wrote ${JSON.stringify(got[a.target])}`);
        }
      }
      if (!sameValue(js, got[a.target], a.targetType)) {
        throw new LawFailure("SQL agrees with JS", unit ? spanOrigin(unit, a.span.start) : null, row, `${m.table}.${a.target}: SQL gives ${JSON.stringify(got[a.target])}, JS gives ${JSON.stringify(js)}`);
      }
    }
    for (const { e, claim, when } of expects) {
      const applies = when ? rt.truthyCond(when(row, rt, maps, got)) : true;
      if (applies && claim(row, rt, maps, got) !== true) {
        throw new LawFailure("expect clauses hold", unit ? spanOrigin(unit, e.span.start) : null, row, `expect fails for this row (new row: ${JSON.stringify(got)})`);
      }
    }
  }
}

/** The name a key column has after the block (kmig keys rows by primary key, which mappings keep). */
function renamed(m: TableMapping, column: string): string {
  return m.after.columns.some((c) => c.name === column) ? column : column;
}

/** The unit being checked (for spec positions in failures). */
let currentUnit: CompiledUnit | null = null;
export function setCurrentUnit(u: CompiledUnit | null): void {
  currentUnit = u;
}
