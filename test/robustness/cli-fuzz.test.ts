import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { CATALOG } from "../../core/diagnostics/catalog.js";
import { looksLikeCrash, runCli, tempSpecs } from "../support/cli.js";
import { applyMutations, randomMutations, repositorySubjects, seededRandom } from "../support/mutate.js";

/**
 * The whole CLI on a thousand broken specs in one run: the Keiko chain copied into 500 folders
 * (each folder is a chain), its migration always mutated and its baseline often. Seeded, so a
 * failure replays; `bench/fuzz-check.mjs` runs the same with random seeds and more files.
 */

const SEED = 20_261_125;
const CHAINS = 500;

interface JsonReport {
  files: number;
  errors: number;
  warnings: number;
  diagnostics: { code: string; file: string; line: number; column: number; endLine: number; endColumn: number; message: string }[];
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("kmig check on 1000 mutated specs", () => {
  it("exits 0 or 1 with one valid JSON report, a place for every diagnostic and no crash", () => {
    const random = seededRandom(SEED);
    const subjects = repositorySubjects();
    const files: Record<string, string> = {};
    for (let c = 0; c < CHAINS; c++) {
      for (const s of subjects) {
        const keep = s.name.includes("baseline") && random() < 0.5;
        const base = s.name.split("/").pop() as string;
        files[`chain-${String(c).padStart(3, "0")}/${base}`] = keep ? s.text : applyMutations(s, randomMutations(random, 4));
      }
    }
    const dir = tempSpecs(files);
    dirs.push(dir);
    const r = runCli(["check", dir, "--format", "json"], { timeoutMs: 300_000 });
    expect(r.signal, "killed: a hang?").toBeNull();
    expect(looksLikeCrash(r.stderr + r.stdout), r.stderr.slice(0, 2000)).toBe(false);
    expect(r.stderr).toBe("");
    expect([0, 1]).toContain(r.status);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.files).toBe(Object.keys(files).length);
    expect(report.errors).toBeGreaterThan(0);
    const names = new Set(Object.keys(files).map((f) => join(dir, f)));
    for (const d of report.diagnostics) {
      expect(d.code in CATALOG, d.code).toBe(true);
      expect(names.has(d.file), d.file).toBe(true);
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.column).toBeGreaterThanOrEqual(1);
      expect(d.endLine).toBeGreaterThanOrEqual(d.line);
      expect(Number.isInteger(d.endColumn)).toBe(true);
      expect(d.message.length).toBeGreaterThan(0);
    }
  });
});
