import { hostname, userInfo } from "node:os";
import { isDbError, type Db, type QueryResult } from "./db/connection.js";
import { RunError } from "./errors.js";
import type { Plan } from "../core/plan.js";
import { sameMeaning } from "./verify-chain.js";
import { KMIG_VERSION } from "../core/version.js";
import { planJson } from "./recorded-plan.js";
import { ENSURE_CLOSED_MAP_FUNCTION } from "../core/closed-map.js";

/** One migration as the ledger knows it. */
export interface LedgerRow {
  readonly id: string;
  readonly kind: string;
  readonly version: string;
  readonly checksum: string;
  readonly state: "applying" | "applied" | "rolling_back";
  readonly steps_done: number;
  readonly started_at: string;
  readonly finished_at: string | null;
  /** Whether the ledger holds the plan that ran (kmig 0.1 recorded none; see recorded-plan.ts). */
  readonly has_plan: boolean;
}

/** kmig's own bookkeeping, in schema `kmig`, never among the user's tables. */
export async function ensureLedger(db: Db): Promise<void> {
  await db.exec(`
    CREATE SCHEMA IF NOT EXISTS "kmig";
    CREATE TABLE IF NOT EXISTS "kmig"."ledger" (
      "id" text PRIMARY KEY,
      "kind" text NOT NULL,
      "version" text NOT NULL,
      "from_version" text,
      "checksum" text NOT NULL,
      "state" text NOT NULL,
      "steps_done" integer NOT NULL DEFAULT 0,
      "started_at" timestamptz NOT NULL DEFAULT now(),
      "finished_at" timestamptz,
      "duration_ms" integer,
      "host" text,
      "os_user" text,
      "db_user" text NOT NULL DEFAULT current_user,
      "spec_file" text
    );
    -- Since kmig's own schema version 2: the plan that ran, so that rollback and a resumed apply run
    -- it and not what today's spec and compiler make of it (docs/ledger.md). Added to ledgers older
    -- kmigs created; their rows get a plan when the next apply or rollback finds their spec unedited.
    ALTER TABLE "kmig"."ledger" ADD COLUMN IF NOT EXISTS "plan" jsonb;
    ALTER TABLE "kmig"."ledger" ADD COLUMN IF NOT EXISTS "plan_format" integer;
    ALTER TABLE "kmig"."ledger" ADD COLUMN IF NOT EXISTS "kmig_version" text;
    ALTER TABLE "kmig"."ledger" ADD COLUMN IF NOT EXISTS "plan_source" text;
    CREATE TABLE IF NOT EXISTS "kmig"."backfill_progress" (
      "migration" text NOT NULL,
      "step" text NOT NULL,
      "last_key" jsonb,
      "rows_done" bigint NOT NULL DEFAULT 0,
      PRIMARY KEY ("migration", "step")
    );`);
  await db.exec(ENSURE_CLOSED_MAP_FUNCTION);
}

/** The ledger's rows; none on a database kmig has never written to (reading creates nothing). */
export async function readLedger(db: Db): Promise<LedgerRow[]> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('"kmig"."ledger"')::text AS t`);
  if (!exists.rows[0]?.t) return [];
  let r: QueryResult<Record<string, string>>;
  try {
    // The plan column is read by name through to_jsonb: a ledger an older kmig made has none yet.
    r = await db.query<Record<string, string>>(`SELECT "id", "kind", "version", "checksum", "state", "steps_done"::text, "started_at"::text, "finished_at"::text, (to_jsonb(l) -> 'plan') IS NOT NULL AND (to_jsonb(l) -> 'plan') <> 'null'::jsonb AS "has_plan" FROM "kmig"."ledger" AS l`);
  } catch (e) {
    throw damagedLedger(e);
  }
  return r.rows.map((x) => ({ ...x, steps_done: Number(x.steps_done), has_plan: x.has_plan === (true as unknown as string) || x.has_plan === "t" || x.has_plan === "true" }) as unknown as LedgerRow);
}

/**
 * The version the database is at: the chain's last migration the ledger records as applied, else
 * (nothing recorded: an empty database, or one kmig never ran on) the baseline's.
 */
export async function ledgerVersion(db: Db, plans: readonly Plan[]): Promise<string | null> {
  const applied = new Set((await readLedger(db)).filter((r) => r.state === "applied").map((r) => r.id));
  return [...plans].reverse().find((p) => applied.has(p.id))?.to ?? plans[0]?.to ?? null;
}

/** The ledger table is there but not in the shape kmig made it: changed by hand, or by a tool that is not this kmig. */
function damagedLedger(e: unknown): unknown {
  if (!isDbError(e) || !["42703", "42P01", "42804", "42846"].includes(e.code ?? "")) return e;
  return new RunError("K9031", `kmig's ledger ("kmig"."ledger") is not in the shape this kmig keeps it: ${e.message} [SQLSTATE ${e.code}]`, "it was changed by hand or by another tool: restore the schema `kmig` from a backup (kmig cannot tell what is applied without it)", null, e.message);
}

export async function recordStart(db: Db, plan: Plan): Promise<void> {
  let osUser = "";
  try {
    osUser = userInfo().username;
  } catch {
    osUser = "";
  }
  await db.query(
    `INSERT INTO "kmig"."ledger" ("id", "kind", "version", "from_version", "checksum", "state", "steps_done", "host", "os_user", "spec_file", "plan", "plan_format", "kmig_version", "plan_source")
     VALUES ($1, $2, $3, $4, $5, 'applying', 0, $6, $7, $8, $9::jsonb, $10, $11, 'applied')`,
    [plan.id, plan.kind, plan.to, plan.from, plan.checksum, hostname(), osUser, plan.file, planJson(plan), plan.planFormat, KMIG_VERSION],
  );
}

/** The SQL that records a finished step; run inside the step's own transaction. */
export const STEP_DONE_SQL = `UPDATE "kmig"."ledger" SET "steps_done" = $2 WHERE "id" = $1`;

export async function recordFinished(db: Db, id: string, state: "applied"): Promise<void> {
  await db.query(`UPDATE "kmig"."ledger" SET "state" = $2, "finished_at" = now(), "duration_ms" = (extract(epoch from now() - "started_at") * 1000)::int WHERE "id" = $1`, [id, state]);
}

export async function recordBaseline(db: Db, plan: Plan): Promise<void> {
  await recordStart(db, plan);
  await db.query(STEP_DONE_SQL, [plan.id, plan.steps.length]);
  await recordFinished(db, plan.id, "applied");
}

/**
 * Rewrites the checksums a kmig 0.1 ledger holds (where they match the spec) as this kmig
 * computes them, so that the next kmig, whose AST may differ, compares like with like.
 */
export async function adoptChecksums(db: Db, plans: readonly Plan[], rows: ReadonlyMap<string, LedgerRow>): Promise<void> {
  for (const p of plans) {
    const r = rows.get(p.id);
    if (r && r.checksum !== p.checksum && sameMeaning(r, p)) await db.query(`UPDATE "kmig"."ledger" SET "checksum" = $2 WHERE "id" = $1 AND "checksum" = $3`, [p.id, p.checksum, r.checksum]);
  }
}

export async function forget(db: Db, id: string): Promise<void> {
  await db.query(`DELETE FROM "kmig"."ledger" WHERE "id" = $1`, [id]);
  await db.query(`DELETE FROM "kmig"."backfill_progress" WHERE "migration" = $1`, [id]);
}
