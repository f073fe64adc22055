import { describe, expect, it } from "vitest";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { checkPaths, checkReport } from "../../cli/check.js";
import { CATALOG } from "../../core/diagnostics/catalog.js";

/**
 * Golden tests of what users see: each `diagnostics/<case>/` folder is checked as
 * `kmig check test/golden/diagnostics/<case>` would check it (run from the repository root), and
 * its output is compared with `expected.txt` (stderr, then the summary line) and `expected.json`
 * (`--format json`). `KMIG_UPDATE=1 npx vitest run test/golden` rewrites them; review the diff
 * before committing it.
 */

const ROOT = "test/golden/diagnostics";
const UPDATE = process.env.KMIG_UPDATE === "1";

/**
 * The cases: every folder under ROOT that holds `.kmig` files (the glob `ROOT/{*}/*.kmig`). A case
 * folder is one chain — its files in name order, e.g. `000_baseline.kmig` then `001_change.kmig` —
 * so that semantic diagnostics (K2xxx–K4xxx) have a schema to be checked against.
 */
function cases(): string[] {
  return readdirSync(ROOT, { withFileTypes: true })
    .filter((e) => e.isDirectory() && readdirSync(join(ROOT, e.name)).some((f) => f.endsWith(".kmig")))
    .map((e) => e.name)
    .sort();
}

/** Compares `actual` with the expected file, or rewrites the file in update mode. */
function matchesGolden(path: string, actual: string): void {
  if (UPDATE) {
    if (!existsSync(path) || readFileSync(path, "utf8") !== actual) writeFileSync(path, actual);
    return;
  }
  expect(existsSync(path), `${path} is missing; run KMIG_UPDATE=1 npx vitest run test/golden`).toBe(true);
  expect(actual).toBe(readFileSync(path, "utf8"));
}

/**
 * What `kmig check test/golden/diagnostics/<case>` prints, in both formats. The JSON report is one
 * line on stdout (`{"type":"check", …}`); its golden file holds it indented and without the
 * constant `type`, so that a change shows as a readable diff.
 */
function outputsOf(name: string): { text: string; json: string } {
  const { files, diagnostics } = checkPaths([join(ROOT, name)]);
  const text = checkReport(files, diagnostics, "text");
  const json = checkReport(files, diagnostics, "json");
  expect(json.stdout.split("\n")).toHaveLength(2);
  const { type, ...report } = JSON.parse(json.stdout) as { type: string };
  expect(type).toBe("check");
  return { text: text.stderr + text.stdout, json: JSON.stringify(report, null, 2) + "\n" };
}

describe("golden diagnostics", () => {
  const names = cases();

  it("has cases", () => {
    expect(names.length).toBeGreaterThan(20);
  });

  for (const name of names) {
    it(name, () => {
      const { text, json } = outputsOf(name);
      matchesGolden(join(ROOT, name, "expected.txt"), text);
      matchesGolden(join(ROOT, name, "expected.json"), json);
    });
  }

  it("covers every front-end code (K1xxx) of the catalog", () => {
    const seen = new Set<string>();
    for (const name of names) {
      const { json } = outputsOf(name);
      for (const d of (JSON.parse(json) as { diagnostics: { code: string }[] }).diagnostics) seen.add(d.code);
    }
    const frontEnd = Object.keys(CATALOG).filter((c) => c.startsWith("K1"));
    expect(frontEnd.filter((c) => !seen.has(c))).toEqual([]);
  });

  it("covers every semantic code (K2xxx–K4xxx) of the catalog", () => {
    const seen = new Set<string>();
    for (const name of names) {
      const { json } = outputsOf(name);
      for (const d of (JSON.parse(json) as { diagnostics: { code: string }[] }).diagnostics) seen.add(d.code);
    }
    // K2021 needs 1,601 columns: test/compiler/targeted-diagnostics.test.ts pins its whole text instead.
    // K4120 and K4121 come from a replay on a database: test/runtime/declared-sql.test.ts pins them.
    const semantic = Object.keys(CATALOG).filter((c) => /^K[234]/.test(c) && !["K2021", "K4120", "K4121"].includes(c));
    expect(semantic.filter((c) => !seen.has(c))).toEqual([]);
  });

  it("cases named after a code produce that code", () => {
    for (const name of names.filter((n) => /^k\d{4}-/.test(n))) {
      const code = name.slice(0, 5).toUpperCase();
      const { json } = outputsOf(name);
      const codes = (JSON.parse(json) as { diagnostics: { code: string }[] }).diagnostics.map((d) => d.code);
      expect(codes, name).toContain(code);
    }
  });
});
