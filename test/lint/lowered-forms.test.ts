import { describe, expect, it } from "vitest";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
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

  it("the compiler's own lowerings (NOT VALID + VALIDATE, USING INDEX, CHECK before SET NOT NULL) get no lock lint", () => {
    const dir = mkdtempSync(join(tmpdir(), "kmig-lowered-"));
    try {
      copyFileSync("test/golden/lints/K5005/bad/000_baseline.kmig", join(dir, "000_baseline.kmig"));
      writeFileSync(join(dir, "001_change.kmig"), "migration shop_v2 from '1.0.0' to '1.1.0' {\n  describe 'x'\n  table orders {\n    add foreign key (buyer_id) references users (id)\n  }\n  table users {\n    add unique (email)\n    add constraint users_age_positive check (age > 0)\n    alter name set not null\n  }\n}\n");
      const found = codes(unit(dir));
      for (const c of ["K5003", "K5005", "K5006", "K5007", "K5010", "K5022"]) expect(found).not.toContain(c);
      // What lowering cannot make safe is still said: duplicates may fail the unique index, and the key has no index.
      expect(found).toEqual(expect.arrayContaining(["K5020", "K5021"]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
