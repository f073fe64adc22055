import { cpSync, existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { runCli, tempSpecs } from "../support/cli.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";
import { postgresDb, type TestDb } from "../runtime/support/engines.js";
import { createKeikoV1, expectKeikoRows, KEIKO_SPEC, keikoRows, migrationDate } from "../runtime/support/keiko.js";
import { snapshotDb } from "../runtime/support/snapshot.js";
import { fileTree } from "../support/file-tree.js";

const V1 = `${KEIKO_FIXTURES}config-v1`;
const GOLDEN = "test/golden/config/keiko";


/**
 * The acceptance run, database and config together through the CLI on the PostgreSQL
 * server: one `apply` migrates rows and files, one `rollback` with the same flags brings both back.
 */
describe("Keiko database and config in one run (CLI, PostgreSQL)", () => {
  let t: TestDb;
  let db: Db;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
    await createKeikoV1(db, 4242, { users: 12, agents: 30, tasks: 400 });
  });
  afterEach(async () => {
    await db?.close();
    await t?.drop();
  });
  const kmig = (cmd: string, ...args: string[]) => runCli([cmd, KEIKO_SPEC, "--db", t.url, ...args]);

  it("apply writes the v2 files and rows; rollback restores both exactly, created folders included", async () => {
    expect(kmig("baseline").status).toBe(0);
    const v1 = await snapshotDb(db);
    const v1Rows = await keikoRows(db);
    const root = tempSpecs({ "keep.txt": "not kmig's\n" });
    const target = join(root, "v2");
    const before = fileTree(root, { dirs: true });

    const applied = kmig("apply", "--config-from", V1, "--config-to", target);
    expect(applied.stderr).toBe("");
    expect(applied.status).toBe(0);
    expectKeikoRows(await keikoRows(db), v1Rows, await migrationDate(db));
    const written = fileTree(target, { dirs: true });
    expect(Object.keys(written).sort()).toEqual(["agents", "agents/helper.yml", "agents/painter.yml", "agents/writer.yml", "config.yml", "database.yml"]);
    for (const f of Object.keys(written).filter((p) => p.endsWith(".yml"))) expect(written[f], f).toBe(readFileSync(join(GOLDEN, f), "latin1"));

    const rolled = kmig("rollback", "--config-from", V1, "--config-to", target);
    expect(rolled.stderr).toBe("");
    expect(rolled.status).toBe(0);
    // kmig's schema keeps its config tables (empty for this migration now); all else is as before.
    const after = await snapshotDb(db);
    expect({ ...after, kmig: { ...after.kmig, relations: [] } }).toEqual({ ...v1, kmig: { ...v1.kmig, relations: [] } });
    // The folders the run made (`v2`, `v2/agents`) are gone again: the tree is as it was.
    expect(fileTree(root, { dirs: true })).toEqual(before);
  });

  it("in place through a run file: comments and untouched files stay; rollback is byte for byte", async () => {
    expect(kmig("baseline").status).toBe(0);
    const dir = tempSpecs({});
    cpSync(V1, dir, { recursive: true });
    writeFileSync(join(dir, "README.txt"), "hand-written notes, not a config step's\n");
    const before = fileTree(dir, { dirs: true });
    const run = tempSpecs({ "migration-config.yml": `source:\n  database_url: ${t.url}\n  config_path: ${dir}\ntarget:\n  config_path: ${dir}\n` });
    const runFile = join(run, "migration-config.yml");

    const applied = runCli(["apply", KEIKO_SPEC, "--run", runFile]);
    expect(applied.stderr).toBe("");
    expect(applied.status).toBe(0);
    expect(readFileSync(join(dir, "README.txt"), "utf8")).toBe(before["README.txt"]);
    expect(readFileSync(join(dir, "config.yml"), "utf8")).toContain("version: 2.0.0");

    const rolled = runCli(["rollback", KEIKO_SPEC, "--run", runFile]);
    expect(rolled.stderr).toBe("");
    expect(rolled.status).toBe(0);
    expect(fileTree(dir, { dirs: true })).toEqual(before);
  });

  it("an agent file without `name` stops the run: file, key and line named; database and folder untouched", async () => {
    const source = tempSpecs({});
    cpSync(V1, source, { recursive: true });
    writeFileSync(join(source, "agents/nameless.yml"), "# no name here\ntype: text_processor\ntimeout: 30\n");
    const target = tempSpecs({ "agents/old.yml": "name: old\n" });
    const folderBefore = fileTree(target, { dirs: true });
    // Never baselined: apply would create the baseline and kmig's schema; bad input must stop it first.
    const dbBefore = await snapshotDb(db);

    const r = kmig("apply", "--config-from", source, "--config-to", target);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/agents\/nameless\.yml:2:1/);
    expect(r.stderr).toContain("`name`");
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(fileTree(target, { dirs: true })).toEqual(folderBefore);
    expect(await snapshotDb(db)).toEqual(dbBefore);
    expect(dbBefore.kmig.relations).toEqual([]);
  });

  it("a file edited by hand after the migration: rollback refuses, naming it, until --accept-data-loss", async () => {
    expect(kmig("baseline").status).toBe(0);
    const target = tempSpecs({});
    expect(kmig("apply", "--config-from", V1, "--config-to", target).status).toBe(0);
    const edited = `${readFileSync(join(target, "config.yml"), "utf8")}# tuned by hand in production\n`;
    writeFileSync(join(target, "config.yml"), edited);
    const afterApply = await snapshotDb(db);

    const refused = kmig("rollback", "--config-from", V1, "--config-to", target);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("config.yml");
    expect(await snapshotDb(db)).toEqual(afterApply);
    expect(readFileSync(join(target, "config.yml"), "utf8")).toBe(edited);

    const forced = kmig("rollback", "--config-from", V1, "--config-to", target, "--accept-data-loss");
    expect(forced.stderr).toBe("");
    expect(forced.status).toBe(0);
    expect(fileTree(target, { dirs: true })).toEqual({});
  });
});
