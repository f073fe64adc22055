import { CONFIG_CODE, type ConfigStep, type Plan } from "../../core/plan.js";
import { PLAN_FORMAT } from "../../core/compiled-folder.js";

/** What a plan module exports that the runtime reads (see compiler/emit/build-module.ts). */
export interface PlanModuleExports {
  readonly plan: Plan;
  readonly configs: Readonly<Record<string, { readonly keys: readonly { readonly path: readonly string[]; value(row: unknown, rt: unknown): unknown }[] }>>;
}

/**
 * The plan of a loaded module, its config steps carrying the module's key functions: what the
 * runtime runs. Throws a plain Error saying what is wrong with a module that is not a plan module
 * of this format (the loader turns it into K9063).
 */
export function bindModule(exports: Record<string, unknown>): Plan {
  const plan = exports.plan as Plan | undefined;
  if (typeof plan !== "object" || plan === null || !Array.isArray(plan.steps) || !Array.isArray(plan.config)) throw new Error("it does not export a plan");
  if (plan.planFormat !== PLAN_FORMAT) throw new Error(`its plan is in plan format ${String(plan.planFormat)}, this kmig runs format ${PLAN_FORMAT}`);
  const configs = (exports.configs ?? {}) as PlanModuleExports["configs"];
  return { ...plan, config: plan.config.map((step) => bindStep(step, configs[step.id])) };
}

function bindStep(step: ConfigStep, entry: PlanModuleExports["configs"][string] | undefined): ConfigStep {
  const keys = entry?.keys;
  if (!Array.isArray(keys) || keys.length !== step.keys.length) throw new Error(`it has no key functions for config step ${step.id}`);
  keys.forEach((k, i) => {
    if (typeof k?.value !== "function" || JSON.stringify(k.path) !== JSON.stringify(step.keys[i].path)) throw new Error(`its key functions for config step ${step.id} do not match the step's keys`);
  });
  return { ...step, [CONFIG_CODE]: { keys: keys.map((k) => (row: unknown, rt: unknown) => k.value(row, rt)) } };
}
