import type { Db } from "./db/connection.js";
import { RunError } from "./errors.js";
import type { Reporter } from "./events.js";
import type { LedgerRow } from "./ledger.js";
import { PLAN_FORMAT, type Plan } from "../core/plan.js";
import { KMIG_VERSION } from "../core/version.js";
import { sameMeaning } from "./verify-chain.js";

/**
 * The plan the ledger recorded for an applied (or half-applied) migration: what rollback undoes
 * and a resumed apply finishes, whatever the spec or the compiler say today (docs/ledger.md).
 */
export interface RecordedPlan {
  readonly plan: Plan;
  /** The kmig that recorded it. */
  readonly kmigVersion: string;
  /** `applied`: recorded as it ran; `adopted`: a ledger from a kmig that recorded no plans, given the plan of its unedited spec. */
  readonly source: "applied" | "adopted";
}

/** A plan as the ledger stores it (jsonb): plain data; anything that is not (a function) is left out. */
export function planJson(plan: Plan): string {
  return JSON.stringify(plan, (_k, v: unknown) => (typeof v === "function" || typeof v === "bigint" ? undefined : v));
}

/** The recorded plan of migration `id`; null where the ledger holds none (a kmig 0.1 row not yet adopted). */
export async function loadRecordedPlan(db: Db, id: string): Promise<RecordedPlan | null> {
  const r = await db.query<{ plan: string | null; kmig_version: string | null; plan_source: string | null }>(
    `SELECT "plan"::text AS "plan", "kmig_version", "plan_source" FROM "kmig"."ledger" WHERE "id" = $1`,
    [id],
  );
  const row = r.rows[0];
  if (!row || row.plan === null) return null;
  const plan = parseRecordedPlan(id, row.plan, row.kmig_version ?? "unknown");
  return { plan, kmigVersion: row.kmig_version ?? "unknown", source: row.plan_source === "adopted" ? "adopted" : "applied" };
}

/** A recorded plan read back, checked to be one this kmig can run: K9070 for a newer format, K9071 for one that is not a plan. */
export function parseRecordedPlan(id: string, text: string, kmigVersion: string): Plan {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw damaged(id, "it is not JSON");
  }
  if (!isObject(value)) throw damaged(id, "it is not an object");
  if (typeof value.planFormat === "number" && value.planFormat > PLAN_FORMAT) {
    throw new RunError(
      "K9070",
      `migration ${id} was applied by kmig ${kmigVersion}, which recorded its plan in plan format ${value.planFormat}; this kmig (${KMIG_VERSION}) reads plan format ${PLAN_FORMAT} and older`,
      `run this command with kmig ${kmigVersion} or newer: the recorded plan is what runs, and this kmig cannot read it`,
    );
  }
  const problem = planProblem(id, value);
  if (problem) throw damaged(id, problem);
  return value as unknown as Plan;
}

/** What keeps `v` from being a plan of migration `id` as this kmig runs it, or null. */
function planProblem(id: string, v: Record<string, unknown>): string | null {
  if (v.planFormat !== PLAN_FORMAT) return `its plan format is ${JSON.stringify(v.planFormat)}`;
  if (v.id !== id) return `it is the plan of ${JSON.stringify(v.id)}`;
  if (!Array.isArray(v.steps) || !Array.isArray(v.config)) return "it has no steps";
  for (const [i, s] of (v.steps as unknown[]).entries()) {
    if (!isObject(s) || (s.kind !== "sql" && s.kind !== "backfill") || typeof s.id !== "string" || typeof s.summary !== "string") return `step ${i + 1} is not a step`;
    if (!strings(s.up) || (s.down !== null && !strings(s.down))) return `step ${i + 1} (${s.summary}) has no SQL`;
    if (!isObject(s.reversibility) || !Array.isArray(s.lossChecks) || !isObject(s.origin)) return `step ${i + 1} (${s.summary}) is incomplete`;
    if (s.kind === "backfill" && (!isObject(s.batch) || !Array.isArray(s.key) || !Array.isArray(s.assignments))) return `step ${i + 1} (${s.summary}) is incomplete`;
  }
  return null;
}

function damaged(id: string, why: string): RunError {
  return new RunError("K9071", `the plan kmig recorded for migration ${id} cannot be read: ${why}`, "the ledger (\"kmig\".\"ledger\") was changed by hand or by another tool: restore the schema `kmig` from a backup", null);
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const strings = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === "string");

/**
 * The migration path of ledgers that older kmigs wrote: a row without a plan whose spec still
 * means what was applied is given that spec's plan (as `adopted`), so that from now on rollback
 * runs a recorded plan there too. A row whose spec was edited is left without: rollback refuses it (K9001).
 */
export async function adoptPlans(db: Db, plans: readonly Plan[], rows: ReadonlyMap<string, LedgerRow>): Promise<void> {
  for (const p of plans) {
    const r = rows.get(p.id);
    if (!r || r.has_plan || !sameMeaning(r, p)) continue;
    await db.query(
      `UPDATE "kmig"."ledger" SET "plan" = $2::jsonb, "plan_format" = $3, "kmig_version" = $4, "plan_source" = 'adopted' WHERE "id" = $1 AND "plan" IS NULL`,
      [p.id, planJson(p), p.planFormat, KMIG_VERSION],
    );
  }
}

/**
 * The plan that runs for a migration the ledger knows: the recorded one. Where the spec was edited
 * since, `edited` is reported (K9001) as a warning and the edit is not used; a ledger row without a
 * recorded plan (kmig 0.1) runs the spec's plan only when the spec is unedited, else K9001 stops it.
 */
export async function planToRun(db: Db, spec: Plan, row: LedgerRow, reporter: Reporter, doing: string): Promise<Plan> {
  const recorded = row.has_plan ? await loadRecordedPlan(db, spec.id) : null;
  const edited = !sameMeaning(row, spec);
  if (recorded) {
    if (edited) reporter.emit({ type: "warning", code: "K9001", message: `migration ${spec.id} was applied with checksum ${short(row.checksum)}, but its spec (${spec.file}) now means something else (${short(spec.checksum)}): ${doing} runs the plan recorded when it was applied (by kmig ${recorded.kmigVersion}), not the edited spec` });
    return recorded.plan;
  }
  if (edited) {
    throw new RunError(
      "K9001",
      `migration ${spec.id} was applied with checksum ${short(row.checksum)}, but its spec (${spec.file}) now means something else (${short(spec.checksum)}), and the ledger holds no plan of it (it was applied by a kmig that recorded none)`,
      `${doing} cannot run an edited spec: put the spec back as it was when it was applied (version control has it) and run it again`,
    );
  }
  return spec;
}

const short = (checksum: string) => `${checksum.slice(0, 12)}…`;
