import type { Plan, Reversibility, StashLayout } from "../../core/plan.js";
import { dataLiteral } from "./data-literal.js";
import { exportedConst, type Declaration } from "./module-model.js";

const ORDER: readonly Reversibility["kind"][] = ["reversible", "stash", "lossy", "irreversible"];

/**
 * The data half of a plan module: the plan itself (steps with their SQL up and down, origins,
 * reversibility, stash layouts, batch templates; config steps), and two indexes over it that a
 * reader wants at a glance: each backfill's stash layout, and how every step rolls back.
 */
export function planData(plan: Plan): readonly Declaration[] {
  const stashes: Record<string, StashLayout> = {};
  for (const s of plan.steps) if (s.kind === "backfill" && s.stash) stashes[s.id] = s.stash;
  const steps: Record<string, Reversibility["kind"]> = {};
  for (const s of plan.steps) steps[s.id] = s.reversibility.kind;
  return [
    dataConst("plan", `The plan of \`${plan.id}\` (as kmig's core/plan.ts declares a \`Plan\`), as \`kmig explain\` shows it.`, plan),
    dataConst("stashLayout", "Where each backfill keeps the originals its rollback cannot recompute, by step id.", stashes),
    dataConst("reversibility", "How each step rolls back; `overall` is the least reversible of them.", { overall: overall(plan), steps }),
  ];
}

/** `export const name = <data> as const;`, laid out here as prettier would lay it out. */
function dataConst(name: string, doc: string, data: unknown): Declaration {
  const literal = dataLiteral(data, { column: `export const ${name} = `.length, suffix: " as const;".length });
  return exportedConst(name, doc, null, `${literal} as const`, true);
}

/** The costliest rollback among the steps. */
function overall(plan: Plan): Reversibility["kind"] {
  let worst = 0;
  for (const s of plan.steps) worst = Math.max(worst, ORDER.indexOf(s.reversibility.kind));
  return ORDER[worst];
}
