import { readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { describe, expect, it } from "vitest";
import { configModuleText, withConfigModule } from "../../compiler/emit/config-module.js";
import { CONFIG_CODE } from "../../core/plan.js";
import { compileConfigStep } from "../../runtime/config/config-transform.js";
import { RunError } from "../../runtime/errors.js";
import { tempSpecs } from "../support/cli.js";
import { compileFolder, KEIKO_FIXTURES } from "../support/spec-chain.js";
import { PAINTER_V2_CONFIG } from "./keiko-v1-sample.js";

/**
 * A spec folder compiled in memory runs its config key mappings from a module the compiler emits
 * and Node loads (compiler/emit/config-module.ts), as a compiled folder runs its plan module's:
 * the compiler's plans are data, and nothing turns their JavaScript text into code in place.
 */
describe("a spec folder's config key mappings", () => {
  const plans = compileFolder("specs/keiko").units.map((u) => u.plan);

  it("are not code until loaded: the compiler's plans are data (K9064 if run as they are)", () => {
    const step = plans.flatMap((p) => p.config)[0];
    expect(step[CONFIG_CODE]).toBeUndefined();
    let error: unknown;
    try {
      compileConfigStep(step);
    } catch (e) {
      error = e;
    }
    expect((error as RunError).code).toBe("K9064");
  });

  it("run from the loaded module and write what the contract says (Keiko's agent files)", async () => {
    const runnable = await withConfigModule(plans);
    expect(runnable.map((p) => p.id)).toEqual(plans.map((p) => p.id));
    expect(JSON.parse(JSON.stringify(runnable))).toEqual(JSON.parse(JSON.stringify(plans)));
    const agents = compileConfigStep(runnable.flatMap((p) => p.config).find((s) => s.source === "agents/*.yml")!);
    const old = parseYaml(readFileSync(`${KEIKO_FIXTURES}config-v1/agents/painter.yml`, "utf8")) as Record<string, unknown>;
    expect(agents.build(old)).toEqual(PAINTER_V2_CONFIG);
  });

  it("plans without config steps come back as they are, nothing loaded", async () => {
    const plain = plans.map((p) => ({ ...p, config: [] }));
    const back = await withConfigModule(plain);
    back.forEach((p, i) => expect(p).toBe(plain[i]));
  });

  it("a source, key or file name with line breaks stays inside the module's comments", async () => {
    const dir = tempSpecs({ "001_m.kmig": "migration m from '1' to '2' {\n  describe 'names'\n  config 'a\\u2028b.yml' {\n    x := 1\n  }\n}\n" });
    const chain = compileFolder(dir);
    const steps = chain.units.flatMap((u) => u.plan.config);
    const text = configModuleText(steps.map((s) => ({ ...s, id: "m:config:a\u2028b\nexport const x = 1;", keys: s.keys.map((k) => ({ ...k, path: ["y\nexport const z = 2;"] })) })));
    expect(text).not.toMatch(/^export const [xz]/m);
    const [plan] = await withConfigModule(chain.units.map((u) => u.plan));
    expect(compileConfigStep(plan.config[0]).build({})).toEqual({ x: 1 });
  });
});
