import { afterAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { join } from "node:path";
import { runCli, tempSpecs } from "../support/cli.js";

/** `kmig check`: exit codes, the summary line, the JSON shape, and when colour is used. */

const CLEAN = "baseline b version '1.0.0' {\n  create table users {\n    id   uuid primary key\n    name text\n  }\n}\n";
const BROKEN = "migration m from '1.0.0' to '1.1.0' {\n  table users {\n    name = 'x'\n  }\n}\n";
const WARNING_ONLY = "// nothing here yet\n";
/** A migration no safety lint speaks of (Keiko's has them: specs/keiko is not lint-clean). */
const CLEAN_MIGRATION = "migration m from '1.0.0' to '1.1.0' {\n  describe 'a comment'\n  table users {\n    comment 'people'\n  }\n}\n";

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const d = tempSpecs(files);
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

interface JsonReport {
  files: number;
  errors: number;
  warnings: number;
  diagnostics: Record<string, unknown>[];
}

describe("kmig check", () => {
  it("a clean folder exits 0 with `no problems` and prints nothing on stderr", () => {
    const r = runCli(["check", folder({ "000_b.kmig": CLEAN, "001_m.kmig": CLEAN_MIGRATION })]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("checked 2 files: no problems\n");
    expect(r.stderr).toBe("");
  });

  it("errors exit 1: diagnostics on stderr, the summary on stdout", () => {
    const dir = folder({ "a.kmig": CLEAN, "b.kmig": BROKEN });
    const r = runCli(["check", dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("checked 2 files: 1 error, 0 warnings\n");
    expect(r.stderr).toContain("error[K1101]");
    expect(r.stderr).toContain(`${join(dir, "b.kmig")}:3:`);
    expect(r.stderr).toMatch(/= help: /);
  });

  it("warnings alone exit 0", () => {
    const dir = folder({ "empty.kmig": WARNING_ONLY });
    const r = runCli(["check", dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("checked 1 file: 0 errors, 1 warning\n");
    expect(r.stderr).toContain("warning[K1205]");
  });

  it("reads folders recursively, in name order, and skips hidden folders and other files", () => {
    const dir = folder({ "b/2.kmig": BROKEN, "a/1.kmig": BROKEN, ".hidden/x.kmig": BROKEN, "notes.txt": "not a spec" });
    const r = runCli(["check", dir, "--format", "json"]);
    const report = JSON.parse(r.stdout) as JsonReport;
    expect(report.files).toBe(2);
    expect(report.diagnostics.map((d) => d.file)).toEqual([join(dir, "a/1.kmig"), join(dir, "b/2.kmig")]);
  });

  it("a folder without any .kmig file is a usage error", () => {
    const dir = folder({ "notes.txt": "not a spec" });
    const r = runCli(["check", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`error: no .kmig files in ${dir}\n  = help: kmig reads the .kmig files of a folder and of its subfolders\n`);
  });

  it("names files relative to the working folder when they are inside it, as given otherwise", () => {
    const dir = folder({ "b.kmig": BROKEN });
    const inside = runCli(["check", "b.kmig", "--format", "json"], { cwd: dir });
    expect((JSON.parse(inside.stdout) as JsonReport).diagnostics[0].file).toBe("b.kmig");
    const outside = runCli(["check", join(dir, "b.kmig"), "--format", "json"]);
    expect((JSON.parse(outside.stdout) as JsonReport).diagnostics[0].file).toBe(join(dir, "b.kmig"));
  });

  describe("--format json", () => {
    it("prints one JSON document on one line of stdout and nothing on stderr", () => {
      const dir = folder({ "a.kmig": CLEAN, "b.kmig": BROKEN, "c.kmig": WARNING_ONLY });
      const r = runCli(["check", dir, "--format", "json"]);
      expect(r.status).toBe(1);
      expect(r.stderr).toBe("");
      expect(r.stdout.split("\n")).toHaveLength(2);
      const report = JSON.parse(r.stdout) as JsonReport;
      expect(report).toMatchObject({ type: "check", files: 3, errors: 1, warnings: 1 });
      expect(Object.keys(report).sort()).toEqual(["diagnostics", "errors", "files", "type", "warnings"]);
      expect(report.diagnostics).toHaveLength(2);
    });

    it("is what --json prints", () => {
      const dir = folder({ "b.kmig": BROKEN });
      const json = runCli(["check", dir, "--json"]);
      expect(json).toEqual(runCli(["check", dir, "--format", "json"]));
      expect(json.status).toBe(1);
    });

    it("gives every diagnostic its code, severity, message, place, range and help", () => {
      const dir = folder({ "b.kmig": BROKEN });
      const report = JSON.parse(runCli(["check", dir, "--format", "json"]).stdout) as JsonReport;
      const [d] = report.diagnostics;
      expect(d).toEqual({
        code: "K1101",
        severity: "error",
        message: expect.any(String),
        file: join(dir, "b.kmig"),
        line: 3,
        column: expect.any(Number),
        endLine: 3,
        endColumn: expect.any(Number),
        label: expect.any(String),
        help: expect.stringContaining(":="),
        notes: [],
        related: [],
      });
      expect(d.endColumn as number).toBeGreaterThan(d.column as number);
    });

    it("reports a clean run as an empty list", () => {
      const r = runCli(["check", folder({ "000_b.kmig": CLEAN, "001_m.kmig": CLEAN_MIGRATION }), "--format", "json"]);
      expect(r.status).toBe(0);
      expect(JSON.parse(r.stdout)).toEqual({ type: "check", files: 2, errors: 0, warnings: 0, diagnostics: [] });
    });
  });

  describe("colour", () => {
    const dir = () => folder({ "b.kmig": BROKEN });
    const ESC = "\x1b[";

    it("is on with FORCE_COLOR=1, even into a pipe", () => {
      const r = runCli(["check", dir()], { env: { FORCE_COLOR: "1" } });
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`${ESC}1;31merror[K1101]${ESC}0m`);
    });

    it("is off with NO_COLOR=1, and off into a pipe by default", () => {
      const envs: Record<string, string>[] = [{ NO_COLOR: "1" }, {}, { FORCE_COLOR: "0" }];
      for (const env of envs) {
        const r = runCli(["check", dir()], { env });
        expect(r.stderr, JSON.stringify(env)).toContain("error[K1101]");
        expect(r.stderr, JSON.stringify(env)).not.toContain(ESC);
      }
    });

    it("never colours the summary line or JSON", () => {
      const d = dir();
      expect(runCli(["check", d], { env: { FORCE_COLOR: "1" } }).stdout).not.toContain(ESC);
      expect(runCli(["check", d, "--format", "json"], { env: { FORCE_COLOR: "1" } }).stdout).not.toContain(ESC);
    });
  });
});
