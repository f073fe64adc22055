import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { compileChain, type ChainResult } from "../../compiler/pipeline.js";
import { makeSourceFile } from "../../core/source-file.js";
import type { Plan } from "../../core/plan.js";
import { withConfigModule } from "../../compiler/emit/config-module.js";

/** Compiles a spec folder (its `.kmig` files in name order) as `kmig` does. */
export function compileFolder(folder: string, override: Record<string, string> = {}): ChainResult {
  const files = readdirSync(folder).filter((f) => f.endsWith(".kmig")).sort();
  return compileChain(files.map((f) => makeSourceFile(join(folder, f), override[f] ?? readFileSync(join(folder, f), "utf8"))));
}

/**
 * A spec folder's plans as `kmig apply <spec-folder>` runs them: compiled, their config steps
 * carrying the key functions of the module the compiler emits for them (compiler/emit/config-module.ts).
 */
export function runnablePlans(folder: string, override: Record<string, string> = {}): Promise<Plan[]> {
  return withConfigModule(compileFolder(folder, override).units.map((u) => u.plan));
}

/** The Keiko v1.9 fixtures: schema, sample rows and config folder (specs/keiko/fixtures/). */
export const KEIKO_FIXTURES = new URL("../../specs/keiko/fixtures/", import.meta.url).pathname;
