import type { Plan, Reversibility, Step } from "../core/plan.js";

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
  plan.steps.forEach((s, i) => out.push("", ...explainStep(s, i + 1, locks[i] ?? null)));
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

function explainStep(s: Step, n: number, locks: string | null): string[] {
  const out = [`  [${n}] ${s.summary}   line ${s.origin.line}`, `      ${LABEL[s.reversibility.kind]} — ${s.reversibility.why}`];
  // The locks it takes on tables that have rows, and whether it scans or rewrites (compiler/lint/step-locks.ts).
  if (locks) out.push(`      locks: ${locks}`);
  if (s.kind === "sql" && s.lowering) out.push(`      ${s.lowering}`);
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
