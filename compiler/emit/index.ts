import type { CompiledUnit } from "../migration/compile-unit.js";
import { buildModule } from "./build-module.js";
import { printInProcess, type ModulesPrinter } from "./print-module.js";

/** One emitted plan module: its file name (`001_keiko_v2.ts`) and its text. */
export interface EmittedModule {
  readonly fileName: string;
  readonly text: string;
}

/**
 * One self-contained TypeScript module per compiled unit, in chain order. Deterministic: the same
 * units give the same bytes (no timestamps, fixed formatting options, names claimed in spec
 * order), whichever printer prints them.
 */
export async function emitPlanModules(units: readonly CompiledUnit[], print: ModulesPrinter = printInProcess): Promise<EmittedModule[]> {
  const models = units.map(buildModule);
  const texts = await print(models);
  return models.map((m, i) => ({ fileName: m.fileName, text: texts[i] }));
}

export { buildModule } from "./build-module.js";
export type { ModuleModel } from "./module-model.js";
export type { ModulesPrinter } from "./print-module.js";
