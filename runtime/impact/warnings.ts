import type { Plan } from "../../core/plan.js";
import type { MigrationImpact } from "./types.js";

const at = (o: { file: string; line: number }) => `${o.file}:${o.line}`;

/**
 * What someone about to apply should know that is not a failure: steps rollback cannot undo (or
 * only lossily), backfills that cannot be batched, raw SQL kmig cannot see into, config steps
 * that apply would skip (no config folders given).
 */
export function planWarnings(migrations: readonly MigrationImpact[], plans: readonly Plan[], configGiven = false): string[] {
  const out: string[] = [];
  for (const m of migrations) {
    const plan = plans.find((p) => p.id === m.id);
    if (!plan) continue;
    for (const s of plan.steps) {
      if (m.steps.find((x) => x.id === s.id)?.status === "done") continue;
      if (s.down === null) out.push(`${s.summary} (${at(s.origin)}) cannot be undone: ${s.reversibility.why}; kmig rollback will refuse to go back past it`);
      else if (s.reversibility.kind === "lossy") out.push(`${s.summary} (${at(s.origin)}) is undone only approximately: ${s.reversibility.why}`);
      if (s.kind === "backfill" && s.key.length === 0) out.push(`table ${s.table} has no primary key: ${s.summary} (${at(s.origin)}) runs as one statement in one transaction, not in resumable batches`);
      if (s.kind === "sql" && s.op === "raw-sql") out.push(`${s.summary} (${at(s.origin)}) is raw SQL: kmig cannot tell what it changes, so the checks after it assume it changes no data`);
      if (s.kind === "sql" && !s.transactional) out.push(`${s.summary} (${at(s.origin)}) runs outside a transaction (CONCURRENTLY): it does not block writes, and if it fails kmig drops what it left behind`);
    }
    if (m.kind === "migration" && plan.config.length > 0 && !configGiven) out.push(`${m.id} also migrates config files (${plan.config.map((c) => c.source).join(", ")}): apply writes them only with --config-from and --config-to`);
  }
  return out;
}
