import type { Plan, Reversibility, Step } from "../core/plan.js";
import { concurrentIndexStatement, undoPlacement, type DeferredUndo } from "../core/deferred-undo.js";

const LABEL: Record<Reversibility["kind"], string> = {
  reversible: "reversible",
  stash: "reversible with stash",
  lossy: "lossy (declared reverse)",
  irreversible: "irreversible",
};

/** `kmig explain`: for each step its SQL, its inverse, its classification and why. */
export function explainPlan(plan: Plan, locks: readonly (string | null)[] = []): string {
  const out: string[] = [];
  const head = plan.kind === "baseline" ? `baseline ${plan.id} (version ${plan.to})` : `migration ${plan.id} (${plan.from} → ${plan.to})`;
  out.push(`${head}${plan.description ? `: ${plan.description}` : ""}`);
  out.push(`  ${plan.file}   checksum ${plan.checksum.slice(0, 16)}`);
  if (plan.kind === "baseline") out.push("  a baseline is recorded on a database that already has it, never applied there");
  const placement = plan.kind === "migration" ? undoPlacement(plan, plan.steps.length) : { deferred: new Map(), kept: new Map() };
  plan.steps.forEach((s, i) => out.push("", ...explainStep(s, i + 1, locks[i] ?? null, rollbackLine(plan, i, placement))));
  for (const c of plan.config) {
    out.push("", `  [config] ${c.source}${c.target ? ` -> ${c.target}` : ""}${c.patch ? " (patch)" : ""}   line ${c.origin.line}`);
    out.push("      reversible — rollback restores the target files byte for byte from kmig's copies");
    if (c.requires.length) out.push(`      requires: ${c.requires.map((r) => r.path.join(".") + (r.type ? `: ${r.type}` : "")).join(", ")}`);
  }
  const counts = new Map<string, number>();
  for (const s of plan.steps) counts.set(s.reversibility.kind, (counts.get(s.reversibility.kind) ?? 0) + 1);
  out.push("", `  ${plan.steps.length} steps: ${(["reversible", "stash", "lossy", "irreversible"] as const).map((k) => `${counts.get(k) ?? 0} ${LABEL[k]}`).join(", ")}`);
  return out.join("\n");
}

/**
 * How `kmig rollback` runs the step's undo when that differs from its down as written: after the
 * rollback's transaction (a safe lowering: CONCURRENTLY, in batches), or in it although its down
 * says CONCURRENTLY or could be batched, and why (core/deferred-undo.ts).
 */
function rollbackLine(plan: Plan, i: number, placement: ReturnType<typeof undoPlacement>): string | null {
  const step = plan.steps[i];
  const d = placement.deferred.get(i);
  if (d) return `rollback: lowered${LOWERED_INSTEAD[d.kind]}: once the rollback's transaction has committed, ${deferredWhat(d, step)}`;
  const kept = placement.kept.get(i);
  if (kept) {
    const by = plan.steps[kept.by];
    const what = kept.undo.kind === "refill" ? `refills ${kept.undo.table} in one UPDATE` : `${kept.undo.kind === "build" ? "rebuilds" : "drops"} the index without CONCURRENTLY`;
    return `rollback: ${what} inside the rollback's transaction: the undo of \`${by.summary}\` (line ${by.origin.line}), which runs after it, works on the same ${kept.undo.kind === "refill" ? "table" : "index or table"}`;
  }
  if (step.kind === "sql" && (step.down ?? []).some(concurrentIndexStatement) && (step.down ?? []).length > 1) return "rollback: without CONCURRENTLY, inside the rollback's transaction (the step's undo has more than the index)";
  return null;
}

const LOWERED_INSTEAD: Record<DeferredUndo["kind"], string> = { build: " (instead of K5001)", drop: "", refill: " (instead of K5012)" };

function deferredWhat(d: DeferredUndo, step: Step): string {
  if (d.kind === "build") return "rebuilds the index CONCURRENTLY (SHARE UPDATE EXCLUSIVE: reads and writes go on)";
  if (d.kind === "drop") return "drops the index CONCURRENTLY (SHARE UPDATE EXCLUSIVE: no ACCESS EXCLUSIVE lock held to the rollback's end)";
  const key = step.kind === "backfill" ? step.key.map((k) => k.column).join(", ") : "";
  return `refills ${d.table} in keyset batches by (${key}) of --batch-size rows, each committed with its cursor (a stopped rollback resumes there)`;
}

function explainStep(s: Step, n: number, locks: string | null, rollback: string | null): string[] {
  const out = [`  [${n}] ${s.summary}   line ${s.origin.line}`, `      ${LABEL[s.reversibility.kind]} — ${s.reversibility.why}`];
  // The locks it takes on tables that have rows, and whether it scans or rewrites (compiler/lint/step-locks.ts).
  if (locks) out.push(`      locks: ${locks}`);
  if (s.kind === "sql" && s.lowering) out.push(`      ${s.lowering}`);
  if (rollback) out.push(`      ${rollback}`);
  if (s.kind === "backfill") {
    out.push(`      batched by (${s.key.map((k) => k.column).join(", ") || "no key: one statement"})`);
    if (s.stash) {
      out.push(`      stash: ${s.stash.schema}.${s.stash.table} keyed by (${s.stash.key.map((k) => k.column).join(", ")})`);
      for (const c of s.stash.columns) out.push(`        keeps ${c.column} where ${c.predicate}`);
    }
  }
  out.push(...sql("up", s.up));
  // A declared `sql` item: kmig's SQL for what it declares, which the replay before apply compares it with (§8.2).
  if (s.kind === "sql" && s.declared) out.push(...sql("as", s.declared.sql));
  out.push(...(!s.down ? ["      down: (none: rollback refuses to pass this step)"] : s.down.length === 0 ? ["      down: (nothing: the step before undoes it)"] : sql("down", s.down)));
  return out;
}

function sql(label: string, statements: readonly string[]): string[] {
  return statements.flatMap((st, i) => st.split("\n").map((line, j) => `      ${i === 0 && j === 0 ? `${label}:`.padEnd(6) : "      "}${line}`));
}
