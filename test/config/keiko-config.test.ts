import { cpSync, existsSync, mkdtempSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { Document } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { planConfigFiles, restoreFiles, stageFiles } from "../../runtime/config/config-files.js";
import { ConfigInputError, YAML_OPTIONS } from "../../runtime/config/yaml-doc.js";
import type { Plan } from "../../core/plan.js";
import { KEIKO_FIXTURES, runnablePlans } from "../support/spec-chain.js";
import { fileTree } from "../support/file-tree.js";

const plans: Plan[] = await runnablePlans("specs/keiko");
const GOLDEN = "test/golden/config/keiko";
const tmp: string[] = [];
const fresh = () => {
  const d = mkdtempSync(join(tmpdir(), "kmig-config-"));
  tmp.push(d);
  return d;
};
afterAll(() => tmp.forEach((d) => rmSync(d, { recursive: true, force: true })));


describe("Keiko config migration", () => {
  it("writes the contract's v2 files (golden)", () => {
    const out = fresh();
    const changes = planConfigFiles(plans, `${KEIKO_FIXTURES}config-v1`, out);
    stageFiles(out, changes).commit();
    const got = fileTree(out);
    expect(Object.keys(got).sort()).toEqual(["agents/helper.yml", "agents/painter.yml", "agents/writer.yml", "config.yml", "database.yml"]);
    for (const [path, text] of Object.entries(got)) {
      const golden = join(GOLDEN, path);
      if (process.env.KMIG_UPDATE) {
        mkdirSync(join(golden, ".."), { recursive: true });
        writeFileSync(golden, text);
      }
      expect(text, path).toBe(readFileSync(golden, "latin1"));
    }
  });

  it("in place: rollback gives the folder back byte for byte, and other files are never touched", () => {
    const dir = fresh();
    cpSync(`${KEIKO_FIXTURES}config-v1`, dir, { recursive: true });
    writeFileSync(join(dir, "notes.txt"), "not a config file\n");
    const before = fileTree(dir);
    const changes = planConfigFiles(plans, dir, dir);
    stageFiles(dir, changes).commit();
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("not a config file\n");
    expect(fileTree(dir)["config.yml"]).not.toBe(before["config.yml"]);
    restoreFiles(dir, changes.map((c) => ({ path: c.path, before: c.before })));
    expect(fileTree(dir)).toEqual(before);
  });

  it.each([
    ["an agent file without `name`", "agents/nameless.yml", "type: generic\ntimeout: 5\n", /required key `name` is missing/, 1],
    ["unparsable YAML", "agents/broken.yml", "name: x\nbad: [unclosed\n", /not valid YAML/, 3],
  ])("bad input (%s) stops with file, key and line:col, and writes nothing", (_what, file, text, message, line) => {
    const src = fresh();
    const out = fresh();
    cpSync(`${KEIKO_FIXTURES}config-v1`, src, { recursive: true });
    writeFileSync(join(src, file), text);
    let error: unknown;
    try {
      planConfigFiles(plans, src, out);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigInputError);
    const e = error as ConfigInputError;
    expect(e.file).toContain(file);
    expect(e.message).toMatch(message);
    expect(e.line).toBe(line);
    expect(readdirSync(out)).toEqual([]);
  });

  it("rollback(apply(folder)) is the folder, for generated v1 folders (fast-check)", () => {
    const flag = fc.constantFrom<unknown>(true, false, "yes", "no", 0, 1, "", null, [], "ünï");
    const agent = fc.record({ name: fc.string({ minLength: 1, maxLength: 8 }), type: fc.constantFrom("text_processor", "image_generator", "generic", null), timeout: fc.option(fc.integer({ min: 0, max: 999 }), { nil: undefined }), supports_text_processing: flag, supports_image_generation: flag }, { requiredKeys: ["name"] });
    const main = fc.record({ env: fc.option(fc.string(), { nil: undefined }), port: fc.option(fc.integer({ min: 1, max: 65535 }), { nil: undefined }), debug: flag }, { requiredKeys: [] });
    fc.assert(
      fc.property(fc.array(agent, { maxLength: 3 }), main, fc.boolean(), (agents, cfg, comments) => {
        const dir = fresh();
        mkdirSync(join(dir, "agents"));
        const write = (p: string, v: unknown) => writeFileSync(join(dir, p), `${comments ? "# kept\n" : ""}${new Document(v, YAML_OPTIONS).toString()}`);
        write("config.yml", cfg);
        write("database.yml", { database_url: "postgresql://x", pool_size: 5 });
        agents.forEach((a, i) => write(`agents/a${i}.yml`, a));
        const before = fileTree(dir);
        const changes = planConfigFiles(plans, dir, dir);
        stageFiles(dir, changes).commit();
        restoreFiles(dir, changes.map((c) => ({ path: c.path, before: c.before })));
        expect(fileTree(dir)).toEqual(before);
        rmSync(dir, { recursive: true, force: true });
      }),
      { numRuns: 60 },
    );
  });
});

describe("which files a config step reads and writes", () => {
  const stepOf = (block: string) => {
    const specDir = fresh();
    writeFileSync(join(specDir, "001_m.kmig"), `migration m from '1' to '2' {\n  describe 'files'\n${block}\n}\n`);
    return runnablePlans(specDir);
  };

  it("a glob target's `*` stands for what the source's `*` matched", async () => {
    const src = fresh();
    mkdirSync(join(src, "agents"));
    writeFileSync(join(src, "agents/a.yml"), "name: a\n");
    writeFileSync(join(src, "agents/b.yml"), "name: b\n");
    const changes = planConfigFiles(await stepOf("  config 'agents/*.yml' -> 'v2/*.yaml' {\n    name := name\n  }"), src, fresh());
    expect(changes.map((c) => [c.source, c.path])).toEqual([
      ["agents/a.yml", "v2/a.yaml"],
      ["agents/b.yml", "v2/b.yaml"],
    ]);
  });

  it("a source named without a glob must exist: the run stops naming it", async () => {
    const src = fresh();
    let error: unknown;
    try {
      planConfigFiles(await stepOf("  config 'app.yml' {\n    a := 1\n  }"), src, fresh());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigInputError);
    expect((error as ConfigInputError).message).toBe("the source folder has no app.yml");
    expect((error as ConfigInputError).file).toBe(join(src, "app.yml"));
  });
});

describe("patch mode (in place, comments kept)", () => {
  it("edits only the keys the spec names and keeps comments, order and layout of the rest", async () => {
    const spec = `migration m from '1' to '2' {\n  describe 'patch'\n  config 'app.yml' patch {\n    version := '2.0'\n    server.port := port_override ?? 8080\n    remove debug\n  }\n}\n`;
    const dir = fresh();
    const specDir = fresh();
    writeFileSync(join(specDir, "001_patch.kmig"), spec);
    const p = await runnablePlans(specDir);
    const original = "# the app\nversion: '1.0'   # bumped by kmig\nserver:\n  host: example.org   # stays\n  port: 80\ndebug: true\nextra: [1, 2]   # flow style stays\n";
    writeFileSync(join(dir, "app.yml"), original);
    const changes = planConfigFiles(p, dir, dir);
    stageFiles(dir, changes).commit();
    const out = readFileSync(join(dir, "app.yml"), "utf8");
    expect(out).toContain("# the app");
    expect(out).toContain("host: example.org   # stays");
    expect(out).toContain("extra: [1, 2]   # flow style stays");
    expect(out).toMatch(/version: "?'?2\.0/);
    expect(out).toContain("port: 8080");
    expect(out).not.toContain("debug");
    restoreFiles(dir, changes.map((c) => ({ path: c.path, before: c.before })));
    expect(readFileSync(join(dir, "app.yml"), "utf8")).toBe(original);
    expect(existsSync(join(dir, ".app.yml.kmig-tmp"))).toBe(false);
  });
});
