import { formatModules, loadChunkFormatter } from "./format-chunk.js";
import { loadModuleLayout } from "./layout-module.js";
import type { ModuleModel } from "./module-model.js";

/** Turns module models into module texts (in the same order). */
export type ModulesPrinter = (models: readonly ModuleModel[]) => Promise<string[]>;

/**
 * Prints in this thread: ts-morph lays the declarations out, prettier formats them. Both are
 * loaded here, on first use, so that commands that emit nothing never load them. (The CLI has
 * a worker lay the modules out instead, see worker-printer.ts; the text is the same.)
 */
export const printInProcess: ModulesPrinter = async (models) => {
  const format = await loadChunkFormatter();
  const layout = loadModuleLayout();
  return formatModules(models.map(layout), format);
};
