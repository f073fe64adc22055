import type { Db } from "./db/connection.js";
import { schemaDrift } from "./schema-drift.js";
import { readLedger } from "./ledger.js";
import { refuseCitusWorker } from "./citus/coordinator-only.js";
import { sameMeaning } from "./verify-chain.js";
import { loadRecordedPlan } from "./recorded-plan.js";
import { hasConfigLedger } from "./config/config-ledger.js";
import type { Plan } from "../core/plan.js";

export interface MigrationStatus {
  readonly id: string;
  readonly kind: string;
  readonly version: string;
  readonly state: "applied" | "pending" | "applying" | "rolling_back";
  readonly checksumOk: boolean;
  readonly stepsDone: number;
  readonly steps: number;
  readonly appliedAt: string | null;
}

/** Config files a stopped run left staged: the next apply or rollback finishes (applied) or removes them. */
export interface StagedConfig {
  readonly migration: string;
  readonly targetDir: string;
  readonly files: number;
  readonly applied: boolean;
}

/** `kmig status`: what is applied, what is pending, edited specs, schema drift, and staged config files. */
export async function status(db: Db, plans: readonly Plan[]): Promise<{ migrations: MigrationStatus[]; drift: string[]; unknown: string[]; stagedConfig: StagedConfig[] }> {
  await refuseCitusWorker(db);
  const ledger = new Map((await readLedger(db)).map((r) => [r.id, r]));
  const migrations: MigrationStatus[] = plans.map((p) => {
    const r = ledger.get(p.id);
    return { id: p.id, kind: p.kind, version: p.to, state: r ? r.state : "pending", checksumOk: !r || sameMeaning(r, p), stepsDone: r?.steps_done ?? 0, steps: p.steps.length, appliedAt: r?.finished_at ?? null };
  });
  const unknown = [...ledger.keys()].filter((id) => !plans.some((p) => p.id === id));
  // What ran is what the ledger recorded (an edited spec or a newer kmig may say otherwise); a
  // half-done migration's completed steps are in the database too: the schema expected has them.
  const applied: Plan[] = [];
  for (const p of plans) {
    const r = ledger.get(p.id);
    if (!r) continue;
    const ran = (r.has_plan ? (await loadRecordedPlan(db, p.id))?.plan : null) ?? p;
    applied.push(r.state === "applied" ? ran : { ...ran, steps: ran.steps.slice(0, r.steps_done) });
  }
  let drift: string[] = [];
  if (applied.length > 0) {
    drift = await schemaDrift(db, applied, null);
  }
  const stagedConfig: StagedConfig[] = [];
  if (await hasConfigLedger(db)) {
    const r = await db.query<{ migration: string; target_dir: string; n: string }>(`SELECT "migration", "target_dir", count(*)::text AS "n" FROM "kmig"."config_files" WHERE "state" = 'staged' GROUP BY 1, 2 ORDER BY 1`);
    for (const x of r.rows) stagedConfig.push({ migration: x.migration, targetDir: x.target_dir, files: Number(x.n), applied: ledger.get(x.migration)?.state === "applied" });
  }
  return { migrations, drift, unknown, stagedConfig };
}
