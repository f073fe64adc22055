import { afterAll, describe, expect, it } from "vitest";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { looksLikeCrash, runCli, tempSpecs, type CliRun } from "../support/cli.js";
import { seededRandom, specFiles } from "../support/mutate.js";

/**
 * Inputs at the edges, each through the real CLI: empty, binary, huge, deep, one endless line,
 * other line endings. Each must end with exit code 0 or 1 and placed diagnostics, never a crash.
 * The timeouts only guard against hangs (no timing is asserted): a loaded machine may be slow.
 */

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const HANG_GUARD_MS = 180_000;
const SPECS = specFiles("specs").map((p) => ({ name: p.split("/").pop() as string, text: readFileSync(p, "utf8") }));
const MIGRATION = SPECS[SPECS.length - 1].text;

/** Checks `files` in a fresh folder and asserts what every run must satisfy; returns the run. */
function check(files: Record<string, string | Uint8Array>, format: "text" | "json" = "text"): CliRun {
  const dir = tempSpecs(files);
  dirs.push(dir);
  const r = runCli(["check", dir, ...(format === "json" ? ["--format", "json"] : [])], { timeoutMs: HANG_GUARD_MS });
  expect(r.signal, "killed by the hang guard").toBeNull();
  expect(looksLikeCrash(r.stdout + r.stderr), r.stderr.slice(0, 1500)).toBe(false);
  expect([0, 1]).toContain(r.status);
  if (format === "text") {
    expect(r.stdout).toMatch(/^checked \d+ files?: /);
    for (const line of r.stderr.split("\n").filter((l) => /^\s*-->/.test(l))) {
      expect(line).toMatch(new RegExp(`--> ${dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\S+\\.kmig:\\d+:\\d+$`));
    }
  }
  return r;
}

/** The codes of a text run's diagnostics, in order. */
const codesOf = (r: CliRun) => [...r.stderr.matchAll(/^(?:error|warning|note)\[(K\d{4})\]/gm)].map((m) => m[1]);

/** `n` characters of `unit` repeated (and cut). */
const fill = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

describe("pathological inputs through `kmig check`", () => {
  it("an empty file is a warning, not an error", () => {
    const r = check({ "a.kmig": "" });
    expect(r.status).toBe(0);
    expect(codesOf(r)).toEqual(["K1205"]);
  });

  it("a file of comments only is a warning", () => {
    const r = check({ "a.kmig": "// one\n/* two\n   three */\n// four" });
    expect(r.status).toBe(0);
    expect(codesOf(r)).toEqual(["K1205"]);
  });

  it("binary junk (random bytes, NULs, invalid UTF-8) is one K1006 at its first bad byte", () => {
    const random = seededRandom(7);
    const bytes = Uint8Array.from({ length: 64 * 1024 }, () => Math.floor(random() * 256));
    bytes[10] = 0;
    const r = check({ "a.kmig": bytes });
    expect(r.status).toBe(1);
    expect(codesOf(r)).toEqual(["K1006"]);
  });

  it("a NUL byte in UTF-8 text is one K1006 at the NUL", () => {
    const at = MIGRATION.indexOf("describe") + "describe".length;
    const r = check({ "a.kmig": MIGRATION.slice(0, at) + "\0" + MIGRATION.slice(at) }, "json");
    const [d] = JSON.parse(r.stdout).diagnostics;
    const line = MIGRATION.slice(0, at).split("\n").length;
    expect(d).toMatchObject({ code: "K1006", line, column: at - MIGRATION.lastIndexOf("\n", at - 1) });
  });

  it("a spec cut off in the middle reports the block it leaves open", () => {
    const r = check({ "a.kmig": MIGRATION.slice(0, Math.floor(MIGRATION.length / 2)) });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("is never closed");
  });

  it("5 MB of specs in one file: every unit parses, the compiler reports the extra units", () => {
    const units = SPECS.map((s) => s.text).join("\n");
    const r = check({ "a.kmig": (units + "\n").repeat(Math.ceil(5_000_000 / (units.length + 1))) }, "json");
    const codes = new Set<string>(JSON.parse(r.stdout).diagnostics.map((d: { code: string }) => d.code));
    expect([...codes].filter((c) => c.startsWith("K1"))).toEqual([]);
  }, HANG_GUARD_MS + 10_000);

  it("5 MB of junk stops at the error cap", () => {
    const random = seededRandom(11);
    const alphabet = "abc{}()[];=-><!@#'\"\n ,.:0123 \t";
    const junk = Array.from({ length: 5_000_000 }, () => alphabet[Math.floor(random() * alphabet.length)]).join("");
    const r = check({ "a.kmig": junk }, "json");
    const report = JSON.parse(r.stdout);
    expect(r.status).toBe(1);
    expect(report.errors).toBeLessThanOrEqual(51);
    expect(report.diagnostics.at(-1).code).toBe("K1106");
  }, HANG_GUARD_MS + 10_000);

  it("10 000 nested brackets are one K1105", () => {
    const r = check({ "a.kmig": `migration m from '1' to '2' {\n  table t {\n    a := ${"(".repeat(10_000)}1${")".repeat(10_000)}\n  }\n}\n` });
    expect(codesOf(r)).toEqual(["K1105"]);
  });

  it("10 000 `not`s are one K1105", () => {
    const r = check({ "a.kmig": `migration m from '1' to '2' {\n  table t {\n    a := ${"not ".repeat(10_000)}true\n  }\n}\n` });
    expect(codesOf(r)).toEqual(["K1105"]);
  });

  it("a file of nothing but `{` is one K1105", () => {
    const r = check({ "a.kmig": "{".repeat(100_000) });
    expect(codesOf(r)).toEqual(["K1105"]);
  });

  it("a chain of 10 000 `||` is one K1105, not a crash of a later phase", () => {
    const parts = Array.from({ length: 10_000 }, (_, i) => `'p${i}'`).join(" || ");
    const r = check({ "a.kmig": `migration m from '1' to '2' {\n  table t {\n    a := ${parts}\n  }\n}\n` });
    expect(codesOf(r)).toEqual(["K1105"]);
  });

  it("a 1 MB single line of specs is read, and its frames are cut to a readable width", () => {
    const oneLine = SPECS.map((s) => s.text.replace(/\/\/[^\n]*/g, "").replace(/\s+/g, " ")).join(" ");
    const r = check({ "a.kmig": fill(oneLine + " ", 1_000_000) + " @" });
    expect(r.status).toBe(1);
    const longest = Math.max(...r.stderr.split("\n").map((l) => l.length));
    expect(longest).toBeLessThan(400);
  });

  it("CRLF line endings: clean specs stay clean, and errors are on the right line", () => {
    const crlf = Object.fromEntries(SPECS.map((s) => [s.name, s.text.replace(/\n/g, "\r\n")]));
    expect(check(crlf).status).toBe(0);
    const r = check({ "a.kmig": "migration m from '1' to '2' {\r\n  describe 'x'\r\n  table t {\r\n    a = 1\r\n  }\r\n}\r\n" }, "json");
    expect(JSON.parse(r.stdout).diagnostics[0]).toMatchObject({ code: "K1101", line: 4, column: 7 });
  });

  it("a byte order mark: clean specs stay clean, and columns on line 1 are the editor's", () => {
    const bom = Object.fromEntries(SPECS.map((s) => [s.name, "\ufeff" + s.text]));
    expect(check(bom).status).toBe(0);
    const r = check({ "a.kmig": "\ufeffmigration m form '1' to '2' {\n}\n" }, "json");
    expect(JSON.parse(r.stdout).diagnostics[0]).toMatchObject({ code: "K1101", line: 1, column: 13 });
  });

  it("tabs: the carets sit under the token in the printed line", () => {
    const r = check({ "a.kmig": "migration m from '1' to '2' {\n\tdescribe 'x'\n\ttable t {\n\t\tadd\trole\ttext? defualt 'user'\n\t}\n}\n" });
    const lines = r.stderr.split("\n");
    const caret = lines.findIndex((l) => /^\s+\| +\^/.test(l));
    const source = lines[caret - 1];
    const col = lines[caret].indexOf("^");
    expect(source.slice(col, col + "defualt".length)).toBe("defualt");
    expect(lines[caret].slice(col).match(/^\^+/)?.[0]).toBe("^^^^^^^");
  });
});

describe("the fixtures of this file", () => {
  it("finds the specs", () => {
    expect(SPECS.length).toBeGreaterThan(1);
    expect(join("specs", SPECS[0].name)).toMatch(/\.kmig$/);
  });
});
