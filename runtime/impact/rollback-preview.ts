import type { Db } from "../db/connection.js";
import { RunError } from "../errors.js";
import { SILENT } from "../events.js";
import { readLedger, type LedgerRow } from "../ledger.js";
import { refuseCitusWorker } from "../citus/coordinator-only.js";
import { planToRun } from "../recorded-plan.js";
import type { Reporter } from "../events.js";
import type { Origin, Plan } from "../../core/plan.js";
import { rollback, type Loss } from "../rollback.js";
import { verifyChain } from "../verify-chain.js";
import { configRestoreImpact } from "./config-impact.js";
import type { ConfigRestoreImpact } from "./types.js";

/** One migration rollback would undo: its steps newest first, and the config files it puts back. */
export interface RollbackMigration {
  readonly id: string;
  readonly from: string | null;
  readonly to: string;
  readonly steps: readonly { summary: string; origin: Origin; sql: readonly string[] | null; why: string }[];
  /** The config folder it restores (null: the migration wrote no config files), and each file. */
  readonly configDir: string | null;
  readonly files: readonly ConfigRestoreImpact[];
}

/** What `kmig rollback` would do: the migrations it undoes, their steps' SQL, and what data it would lose. */
export interface RollbackPreview {
  readonly database: string;
  readonly migrations: readonly RollbackMigration[];
  readonly losses: readonly Loss[];
  /** Why rollback would stop (an irreversible step, a down statement that fails); null if it would not. */
  readonly error: string | null;
  /** What rollback would warn about: an applied migration whose spec was edited since (K9001; its recorded plan runs). */
  readonly warnings: readonly string[];
}

/**
 * Runs `kmig rollback` as a dry run (everything inside one transaction that is rolled back) and
 * reports it. On a database where kmig never ran, nothing is touched at all.
 */
export async function previewRollback(db: Db, plans: readonly Plan[], opts: { to: string | null; lockTimeoutMs: number; configTo?: string | null }): Promise<RollbackPreview> {
  await refuseCitusWorker(db);
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('"kmig"."ledger"')::text AS t`);
  const ledger = verifyChain(plans, exists.rows[0]?.t ? await readLedger(db) : [], { edited: "allow" });
  const applied = plans.filter((p) => p.kind === "migration" && ledger.has(p.id));
  const targets = opts.to === null ? applied.slice(-1) : applied.filter((p) => plans.indexOf(p) > plans.findIndex((x) => x.to === opts.to));
  const migrations: RollbackMigration[] = [];
  const warnings: string[] = [];
  const collect: Reporter = { emit: (e) => void (e.type === "warning" && warnings.push(e.message)), close: () => undefined };
  for (const spec of [...targets].reverse()) {
    // What rollback runs: the plan recorded when the migration was applied.
    const p = await planToRun(db, spec, ledger.get(spec.id) as LedgerRow, collect, "rollback").catch((e: unknown) => {
      if (e instanceof RunError) return e;
      throw e;
    });
    if (p instanceof RunError) return { database: db.where, migrations, losses: [], error: p.message, warnings };
    const done = ledger.get(p.id)?.steps_done ?? p.steps.length;
    const steps = p.steps.slice(0, done).reverse().map((s) => ({ summary: s.summary, origin: s.origin, sql: s.down, why: s.reversibility.why }));
    const config = await configRestoreImpact(db, p.id, opts.configTo ?? null);
    migrations.push({ id: p.id, from: p.from, to: p.to, steps, configDir: config.dir, files: config.files });
  }
  if (migrations.length === 0) return { database: db.where, migrations, losses: [], error: null, warnings };
  try {
    const r = await rollback(db, plans, { to: opts.to, acceptDataLoss: false, lockTimeoutMs: opts.lockTimeoutMs, dryRun: true, configTo: opts.configTo ?? null }, SILENT);
    return { database: db.where, migrations, losses: r.losses, error: null, warnings };
  } catch (e) {
    if (!(e instanceof RunError)) throw e;
    return { database: db.where, migrations, losses: [], error: `${e.message}${e.origin ? ` (${e.origin.file}:${e.origin.line})` : ""}`, warnings };
  }
}
