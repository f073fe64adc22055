import fc from "fast-check";
import { expect } from "vitest";
import type { Plan, Step } from "../../../core/plan.js";
import { concurrentIndexStatement } from "../../../runtime/transaction.js";
import { snapshotCatalog, snapshotRows, type Catalog, type Queryable } from "./catalog.js";
import { insertRows, schemaRowsArb, type ValueOverrides } from "./rows.js";
import { compileCase, plansOf, type CaseSpec } from "./spec.js";
import { ENSURE_CLOSED_MAP_FUNCTION } from "../../../core/closed-map.js";

/** The time every case's `now()` reads (kmig's runtime pins it the same way). */
export const RUN_AT = "2026-11-25 12:00:00+00";

/** A table's rows parsed from `to_jsonb(row)`, sorted by `id` (or by the whole row without one). */
export type ParsedRows = Record<string, Record<string, unknown>[]>;

/** What an after-apply assertion gets to look at. */
export interface AfterState {
  readonly c: Queryable;
  readonly before: ParsedRows;
  readonly after: ParsedRows;
  readonly beforeCatalog: Catalog;
  readonly catalog: Catalog;
}

/**
 * One operation case: a baseline, the migrations under test, the plan shape kmig must produce,
 * what the data must look like after `up`, and (only for a declared, lossy reverse) what rollback
 * gives instead of the original rows.
 */
export interface OpCase extends CaseSpec {
  readonly name: string;
  /** `op:reversibility` of every migration step, in order: pins the plan's shape and classification. */
  readonly steps: readonly string[];
  readonly values?: ValueOverrides;
  readonly maxRows?: number;
  readonly runs?: number;
  readonly after?: (s: AfterState) => void | Promise<void>;
  /** SQL run once the rows are in, before the migrations (say, to move a sequence on). */
  readonly setup?: readonly string[];
  /** SQL that must work after apply and again after rollback (inserts that omit a key, say); run after the checks. */
  readonly probe?: readonly string[];
  /** For lossy steps only: the rows rollback gives back (default: exactly the rows before). */
  readonly rolledBack?: (before: ParsedRows) => ParsedRows;
  /**
   * Each statement commits on its own, as kmig's runtime commits each step: for steps whose effect a
   * later step may only use once committed (a label `add value` adds). Runs reset the schemas.
   */
  readonly commitEachStep?: boolean;
}

export const shapeOf = (steps: readonly Step[]): string[] => steps.map((s) => `${s.op}:${s.reversibility.kind}`);

/**
 * The law of every reversible operation, on the real server, for generated rows: the baseline
 * plan's SQL builds the tables, the rows go in, the migrations' `up` runs, the case checks the
 * result, every step's `down` runs in reverse, and schema and rows are exactly what they were.
 */
export async function checkRoundTrip(c: Queryable, k: OpCase, runs = k.runs ?? 12): Promise<void> {
  const chain = compileCase(k);
  const { baseline, migrations } = plansOf(chain);
  const steps = migrations.flatMap((p) => p.steps);
  expect(shapeOf(steps), "op:reversibility of each step").toEqual(k.steps);
  for (const s of steps) expect(s.down === null, `${s.summary}: down is null exactly when irreversible`).toBe(s.reversibility.kind === "irreversible");
  const reversible = steps.every((s) => s.down !== null);
  // An index build CONCURRENTLY (up, or a lowered down) cannot run in the case's transaction.
  const inTransaction = !k.commitEachStep && [...baseline.steps, ...steps].every((s) => s.transactional && !(s.down ?? []).some(concurrentIndexStatement));
  const schema = chain.units[0].after;
  await fc.assert(
    fc.asyncProperty(schemaRowsArb(schema, k.values, k.maxRows), async (rows) => {
      await isolate(c, inTransaction);
      try {
        await runUp(c, [baseline]);
        await insertRows(c, schema, rows);
        for (const sql of k.setup ?? []) await c.query(sql);
        const beforeCatalog = await snapshotCatalog(c);
        const beforeRows = await snapshotRows(c, beforeCatalog.tables);
        await c.query(`SET kmig.run_at = '${RUN_AT}'`);
        await runUp(c, migrations);
        const catalog = await snapshotCatalog(c);
        const afterRows = await snapshotRows(c, catalog.tables);
        await k.after?.({ c, before: parse(beforeRows), after: parse(afterRows), beforeCatalog, catalog });
        await probe(c, k, "after apply", inTransaction);
        if (!reversible) return;
        await runDown(c, migrations);
        expect(await snapshotCatalog(c)).toEqual(beforeCatalog);
        const restored = await snapshotRows(c, beforeCatalog.tables);
        if (k.rolledBack) expect(parse(restored)).toEqual(k.rolledBack(parse(beforeRows)));
        else expect(restored).toEqual(beforeRows);
        await probe(c, k, "after rollback", inTransaction);
      } finally {
        if (inTransaction) await c.query("ROLLBACK");
        else await resetSchemas(c);
      }
    }),
    { numRuns: runs },
  );
}

/**
 * Runs the case's probe statements, then undoes what they did: a savepoint (probes need a
 * transaction) and, since sequences ignore transactions, their states set back one by one.
 */
async function probe(c: Queryable, k: OpCase, when: string, inTransaction: boolean): Promise<void> {
  if (!k.probe) return;
  const states = (await snapshotCatalog(c)).sequences;
  await c.query(inTransaction ? "SAVEPOINT kmig_probe" : "BEGIN");
  try {
    for (const sql of k.probe) {
      try {
        await c.query(sql);
      } catch (e) {
        throw new Error(`probe ${when} failed: ${(e as Error).message}\n  ${sql}`);
      }
    }
  } finally {
    await c.query(inTransaction ? "ROLLBACK TO SAVEPOINT kmig_probe" : "ROLLBACK");
  }
  for (const q of states) {
    const [value, called] = q.state.split(" ");
    await c.query(`SELECT setval($1::regclass, $2::bigint, $3::boolean)`, [`public."${q.name.replace(/"/g, '""')}"`, value, called === "true"]);
  }
}

/** Each run starts from an empty database: a transaction rolled back, or (for CONCURRENTLY) fresh schemas. */
async function isolate(c: Queryable, inTransaction: boolean): Promise<void> {
  if (inTransaction) await c.query("BEGIN");
  else await resetSchemas(c);
  // What a closed map's SQL calls, as apply creates it with the ledger (core/closed-map.ts).
  await c.query(ENSURE_CLOSED_MAP_FUNCTION);
}

async function resetSchemas(c: Queryable): Promise<void> {
  await c.query("DROP SCHEMA IF EXISTS kmig CASCADE");
  await c.query("DROP SCHEMA IF EXISTS public CASCADE");
  await c.query("CREATE SCHEMA public");
}

export async function runUp(c: Queryable, plans: readonly Plan[]): Promise<void> {
  for (const p of plans) for (const s of p.steps) for (const sql of s.up) await run(c, s, sql, "up");
}

export async function runDown(c: Queryable, plans: readonly Plan[]): Promise<void> {
  for (const p of [...plans].reverse()) for (const s of [...p.steps].reverse()) for (const sql of s.down ?? []) await run(c, s, sql, "down");
}

async function run(c: Queryable, step: Step, sql: string, dir: string): Promise<void> {
  try {
    await c.query(sql);
  } catch (e) {
    throw new Error(`${dir} of step ${step.id} (${step.summary}) failed: ${(e as Error).message}\n  ${sql}`);
  }
}

function parse(rows: Record<string, string[]>): ParsedRows {
  const out: ParsedRows = {};
  for (const [t, texts] of Object.entries(rows)) {
    const parsed = texts.map((x) => JSON.parse(x) as Record<string, unknown>);
    const key = (r: Record<string, unknown>) => JSON.stringify("id" in r ? r.id : r);
    out[t] = parsed.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  }
  return out;
}
