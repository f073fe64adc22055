import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { awkwardFolder } from "../../bench/keiko/awkward-config.mjs";
import { planConfigFiles, removeCreatedDirs, restoreFiles, stageFiles } from "../../runtime/config/config-files.js";
import { compileConfigStep } from "../../runtime/config/config-transform.js";
import { ConfigInputError } from "../../runtime/config/yaml-doc.js";
import type { Plan } from "../../core/plan.js";
import { fileTree } from "../support/file-tree.js";
import { runnablePlans } from "../support/spec-chain.js";

/**
 * The Keiko config migration on awkward v1 files, read and written as the guide's PyYAML did
 * (specs/keiko/reference/contract.md: the guide's ConfigMigrator, `yaml.safe_load` and `yaml.dump`).
 */
const plans: Plan[] = await runnablePlans("specs/keiko");
const agents = compileConfigStep(plans.flatMap((p) => p.config).find((c) => c.source === "agents/*.yml")!);
const tmp: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), "kmig-awkward-"));
  tmp.push(d);
  return d;
};
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The lines kmig writes for an agent file's `external:` block (copied as it is into `external_config`). */
function copied(external: string): string {
  const out = agents.transform("a.yml", `name: a\nexternal:\n${external}`);
  return out.slice(out.indexOf("external_config:\n") + "external_config:\n".length);
}
const one = (value: string) => copied(`  k: ${value}\n`).replace(/^ {2}k: /, "").replace(/\n$/, "");

describe("scalars are PyYAML's: what it reads as a string stays a string, a number the same number", () => {
  it.each([
    // Strings to PyYAML (its floats need a dot and a signed exponent; `09` is no octal; `0:30` no base 60)...
    ["1e3", '"1e3"'],
    ["1E+3", '"1E+3"'],
    ["1.0e3", '"1.0e3"'],
    ["-.5", '"-.5"'],
    ["+.5", '"+.5"'],
    [".", '"."'],
    ["09", '"09"'],
    ["0:30", '"0:30"'],
    ["0o17", '"0o17"'],
    ["y", '"y"'],
    ["2024-5-1", '"2024-5-1"'],
    ["'1.0'", '"1.0"'],
    ["'2024-05-01'", '"2024-05-01"'],
    ["'null'", '"null"'],
    // ...numbers to PyYAML, the same numbers written back...
    ["1.0e+3", "1000.0"],
    ["3.", "3.0"],
    [".5", "0.5"],
    ["1_000", "1000"],
    ["0x1F", "31"],
    ["017", "15"],
    ["0b101", "5"],
    ["1:20", "80"],
    ["1:20.5", "80.5"],
    ["-0.0", "-0.0"],
    ["1.0e+21", "1.0e+21"],
    ["1.0e-7", "1.0e-7"],
    ["12345678901234567890", "12345678901234567890"],
    ["-12345678901234567890", "-12345678901234567890"],
    ["9007199254740993", "9007199254740993"],
    [".Inf", ".inf"],
    [".NaN", ".nan"],
    ["!!float 3", "3.0"],
    ["!!int '0x_1F'", "31"],
    // ...dates and times stay dates and times (written plain, as PyYAML dumps them)...
    ["2024-05-01", "2024-05-01"],
    ["2024-05-01 10:00:00", "2024-05-01 10:00:00"],
    ["2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"],
    // ...booleans and nulls.
    ["yes", "true"],
    ["Off", "false"],
    ["~", "null"],
    ["nULL", "nULL"],
  ])("%s is written %s", (source, written) => {
    expect(one(source)).toBe(written);
  });

  it("a string with a character PyYAML cannot read raw (tab, DEL, C1, NEL, U+2028, BOM, U+FFFE) is written escaped", () => {
    expect(one('"tab\\there"')).toBe('"tab\\there"');
    expect(one('"a\\x7fb\\x80c\\Nd\\Le\\Pf\\ufeffg\\uFFFEh"')).toBe('"a\\x7Fb\\x80c\\x85d\\u2028e\\u2029f\\uFEFFg\\uFFFEh"');
    expect(one('"ünï 😀\\u00a0nbsp"')).toBe("ünï 😀\u00a0nbsp");
  });

  it("keys that are not strings keep their type (`429: retry`, not `\"429\": retry`)", () => {
    // (Integer-like keys come first, as in any JavaScript object: key order means nothing to PyYAML, whose dump sorts keys.)
    const lines = copied("  429: retry\n  null: none\n  2024-01-01: day\n  1.5: half\n  true: yes\n  '7': seven\n  __proto__: p\n").split("\n");
    expect(lines.sort()).toEqual(["", '  "7": seven', "  1.5: half", "  2024-01-01: day", "  429: retry", "  __proto__: p", "  null: none", "  true: true"]);
  });

  it("a block scalar ending the file without a line break has none (as PyYAML reads it)", () => {
    const last = (text: string) => agents.transform("a.yml", text).match(/ {2}k: (.*)\n/)?.[1];
    expect(last("name: a\nexternal:\n  k: |\n    x")).toBe("x");
    expect(last("name: a\nexternal:\n  k: >\n    x\n    y")).toBe("x y");
    expect(agents.transform("a.yml", "name: a\nexternal:\n  k: |\n    x\n")).toContain("  k: |\n    x\n");
  });

  it("merge keys and aliases: an explicit key wins over merged ones, the first merged mapping over later ones", () => {
    const out = agents.transform("a.yml", "base: &b {timeout: 1, max_tasks: 2}\nover: &o {timeout: 5}\nname: a\n<<: [*o, *b]\nmax_tasks: 9\nexternal: &e {x: 1.0}\nretry_delay: *e\n");
    expect(out).toContain("  timeout_seconds: 5\n  max_concurrent_tasks: 9\n");
    expect(out).toMatch(/retry_delay: &(\w+)\n {6}x: 1\.0\nexternal_config: \*\1\n/);
  });

  it("BOM, CRLF, an empty file and a comment-only file read as PyYAML reads them", () => {
    expect(agents.transform("a.yml", "\ufeffname: a\r\ntimeout: 0\r\nexternal: ''\r\n")).toContain("  timeout_seconds: 0\n");
    const main = compileConfigStep(plans.flatMap((p) => p.config).find((c) => c.source === "config.yml")!);
    expect(main.transform("config.yml", "")).toBe(main.transform("config.yml", "# only a comment\n"));
    expect(main.transform("config.yml", "~\n")).toContain("environment: development\n");
  });

  it.each([
    ["an alias without its anchor", "name: a\ntimeout: *nowhere\n", 2, 10, /Unresolved alias/],
    ["a collection that contains itself", "name: a\nexternal: &e [*e]\n", 1, 1, /contains itself/],
    ["`!!float` of no number", "name: a\ntimeout: !!float abc\n", 2, 10, /not a float/],
  ])("%s is bad input, located", (_what, text, line, column, message) => {
    let error: unknown;
    try {
      agents.transform("agents/bad.yml", text);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigInputError);
    expect((error as ConfigInputError).message).toMatch(message);
    expect([(error as ConfigInputError).line, (error as ConfigInputError).column]).toEqual([line, column]);
  });
});

describe("generated awkward folders (bench/keiko/awkward-config.mjs, fixed seeds)", () => {
  const write = (dir: string, files: Record<string, Buffer>) => {
    for (const [p, bytes] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, p)), { recursive: true });
      writeFileSync(join(dir, p), bytes);
    }
  };
  /** The PyYAML oracle's differences for (source, output) folder pairs; null without python3 and PyYAML. */
  const oracle = (pairs: string[]): string | null => {
    const r = spawnSync("python3", ["test/support/keiko_config_oracle.py", "compare", ...pairs], { encoding: "utf8" });
    return r.error || /No module named/.test(r.stderr) ? null : r.stdout + r.stderr;
  };

  it("into a new nested folder and back: the files the contract says (PyYAML oracle), and rollback removes every folder the run made", () => {
    // The oracle also checks the golden Keiko files against the shared v1 folder.
    const compared = [new URL("../../specs/keiko/fixtures/config-v1", import.meta.url).pathname, "test/golden/config/keiko"];
    for (let seed = 1; seed <= 12; seed++) {
      const src = fresh();
      write(src, awkwardFolder(seed).files);
      const root = fresh();
      const target = join(root, "out", "v2");
      const changes = planConfigFiles(plans, src, target);
      const staged = stageFiles(target, changes);
      staged.commit();
      expect(readdirSync(join(target, "agents")).filter((f) => f.includes("kmig-tmp"))).toEqual([]);
      // The oracle reads the output later: keep a copy of what was written.
      const copy = fresh();
      cpSync(target, copy, { recursive: true });
      compared.push(src, copy);
      restoreFiles(target, changes.map((c) => ({ path: c.path, before: c.before })));
      removeCreatedDirs(target, staged.createdDirs.map((d) => d.path));
      expect(existsSync(join(root, "out")), `seed ${seed}`).toBe(false);
    }
    const differences = oracle(compared);
    if (differences !== null) expect(differences).toBe("[]\n");
  });

  it("in place and back, byte for byte (CRLF, BOM, comments and all)", () => {
    for (let seed = 13; seed <= 30; seed++) {
      const dir = fresh();
      write(dir, awkwardFolder(seed).files);
      const before = fileTree(dir, { dirs: true });
      const changes = planConfigFiles(plans, dir, dir);
      stageFiles(dir, changes).commit();
      restoreFiles(dir, changes.map((c) => ({ path: c.path, before: c.before })));
      expect(fileTree(dir, { dirs: true }), `seed ${seed}`).toEqual(before);
    }
  });

  it("an agent file without a usable `name` stops the run, naming file and key, before anything is written", () => {
    for (const seed of [4, 9, 14, 19, 24]) {
      const { files, nameless } = awkwardFolder(seed, { nameless: true });
      const src = fresh();
      write(src, files);
      const target = join(fresh(), "v2");
      let error: unknown;
      try {
        planConfigFiles(plans, src, target);
      } catch (e) {
        error = e;
      }
      expect(error, `seed ${seed}`).toBeInstanceOf(ConfigInputError);
      expect((error as ConfigInputError).file).toContain(nameless);
      expect((error as ConfigInputError).keyPath).toBe("name");
      expect(existsSync(target)).toBe(false);
    }
  });
});
