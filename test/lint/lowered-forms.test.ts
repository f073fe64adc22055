import { describe, expect, it } from "vitest";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadChains } from "../../cli/load-chains.js";
import { lintUnit } from "../../compiler/lint/index.js";
import type { CompiledUnit } from "../../compiler/migration/compile-unit.js";

/**
 * The lints read the SQL a step runs, so a step kmig lowers to the safe form (NOT VALID, then
 * VALIDATE in its own transaction; a helper CHECK (c IS NOT NULL) validated before SET NOT NULL; a
 * unique index built CONCURRENTLY and attached with USING INDEX) gets no lock lint.
 */
function unit(dir: string): CompiledUnit {
  return loadChains([dir]).chains[0].result.units[1];
}

const codes = (u: CompiledUnit) => lintUnit(u).map((d) => d.code);

describe("lowered steps are not linted", () => {
  it("the compiler's own lowerings (NOT VALID + VALIDATE, USING INDEX, CHECK before SET NOT NULL) get no lock lint", () => {
    const dir = mkdtempSync(join(tmpdir(), "kmig-lowered-"));
    try {
      copyFileSync("test/golden/lints/K5005/bad/000_baseline.kmig", join(dir, "000_baseline.kmig"));
      writeFileSync(join(dir, "001_change.kmig"), "migration shop_v2 from '1.0.0' to '1.1.0' {\n  describe 'x'\n  table orders {\n    add foreign key (buyer_id) references users (id)\n  }\n  table users {\n    add unique (email)\n    add constraint users_age_positive check (age > 0)\n    alter name set not null\n  }\n}\n");
      const found = codes(unit(dir));
      for (const c of ["K5003", "K5005", "K5006", "K5007", "K5010"]) expect(found).not.toContain(c);
      // What lowering cannot make safe is still said: duplicates fail the unique index, NULLs the NOT NULL, the key has no index.
      expect(found).toEqual(expect.arrayContaining(["K5020", "K5021", "K5022"]));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
