import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import type { PlanImpact } from "../../runtime/impact/types.js";
import type { RollbackPreview } from "../../runtime/impact/rollback-preview.js";
import { runCli, tempSpecs } from "../support/cli.js";
import { KEIKO_FIXTURES, runnablePlans } from "../support/spec-chain.js";
import { pgliteDb, postgresDb, type TestDb } from "../runtime/support/engines.js";
import { KEIKO_SPEC } from "../runtime/support/keiko.js";
import { applyAll } from "../runtime/support/run.js";
import { snapshotDb } from "../runtime/support/snapshot.js";
import { fileTree } from "../support/file-tree.js";

const V1 = `${KEIKO_FIXTURES}config-v1`;
const GOLDEN = "test/golden/config/plan";


/** The part of `kmig plan`'s text about config files, with the target folder written `<target>`. */
function configSection(stdout: string, dir: string): string {
  const start = stdout.search(/^ {2}config files/m);
  expect(start, stdout).toBeGreaterThanOrEqual(0);
  const end = stdout.indexOf("\n\n", start);
  return stdout.slice(start, end + 1).split(dir).join("<target>");
}

/** Compares with a golden file; `KMIG_UPDATE=1` rewrites it. */
function golden(name: string, text: string): void {
  const path = join(GOLDEN, name);
  if (process.env.KMIG_UPDATE) {
    mkdirSync(GOLDEN, { recursive: true });
    writeFileSync(path, text);
  }
  expect(text).toBe(readFileSync(path, "utf8"));
}

describe("kmig plan with config folders (PostgreSQL)", () => {
  let t: TestDb;
  let db: Db;
  beforeAll(async () => {
    t = await postgresDb();
    db = await t.open();
  });
  afterAll(async () => {
    await db?.close();
    await t?.drop();
  });

  it("shows each Keiko file it would create as a diff from /dev/null, and writes nothing", async () => {
    const target = tempSpecs({});
    const before = await snapshotDb(db);
    const r = runCli(["plan", "specs/keiko", "--db", t.url, "--config-from", V1, "--config-to", target]);
    expect(r.status, r.stderr).toBe(0);
    golden("keiko-new-folder.txt", configSection(r.stdout, target));
    expect(r.stdout).not.toContain("apply writes them only with --config-from");
    expect(readdirSync(target)).toEqual([]);
    expect(await snapshotDb(db)).toEqual(before);
  });

  it("in place: each file's diff against the v1 text; the folder stays byte for byte; --json carries the diffs", () => {
    const dir = tempSpecs({});
    cpSync(V1, dir, { recursive: true });
    writeFileSync(join(dir, "notes.txt"), "not a config file\n");
    const before = fileTree(dir);
    const r = runCli(["plan", "specs/keiko", "--db", t.url, "--config-from", dir, "--config-to", dir]);
    expect(r.status, r.stderr).toBe(0);
    const section = configSection(r.stdout, dir);
    golden("keiko-in-place.txt", section);
    const json = JSON.parse(runCli(["plan", "specs/keiko", "--db", t.url, "--config-from", dir, "--config-to", dir, "--json"]).stdout) as PlanImpact;
    const files = json.migrations.flatMap((m) => m.files);
    expect(files.map((f) => [f.path, f.action])).toEqual(["config.yml", "database.yml", "agents/helper.yml", "agents/painter.yml", "agents/writer.yml"].map((p) => [p, "overwrite"]));
    for (const f of files) {
      expect(f.diff).toMatch(new RegExp(`^--- a/${f.path}\\n\\+\\+\\+ b/${f.path}\\n@@ -1,`));
      expect(section).toContain(f.diff);
    }
    expect(fileTree(dir)).toEqual(before);
  });

  it("a patch step in place shows only the lines it edits, with 3 lines of context", () => {
    const specs = tempSpecs({ "001_patch.kmig": "migration m from '1' to '2' {\n  describe 'patch'\n  config 'app.yml' patch {\n    server.port := 8080\n    remove debug\n  }\n}\n" });
    const dir = tempSpecs({ "app.yml": "# the app\nname: shop\nserver:\n  host: example.org   # stays\n  port: 80\n  workers: 4\nlimits:\n  a: 1\n  b: 2\n  c: 3\n  d: 4\n  e: 5\ndebug: true\nextra: [1, 2]\n" });
    const before = fileTree(dir);
    const r = runCli(["plan", specs, "--db", t.url, "--config-from", dir, "--config-to", dir]);
    expect(r.status, r.stderr).toBe(0);
    expect(configSection(r.stdout, dir)).toBe(
      [
        "  config files, written into <target> after the steps succeed:",
        `    patch in place app.yml   ${specs}/001_patch.kmig:3`,
        "--- a/app.yml",
        "+++ b/app.yml",
        "@@ -2,7 +2,7 @@",
        " name: shop",
        " server:",
        "   host: example.org   # stays",
        "-  port: 80",
        "+  port: 8080",
        "   workers: 4",
        " limits:",
        "   a: 1",
        "@@ -10,5 +10,4 @@",
        "   c: 3",
        "   d: 4",
        "   e: 5",
        "-debug: true",
        " extra: [1, 2]",
        "",
      ].join("\n"),
    );
    expect(fileTree(dir)).toEqual(before);
  });

  it("takes the folders (and the database) from --run, as apply does", () => {
    const target = tempSpecs({});
    const run = tempSpecs({ "migration-config.yml": `source:\n  database_url: ${t.url}\n  config_path: ${V1}\ntarget:\n  config_path: ${target}\n` });
    const r = runCli(["plan", "specs/keiko", "--run", join(run, "migration-config.yml")]);
    expect(r.status, r.stderr).toBe(0);
    golden("keiko-new-folder.txt", configSection(r.stdout, target));
    expect(readdirSync(target)).toEqual([]);
  });

  it("bad input (an agent file without `name`): apply's own diagnostic, exit 1, nothing written", async () => {
    const src = tempSpecs({ "agents/nameless.yml": "type: generic\ntimeout: 5\n" });
    cpSync(V1, src, { recursive: true });
    const target = tempSpecs({});
    const before = await snapshotDb(db);
    const plan = runCli(["plan", "specs/keiko", "--db", t.url, "--config-from", src, "--config-to", target]);
    expect(plan.status).toBe(1);
    expect(plan.stderr).toContain(`error[K9401]: ${src}/agents/nameless.yml:1:1 (key \`name\`): required key \`name\` is missing`);
    expect(await snapshotDb(db)).toEqual(before);
    const apply = runCli(["apply", "specs/keiko", "--db", t.url, "--config-from", src, "--config-to", target]);
    expect(apply.status).toBe(1);
    expect(plan.stderr).toBe(apply.stderr);
    const json = runCli(["plan", "specs/keiko", "--db", t.url, "--config-from", src, "--config-to", target, "--json"]);
    expect(json.status).toBe(1);
    expect(JSON.parse(json.stdout)).toMatchObject({ type: "error", code: "K9401", origin: { file: `${src}/agents/nameless.yml`, line: 1, column: 1 } });
    expect(readdirSync(target)).toEqual([]);
  });
});

describe("kmig plan --rollback with config files (PostgreSQL)", () => {
  let t: TestDb;
  let db: Db;
  beforeAll(async () => {
    t = await postgresDb();
    db = await t.open();
  });
  afterAll(async () => {
    await db?.close();
    await t?.drop();
  });

  it("shows each file rollback would put back, from the ledger's originals, and changes nothing", async () => {
    const dir = tempSpecs({});
    cpSync(V1, dir, { recursive: true });
    const v1 = fileTree(dir);
    await applyAll(db, await runnablePlans(KEIKO_SPEC), { config: { from: dir, to: dir } });
    const v2 = fileTree(dir);
    const before = await snapshotDb(db);
    await db.close();
    try {
      const r = runCli(["plan", "specs/keiko", "--rollback", "--db", t.url]);
      expect(r.status, r.stdout + r.stderr).toBe(0);
      golden("keiko-rollback-in-place.txt", configSection(r.stdout, dir));
      const json = JSON.parse(runCli(["plan", "specs/keiko", "--rollback", "--db", t.url, "--json"]).stdout) as RollbackPreview;
      expect(json.migrations[0].files.map((f) => [f.path, f.action])).toEqual(["agents/helper.yml", "agents/painter.yml", "agents/writer.yml", "config.yml", "database.yml"].map((p) => [p, "restore"]));
      for (const f of json.migrations[0].files) expect(f.diff).toMatch(new RegExp(`^--- a/${f.path}\\n\\+\\+\\+ b/${f.path}\\n`));
    } finally {
      db = await t.open();
    }
    expect(fileTree(dir)).toEqual(v2);
    expect(fileTree(dir)).not.toEqual(v1);
    expect(await snapshotDb(db)).toEqual(before);
  });
});

describe("kmig plan with config folders (PGlite)", () => {
  it("in place: the same diffs as on PostgreSQL, the folder byte for byte", async () => {
    const t = await pgliteDb();
    try {
      const dir = tempSpecs({});
      cpSync(V1, dir, { recursive: true });
      const before = fileTree(dir);
      const r = runCli(["plan", "specs/keiko", "--db", t.url, "--config-from", dir, "--config-to", dir], { timeoutMs: 180_000 });
      expect(r.status, r.stderr).toBe(0);
      golden("keiko-in-place.txt", configSection(r.stdout, dir));
      expect(fileTree(dir)).toEqual(before);
      expect(existsSync(join(dir, ".config.yml.kmig-tmp"))).toBe(false);
    } finally {
      await t.drop();
    }
  }, 240_000);
});
