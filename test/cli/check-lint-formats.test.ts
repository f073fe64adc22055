import { describe, expect, it } from "vitest";
import { mkdtempSync, rmSync, writeFileSync, copyFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll } from "vitest";
import { checkPaths, checkReport } from "../../cli/check.js";
import { parseLintConfig, pgVersionOption } from "../../cli/lint-config.js";
import { makeSourceFile } from "../../core/source-file.js";
import { CATALOG } from "../../core/diagnostics/catalog.js";
import { UsageError } from "../../cli/files.js";

/** `kmig check`'s lint outputs (SARIF 2.1.0, GitHub annotations), kmig.yaml and --pg-version. */
const BAD = "test/golden/lints/K5007/bad";
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** A copy of a fixture chain with a kmig.yaml beside it. */
function withConfig(from: string, yaml: string): string {
  const dir = mkdtempSync(join(tmpdir(), "kmig-lintcfg-"));
  temps.push(dir);
  for (const f of ["000_baseline.kmig", "001_change.kmig"]) copyFileSync(join(from, f), join(dir, f));
  writeFileSync(join(dir, "kmig.yaml"), yaml);
  return dir;
}

interface SarifLog {
  version: string;
  $schema: string;
  runs: {
    tool: { driver: { name: string; version: string; rules: { id: string; name: string; shortDescription: { text: string }; help: { text: string }; helpUri: string; defaultConfiguration: { level: string } }[] } };
    results: { ruleId: string; ruleIndex: number; level: string; message: { text: string }; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number; endLine: number; endColumn: number } } }[] }[];
  }[];
}

describe("kmig check --format sarif", () => {
  const { files, diagnostics } = checkPaths([BAD]);
  const report = checkReport(files, diagnostics, "sarif", undefined, { docsUrl: "https://example.org/kmig/docs/diagnostics/" });
  const log = JSON.parse(report.stdout) as SarifLog;

  it("is a SARIF 2.1.0 log with one run of kmig", () => {
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toContain("sarif-2.1.0");
    expect(log.runs).toHaveLength(1);
    expect(log.runs[0].tool.driver.name).toBe("kmig");
    expect(report.exitCode).toBe(0);
  });

  it("lists each rule the results use, with help text and a help URI to its docs page", () => {
    const rules = log.runs[0].tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual([...new Set(diagnostics.map((d) => d.code))].sort());
    for (const r of rules) {
      expect(r.name).toBe(CATALOG[r.id as keyof typeof CATALOG].name);
      expect(r.shortDescription.text.length).toBeGreaterThan(10);
      expect(r.help.text).toContain(r.helpUri);
      expect(r.helpUri).toBe(`https://example.org/kmig/docs/diagnostics/${r.id}.md`);
      expect(["error", "warning", "note"]).toContain(r.defaultConfiguration.level);
    }
  });

  it("gives every result its rule, level, message and physical location", () => {
    const results = log.runs[0].results;
    expect(results.map((r) => r.ruleId)).toEqual(diagnostics.map((d) => d.code));
    for (const [i, r] of results.entries()) {
      expect(log.runs[0].tool.driver.rules[r.ruleIndex].id).toBe(r.ruleId);
      expect(r.level).toBe("warning");
      expect(r.message.text).toContain(diagnostics[i].message);
      const loc = r.locations[0].physicalLocation;
      expect(loc.artifactLocation.uri).toBe(`${BAD}/001_change.kmig`);
      expect(loc.region.startLine).toBeGreaterThanOrEqual(1);
      expect(loc.region.startColumn).toBeGreaterThanOrEqual(1);
      expect(loc.region.endLine).toBeGreaterThanOrEqual(loc.region.startLine);
    }
    expect(results.find((r) => r.ruleId === "K5007")?.locations[0].physicalLocation.region).toEqual({ startLine: 5, startColumn: 5, endLine: 5, endColumn: 30 });
  });
});

describe("kmig check --format github", () => {
  it("prints one workflow command per diagnostic, located, with newlines and separators escaped", () => {
    const { files, diagnostics } = checkPaths([BAD]);
    const lines = checkReport(files, diagnostics, "github").stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(diagnostics.length);
    const k5007 = lines.find((l) => l.includes("title=K5007"));
    expect(k5007).toMatch(/^::warning file=test\/golden\/lints\/K5007\/bad\/001_change\.kmig,line=5,col=5,endLine=5,endColumn=30,title=K5007::rolling this back sets `users\.email` NOT NULL again, which takes an ACCESS EXCLUSIVE lock/);
    expect(k5007).toContain("%0Ahelp: ");
    expect(k5007).not.toContain("\n");
  });
});

describe("kmig.yaml and --pg-version", () => {
  it("turns rules off and raises them to errors", () => {
    const dir = withConfig(BAD, "# lint levels\npg-version: 16\nrules:\n  K5007: error\n  K5017: off\n");
    const codes = checkPaths([dir]).diagnostics.map((d) => `${d.code}:${d.severity}`);
    expect(codes).toEqual(["K5007:error", "K5022:warning"]);
  });

  it("reports its problems at their line and column, and then lints nothing", () => {
    const file = makeSourceFile("kmig.yaml", "pg-versoin: 15\nrules:\n  K5099: off\n  K5001: loud\npg-version: 9\n");
    const found = parseLintConfig(file).diagnostics.map((d) => [d.code, d.message, d.primary.span.start]);
    expect(found).toEqual([
      ["K5029", "kmig.yaml has no key `pg-versoin`", 0],
      ["K5030", "`K5099` is not a safety lint", 24],
      ["K5029", "`loud` is not a level for K5001", 44],
      ["K5031", "kmig does not support PostgreSQL 9", 61],
    ]);
    const dir = withConfig(BAD, "rules:\n  K5099: off\n");
    const r = checkReport(...(Object.values(checkPaths([dir])) as [number, never]), "text");
    expect(r.exitCode).toBe(1);
    expect(r.stderr).toMatch(/error\[K5030\]: `K5099` is not a safety lint\n +--> .*kmig\.yaml:2:3/);
    expect(r.stderr).not.toContain("K5007");
  });

  it("--pg-version takes a supported major version; another is a usage error with its code", () => {
    expect(pgVersionOption(undefined)).toBeNull();
    expect(pgVersionOption("18")).toBe(18);
    for (const bad of ["9", "12", "19", "16.2", "x"]) {
      const e = (() => {
        try {
          pgVersionOption(bad);
        } catch (x) {
          return x;
        }
      })() as UsageError;
      expect(e).toBeInstanceOf(UsageError);
      expect(e.code).toBe("K5031");
    }
  });

  it("changes what the lints say: PostgreSQL 18 can add NOT NULL not valid", () => {
    const help = (pg: number) => checkPaths([BAD], { pgVersion: pg }).diagnostics.find((d) => d.code === "K5007")?.help;
    expect(help(13)).toContain("PostgreSQL 13 then sets NOT NULL without scanning");
    expect(help(18)).toContain("PostgreSQL 18 can add the NOT NULL `not valid`");
  });
});
