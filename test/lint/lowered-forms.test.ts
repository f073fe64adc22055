import { describe, expect, it } from "vitest";
import { loadChains } from "../../cli/load-chains.js";
import { lintUnit } from "../../compiler/lint/index.js";
import type { CompiledUnit } from "../../compiler/migration/compile-unit.js";
import type { Step } from "../../core/plan.js";

/**
 * The lints read the SQL a step runs, so a step kmig lowers to the safe form (NOT VALID, then
 * VALIDATE; CHECK (c IS NOT NULL) proven before SET NOT NULL; a unique index built CONCURRENTLY and
 * attached with USING INDEX) is not reported: each case replaces a fixture step's statements with
 * the lowered ones and lints again.
 */
function unit(dir: string): CompiledUnit {
  return loadChains([dir]).chains[0].result.units[1];
}

function lowered(u: CompiledUnit, op: string, up: (s: Step) => string[]): CompiledUnit {
  const steps = u.plan.steps.map((s) => (s.op === op ? { ...s, up: up(s) } : s));
  return { ...u, plan: { ...u.plan, steps } };
}

const codes = (u: CompiledUnit) => lintUnit(u).map((d) => d.code);

describe("lowered steps are not linted", () => {
  it("SET NOT NULL after a validated CHECK (c IS NOT NULL) in the step: no K5007, no K5022", () => {
    const u = unit("test/golden/lints/K5022/bad");
    expect(codes(u)).toEqual(expect.arrayContaining(["K5007", "K5022"]));
    const l = lowered(u, "set-not-null", (s) => [`ALTER TABLE "users" ADD CONSTRAINT "users_name_nn" CHECK (("name" IS NOT NULL)) NOT VALID`, `ALTER TABLE "users" VALIDATE CONSTRAINT "users_name_nn"`, ...s.up, `ALTER TABLE "users" DROP CONSTRAINT "users_name_nn"`]);
    expect(codes(l)).not.toContain("K5007");
    expect(codes(l)).not.toContain("K5022");
    // In one transaction the ACCESS EXCLUSIVE of ADD CONSTRAINT is held while VALIDATE scans: said so.
    expect(codes(l)).toContain("K5010");
  });

  it("a foreign key added NOT VALID: no K5005", () => {
    const u = unit("test/golden/lints/K5005/bad");
    expect(codes(u)).toContain("K5005");
    expect(codes(lowered(u, "add-constraint", (s) => s.up.map((q) => `${q} NOT VALID`)))).not.toContain("K5005");
  });

  it("a unique constraint attached USING INDEX after a concurrent build: no K5003", () => {
    const u = unit("test/golden/lints/K5003/bad");
    expect(codes(u)).toContain("K5003");
    const l = lowered(u, "add-constraint", () => [`ALTER TABLE "users" ADD CONSTRAINT "users_email_key" UNIQUE USING INDEX "users_email_key"`]);
    expect(codes(l)).not.toContain("K5003");
  });
});
