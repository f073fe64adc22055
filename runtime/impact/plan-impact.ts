import { checkDeclaredSql, hasDeclaredSql } from "../declared-sql.js";
import type { Db } from "../db/connection.js";
import { readLedger, type LedgerRow } from "../ledger.js";
import { refuseCitusWorker } from "../citus/coordinator-only.js";
import type { Plan, Step } from "../../core/plan.js";
import { backfillCursor } from "../run-backfill.js";
import { verifyChain } from "../verify-chain.js";
import { planToRun } from "../recorded-plan.js";
import { SILENT } from "../events.js";
import { liveState, type SimState } from "./live-tables.js";
import { simulateBackfill } from "./simulate-backfill.js";
import { simulateSql, type Finding } from "./simulate-sql.js";
import { setAsideUnborn } from "./unborn.js";
import { configImpact, type ConfigFolders } from "./config-impact.js";
import type { ConfigFileImpact, MigrationImpact, PlanImpact, StepImpact, Violation } from "./types.js";
import { planWarnings } from "./warnings.js";
import { dependentFindings, recreateViewNotes, triggerNotes } from "./dependents.js";
import { ENSURE_CLOSED_MAP_FUNCTION } from "../../core/closed-map.js";
import { guarded } from "./violations.js";
import { tryStatements, type Tried } from "./try-statements.js";
import { readCitusTopology } from "../citus/topology.js";

export interface PlanOptions {
  /** Plan up to the migration that reaches this version; null: every pending one. */
  readonly to: string | null;
  readonly batchSize: number;
  /** What `now()` in mappings reads during the dry run. */
  readonly runAt: string;
  /** Config folders, as apply takes them: their files are planned too (absent or null: not). */
  readonly config?: ConfigFolders | null;
  /**
   * Whether to try the statements apply runs in a rolled-back transaction (try-statements.ts).
   * Absent: on Citus, where the simulation's SELECTs do not show what the cluster refuses.
   */
  readonly tryStatements?: boolean;
}

/**
 * `kmig plan`: what `kmig apply` would do, step by step, and what in the live data would make it
 * fail. Everything runs in one read-only transaction that is rolled back: nothing is written,
 * no lock beyond a reader's is taken. Throws as apply would for an edited or unknown migration.
 */
export async function planImpact(db: Db, plans: readonly Plan[], opts: PlanOptions): Promise<PlanImpact> {
  await refuseCitusWorker(db);
  const ledger = await ledgerIfAny(db);
  const recorded = verifyChain(plans, ledger);
  // Config files first, as apply computes them: bad input stops the plan with apply's own error.
  const config = opts.config ?? null;
  const files = config ? configImpact(pendingOf(plans, recorded, opts.to), config) : new Map<string, ConfigFileImpact[]>();
  // Declared `sql` items are checked as apply checks them (a scratch replay, rolled back) and stop the plan alike.
  const pending = pendingOf(plans, recorded, opts.to);
  if (pending.some(hasDeclaredSql)) await checkDeclaredSql(db, plans.slice(0, plans.indexOf(pending[pending.length - 1]) + 1));
  const simulated = await simulateAll(db, plans, recorded, opts, files);
  const trying = opts.tryStatements ?? (await readCitusTopology(db)) !== null;
  if (!trying) return simulated;
  const creating = simulated.migrations.filter((m) => m.state !== "half-done").map((m) => plans.find((p) => p.id === m.id) as Plan);
  // A half-done migration resumes by its recorded plan, past steps the trial cannot replay: it is not tried.
  if (simulated.migrations.some((m) => m.state === "half-done")) return simulated;
  return withTried(simulated, await tryStatements(db, creating, opts.runAt));
}

/** The simulation proper: one read-only transaction, rolled back. */
async function simulateAll(db: Db, plans: readonly Plan[], recorded: ReadonlyMap<string, LedgerRow>, opts: PlanOptions, files: Map<string, ConfigFileImpact[]>): Promise<PlanImpact> {
  const config = opts.config ?? null;
  await db.query("BEGIN");
  try {
    // Closed maps' SQL calls kmig's function: made here where missing, gone with the rollback (a user who may not create it plans without it).
    await guarded(db, () => db.exec(ENSURE_CLOSED_MAP_FUNCTION));
    await db.query("SET TRANSACTION READ ONLY");
    await db.query(`SELECT set_config('kmig.run_at', $1, true)`, [opts.runAt]);
    const sim = await liveState(db);
    const migrations: MigrationImpact[] = [];
    const violations: Violation[] = [];
    const base = plans[0]?.kind === "baseline" && !recorded.has(plans[0].id) ? plans[0] : null;
    if (base) {
      const existing = base.steps.flatMap((s) => (s.kind === "sql" && s.op === "create-table" && s.table && sim.views.has(s.table) ? [s.table] : []));
      if (existing.length === 0) migrations.push(await simulatePlan(db, sim, base, null, violations, opts, "create"));
      else violations.push({ migration: base.id, step: "baseline", origin: { file: base.file, line: 1, column: 1 }, what: `the database already has tables of baseline ${base.id} (${existing.join(", ")}), but kmig has not recorded it: run \`kmig baseline\` first`, rows: 0, examples: [] });
    }
    for (const plan of pendingOf(plans, recorded, opts.to)) {
      const row = recorded.get(plan.id) ?? null;
      // A half-done migration is finished by the plan recorded when it started (as apply does).
      const run = row ? await planToRun(db, plan, row, SILENT, "resuming apply") : plan;
      migrations.push(await simulatePlan(db, sim, run, row, violations, opts, row ? "half-done" : "pending"));
    }
    const withFiles = migrations.map((m) => ({ ...m, files: files.get(m.id) ?? [] }));
    return { database: db.where, config, migrations: withFiles, violations, warnings: planWarnings(withFiles, plans, config !== null) };
  } finally {
    await db.query("ROLLBACK");
  }
}

/** The ledger, or nothing when kmig never ran here (plan creates nothing, not even kmig's schema). */
async function ledgerIfAny(db: Db): Promise<LedgerRow[]> {
  const r = await db.query<{ t: string | null }>(`SELECT to_regclass('"kmig"."ledger"')::text AS t`);
  return r.rows[0]?.t ? readLedger(db) : [];
}

/** The migrations apply would run, in order: not applied, up to `to`. */
export function pendingOf(plans: readonly Plan[], recorded: ReadonlyMap<string, LedgerRow>, to: string | null): Plan[] {
  const out: Plan[] = [];
  for (const p of plans) {
    // `--to` the baseline's version (or one already reached) leaves nothing after it pending.
    if (p.kind !== "baseline" && recorded.get(p.id)?.state !== "applied") out.push(p);
    if (to !== null && p.to === to) break;
  }
  return out;
}

async function simulatePlan(db: Db, sim: SimState, plan: Plan, row: LedgerRow | null, violations: Violation[], opts: PlanOptions, state: MigrationImpact["state"]): Promise<MigrationImpact> {
  const done = row?.steps_done ?? 0;
  const steps: StepImpact[] = [];
  const viewsDropped = new Set<string>();
  for (let i = 0; i < plan.steps.length; i++) {
    const step = plan.steps[i];
    if (step.op === "drop-views" && step.table) viewsDropped.add(step.table);
    if (step.op === "recreate-views" && step.table) viewsDropped.delete(step.table);
    const cursor = i === done && step.kind === "backfill" && row ? await backfillCursor(db, plan.id, step.id) : null;
    const status = i < done ? "done" : cursor ? "resumes" : "pending";
    const r = status === "done" ? { rows: null, maps: [], findings: [], notes: [] } : await simulateStep(db, sim, step, cursor);
    if (status !== "done") {
      r.findings.push(...(await dependentFindings(db, step, viewsDropped)));
      r.notes.push(...(await triggerNotes(db, step)), ...(await recreateViewNotes(db, step)));
    }
    const mine = r.findings.map((f) => toViolation(plan, step, f));
    violations.push(...mine);
    const batches = step.kind === "backfill" && step.key.length > 0 ? `in batches of ${opts.batchSize} rows by (${step.key.map((k) => k.column).join(", ")})` : null;
    steps.push({ index: i + 1, id: step.id, summary: step.summary, op: step.op, origin: step.origin, sql: step.up, reversibility: step.reversibility, status, rows: r.rows, batches, maps: r.maps, violations: mine, notes: r.notes });
  }
  return { id: plan.id, kind: plan.kind, from: plan.from, to: plan.to, description: plan.description, state, steps, files: [] };
}

async function simulateStep(db: Db, sim: SimState, step: Step, cursor: unknown[] | null): Promise<{ rows: number | null; maps: StepImpact["maps"]; findings: Finding[]; notes: string[] }> {
  if (step.kind === "backfill") return setAsideUnborn(sim, step, await simulateBackfill(db, sim, step, cursor));
  const r = await simulateSql(db, sim, step);
  return setAsideUnborn(sim, step, { rows: null, maps: [], ...r });
}

/** The plan with what the trial found: a refused statement is a violation of its step, a stop a note. */
function withTried(p: PlanImpact, tried: readonly Tried[]): PlanImpact {
  const added: Violation[] = [];
  const migrations = p.migrations.map((m) => ({
    ...m,
    steps: m.steps.map((s) => {
      const t = tried.find((x) => x.migration === m.id && x.stepIndex === s.index - 1);
      if (!t) return s;
      if (!t.refused) return { ...s, notes: [...s.notes, t.note as string] };
      const v: Violation = { migration: m.id, step: s.summary, origin: t.refused.origin, what: `the database refuses the statement apply runs: ${t.refused.message} (in: ${t.refused.statement.length > 200 ? `${t.refused.statement.slice(0, 200)}…` : t.refused.statement})`, rows: 0, examples: [] };
      added.push(v);
      return { ...s, violations: [...s.violations, v] };
    }),
  }));
  return { ...p, migrations, violations: [...p.violations, ...added] };
}

function toViolation(plan: Plan, step: Step, f: Finding): Violation {
  return { migration: plan.id, step: step.summary, origin: step.origin, what: f.what, rows: f.found.rows, examples: f.found.examples };
}
