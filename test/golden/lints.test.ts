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

/** What check prints, and the codes it reports. */
function output(dir: string): { text: string; codes: string[]; exitCode: number } {
  const { files, diagnostics } = checkPaths([dir]);
  const r = checkReport(files, diagnostics, "text");
  return { text: r.stderr + r.stdout, codes: diagnostics.map((d) => d.code), exitCode: r.exitCode };
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
    it(`${code}: the bad chain gets it (and still checks clean), the good one does not`, () => {
      const bad = output(join(ROOT, code, "bad"));
      const good = output(join(ROOT, code, "good"));
      expect(bad.codes, bad.text).toContain(code);
      expect(bad.exitCode).toBe(0);
      // The safe form; what is left is acknowledged with `allow` (a widening's rollback narrows: K5008).
      expect(good.codes, good.text).not.toContain(code);
      expect(good.exitCode).toBe(0);
      matchesGolden(join(ROOT, code, "bad", "expected.txt"), bad.text);
      matchesGolden(join(ROOT, code, "good", "expected.txt"), good.text);
    });
  }
});

describe("rollback lints: reported on the forward line", () => {
  const at = (dir: string, code: string) => {
    const d = checkPaths([join(ROOT, dir)]).diagnostics.find((x) => x.code === code && x.message.startsWith("rolling this back"));
    return d ? `${d.primary.file.text.slice(d.primary.span.start, d.primary.span.end)} :: ${d.message}` : null;
  };

  it("a drop index: rollback rebuilds the index CONCURRENTLY after its transaction, a lowering (not reported; test/lint/rollback-lowerings.test.ts)", () => {
    expect(at("K5002/good", "K5001")).toBe(null);
    expect(at("K5002/bad", "K5001")).toBe(null);
  });

  it("drop not null: rolling back scans to set NOT NULL again, and may fail", () => {
    expect(at("K5017/bad", "K5007")).toMatch(/^alter email drop not null :: rolling this back sets `users\.email` NOT NULL again, which takes an ACCESS EXCLUSIVE lock/);
    expect(at("K5017/bad", "K5022")).toMatch(/^alter email drop not null :: rolling this back sets `users\.email` NOT NULL again: NULLs written since/);
  });

  it("drop constraint: rolling back re-adds the foreign key with a full validation", () => {
    expect(at("K5018/bad", "K5005")).toMatch(/^drop constraint orders_user_id_fkey :: rolling this back re-adds foreign key `orders_user_id_fkey`, which takes a SHARE ROW EXCLUSIVE lock/);
  });

  it("a widening type change: rolling back narrows it, a rewrite", () => {
    // Acknowledged in the good fixture; reported here.
    expect(checkPaths([join(ROOT, "K5008/good")]).diagnostics.map((x) => x.code)).not.toContain("K5008");
    expect(at("K5010/bad", "K5008")).toMatch(/^alter code type varchar\(50\) :: rolling this back changes `users\.code` back \(varchar\(50\)\? → varchar\(20\)\?\), which rewrites the table/);
  });

  it("a dropped column: rolling back refills it in one UPDATE", () => {
    expect(at("K5012/bad", "K5012")).toMatch(/^drop age :: rolling this back refills `users` in one UPDATE/);
  });
});
