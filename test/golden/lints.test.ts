import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkPaths, checkReport } from "../../cli/check.js";

/**
 * The safety lints' fixture pairs: `lints/K50xx/bad` is a chain where the rule fires, `good` the
 * same change in its safe form, where it does not. Each holds `expected.txt`, exactly what
 * `kmig check` prints for it (KMIG_UPDATE=1 rewrites them; review the diff).
 */
const ROOT = "test/golden/lints";
const UPDATE = process.env.KMIG_UPDATE === "1";

/** What check prints, and the codes it reports: `forward` those about applying the migration, not rolling it back. */
function output(dir: string): { text: string; codes: string[]; forward: string[]; exitCode: number } {
  const { files, diagnostics } = checkPaths([dir]);
  const r = checkReport(files, diagnostics, "text");
  return { text: r.stderr + r.stdout, codes: diagnostics.map((d) => d.code), forward: diagnostics.filter((d) => !d.message.startsWith("rolling this back")).map((d) => d.code), exitCode: r.exitCode };
}

function matchesGolden(path: string, actual: string): void {
  if (UPDATE) {
    if (!existsSync(path) || readFileSync(path, "utf8") !== actual) writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing; run KMIG_UPDATE=1 npx vitest run test/golden/lints.test.ts`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

describe("safety lint fixtures", () => {
  const codes = readdirSync(ROOT).filter((d) => /^K5\d{3}$/.test(d)).sort();

  it("has a pair for every rule K5001–K5025", () => {
    expect(codes).toEqual(Array.from({ length: 25 }, (_, i) => `K50${String(i + 1).padStart(2, "0")}`));
  });

  for (const code of codes) {
    it(`${code}: the bad chain gets it (and still checks clean), the good one does not (going forward)`, () => {
      const bad = output(join(ROOT, code, "bad"));
      const good = output(join(ROOT, code, "good"));
      expect(bad.codes, bad.text).toContain(code);
      expect(bad.exitCode).toBe(0);
      // The safe forward form; a widening's rollback still narrows (K5008), reported as such.
      expect(good.forward, good.text).not.toContain(code);
      expect(good.exitCode).toBe(0);
      matchesGolden(join(ROOT, code, "bad", "expected.txt"), bad.text);
      matchesGolden(join(ROOT, code, "good", "expected.txt"), good.text);
    });
  }
});
