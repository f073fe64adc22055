import type { CompiledUnit } from "../migration/compile-unit.js";
import { buildModule } from "./build-module.js";
import { loadModulePrinter } from "./print-module.js";

/** One emitted plan module: its file name (`001_keiko_v2.ts`) and its text. */
export interface EmittedModule {
  readonly fileName: string;
  readonly text: string;
}

/**
 * One self-contained TypeScript module per compiled unit, in chain order. Deterministic: the same
 * units give the same bytes (no timestamps, fixed formatting options, names claimed in spec order).
 */
export async function emitPlanModules(units: readonly CompiledUnit[]): Promise<EmittedModule[]> {
  const models = units.map(buildModule);
  const print = await loadModulePrinter();
  const out: EmittedModule[] = [];
  for (const model of models) out.push({ fileName: model.fileName, text: await print(model) });
  return out;
}

export { buildModule } from "./build-module.js";
export type { ModuleModel } from "./module-model.js";
