import { CONFIG_CODE, type ConfigCode, type ConfigStep, type Plan } from "../../core/plan.js";
import { importModuleText } from "./import-module.js";
import { objectKey } from "./names.js";

/**
 * The plans of a spec folder compiled in this process, their config steps carrying code to run:
 * the key mappings the compiler lowered (each step's `keys[].js` over `row`, `rt` and its `maps`),
 * written as one ES module and loaded as Node loads a compiled folder's module
 * (import-module.ts). A folder `kmig compile` wrote carries its own module's functions instead
 * (runtime/load/bind-module.ts); either way the runtime runs functions, never text
 * (test/no-eval.test.ts). Plans without config steps come back as they are, nothing loaded.
 */
export async function withConfigModule(plans: readonly Plan[]): Promise<Plan[]> {
  const steps = plans.flatMap((p) => p.config);
  if (steps.length === 0) return [...plans];
  const keys = (await importModuleText(configModuleText(steps), "config-keys.mjs")).keys as ConfigCode["keys"][];
  let i = 0;
  return plans.map((p) => (p.config.length === 0 ? p : { ...p, config: p.config.map((step) => ({ ...step, [CONFIG_CODE]: { keys: keys[i++] } })) }));
}

/**
 * The module: `keys`, per step in order, its key functions in the step's `keys` order, each
 * closing over the step's status maps (`maps`) as the compiled plan module's do over its own.
 */
export function configModuleText(steps: readonly ConfigStep[]): string {
  const step = (s: ConfigStep) => {
    const maps = Object.entries(s.maps).map(([name, js]) => `  ${objectKey(name)}: ${js},`);
    const keys = s.keys.map((k) => `  // ${oneLine(k.path.join("."))} (${oneLine(k.origin.file)}:${k.origin.line})\n  (row, rt) => (${k.js}),`);
    return `// ${oneLine(s.id)}\n((maps) => [\n${keys.join("\n")}\n])({\n${maps.join("\n")}\n}),`;
  };
  return `// Config key mappings of a spec folder compiled in memory (kmig: compiler/emit/config-module.ts).\nexport const keys = [\n${steps.map(step).join("\n")}\n];\n`;
}

/** Text for a `//` comment: names from a spec may hold a line break. */
const oneLine = (text: string) => text.replace(/[\r\n\u2028\u2029]/g, " ");
