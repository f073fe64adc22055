import { buildModule } from "../compiler/emit/build-module.js";
import { importModuleText } from "../compiler/emit/import-module.js";
import { loadModuleLayout } from "../compiler/emit/layout-module.js";
import { loadTranspiler } from "../compiler/emit/transpile.js";
import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import type { Rt } from "../core/rt.js";
import type { Plan } from "../core/plan.js";
import { bindModule } from "../runtime/load/bind-module.js";

/** An `expect` as the emitted module holds it: false (or undefined for NULL) where it is broken. */
export interface ModuleExpectation {
  readonly origin: { readonly file: string; readonly line: number; readonly column: number };
  readonly text: string;
  holds(row: unknown, next: unknown, rt: Rt): boolean | undefined;
}

/** What `kmig test` runs of a migration: the functions its emitted plan module exports (compiler/emit/build-module.ts). */
export interface LawModule {
  /** The plan, its config steps carrying the module's key functions (as a compiled folder's). */
  readonly plan: Plan;
  readonly maps: Readonly<Record<string, (v: unknown) => unknown>>;
  /** Per table block, in the unit's `mappings` order. */
  readonly tables: readonly { readonly step: string | null; readonly table: string; readonly map: ((row: unknown, rt: Rt) => Record<string, unknown>) | null; readonly expects: readonly ModuleExpectation[] }[];
  /** Each config step's expects, by step id. */
  readonly configExpects: Readonly<Record<string, readonly ModuleExpectation[]>>;
}

/**
 * The plan module `kmig compile` writes for `unit` (the same declarations, laid out and stripped of
 * types; not formatted, which changes no code), loaded as Node loads a compiled folder's module.
 * So `kmig test` checks the very functions a compiled folder runs.
 */
export async function loadLawModule(unit: CompiledUnit): Promise<LawModule> {
  const layout = loadModuleLayout();
  const model = buildModule(unit);
  const text = layout(model).map((c) => c.text).join("\n");
  const { js } = loadTranspiler()(text, model.fileName);
  const exports = await importModuleText(js, model.fileName.replace(/\.ts$/, ".mjs"));
  const configs = (exports.configs ?? {}) as Record<string, { expects: readonly ModuleExpectation[] }>;
  return {
    plan: bindModule(exports),
    maps: (exports.maps ?? {}) as LawModule["maps"],
    tables: (exports.tableMappings ?? []) as LawModule["tables"],
    configExpects: Object.fromEntries(Object.entries(configs).map(([id, c]) => [id, c.expects])),
  };
}
