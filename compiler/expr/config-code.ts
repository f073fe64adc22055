import { CONFIG_CODE, type ConfigCode, type ConfigStep } from "../../core/plan.js";
import type { Rt } from "../../core/rt.js";

type KeyFn = (row: unknown, rt: Rt, maps: Readonly<Record<string, (v: unknown) => unknown>>) => unknown;

/**
 * A config step compiled from a spec in this process, with its code: the JavaScript the compiler
 * just lowered (the step's `keys[].js` and `maps`), made functions on first use. This is the
 * in-memory counterpart of the functions `kmig compile` writes into the plan module (the same
 * lowering, see compiler/emit/config-functions.ts); the runtime runs either and never evaluates
 * text itself.
 */
export function withConfigCode(step: ConfigStep): ConfigStep {
  let compiled: { keys: KeyFn[]; maps: Record<string, (v: unknown) => unknown> } | null = null;
  const load = () =>
    (compiled ??= {
      keys: step.keys.map((k) => new Function("row", "rt", "maps", `return (${k.js});`) as KeyFn),
      maps: Object.fromEntries(Object.entries(step.maps).map(([name, js]) => [name, new Function(`return ${js};`)() as (v: unknown) => unknown])),
    });
  const code: ConfigCode = {
    keys: step.keys.map((_k, i) => (row: unknown, rt: Rt) => {
      const c = load();
      return c.keys[i](row, rt, c.maps);
    }),
  };
  return { ...step, [CONFIG_CODE]: code };
}
