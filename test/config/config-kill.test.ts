import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseline } from "../../runtime/baseline.js";
import { tmpName } from "../../runtime/config/config-files.js";
import type { Db } from "../../runtime/db/connection.js";
import { SILENT } from "../../runtime/events.js";
import { runCli, tempSpecs } from "../support/cli.js";
import { fileTree } from "../support/file-tree.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";
import { postgresDb, type TestDb } from "../runtime/support/engines.js";
import { createBigKeikoV1, expectKeikoRows, KEIKO_SPEC, keikoPlans, keikoRows, migrationDate } from "../runtime/support/keiko.js";
import { snapshotDb, type DbSnapshot } from "../runtime/support/snapshot.js";
import { startCli } from "../runtime/support/spawn.js";

const V1 = `${KEIKO_FIXTURES}config-v1`;
const GOLDEN = "test/golden/config/keiko";
const YML = ["agents/helper.yml", "agents/painter.yml", "agents/writer.yml", "config.yml", "database.yml"];

/** kmig's own relations aside (apply with config folders adds its config tables). */
const userVisible = (s: DbSnapshot) => ({ ...s, kmig: { ...s.kmig, relations: [] } });

/**
 * A run with config folders killed while its database work is under way, or stopped between the
 * database's commit and putting the files in place: the next `apply` finishes the job, or
 * `rollback` takes it all back, and the target folder holds nothing of kmig's in between.
 */
describe("config files and a killed run (CLI, PostgreSQL)", () => {
  let t: TestDb;
  let db: Db;
  let root: string;
  let target: string;
  let v1: DbSnapshot;
  let before: Record<string, string>;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
    await createBigKeikoV1(db, 77, 10);
    await baseline(db, keikoPlans(), null, 5000, SILENT);
    v1 = await snapshotDb(db);
    root = tempSpecs({ "keep.txt": "not kmig's\n" });
    target = join(root, "v2");
    before = fileTree(root, { dirs: true });
  });
  afterEach(async () => {
    await db?.close();
    await t?.drop();
    rmSync(root, { recursive: true, force: true });
  });
  const flags = () => ["--db", t.url, "--config-from", V1, "--config-to", target];

  /** `kmig apply` with config folders, killed after its 10th committed backfill batch (of ~64). */
  async function killedApply(): Promise<void> {
    const run = startCli(["apply", KEIKO_SPEC, ...flags(), "--batch-size", "50", "--pause", "20", "--json"]);
    let seen = 0;
    await run.waitFor((e) => e.type === "backfill-progress" && ++seen >= 10);
    run.child.kill("SIGKILL");
    expect((await run.done).signal).toBe("SIGKILL");
    // The files wait under temporary names, in the folder the run created.
    expect(Object.keys(fileTree(target)).sort()).toEqual(YML.map((p) => tmpName(p)).sort());
  }

  it("killed mid-backfill, then rolled back: database and folder as before, staged files gone", { timeout: 180_000 }, async () => {
    await killedApply();
    const status = runCli(["status", KEIKO_SPEC, "--db", t.url], { timeoutMs: 120_000 });
    expect(status.stdout).toContain(`! keiko_v2: 5 config file(s) staged in ${target} by a run that stopped; the next apply or rollback removes them first`);
    const r = runCli(["rollback", KEIKO_SPEC, ...flags()], { timeoutMs: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("removed 5 config file(s) a stopped run had staged for keiko_v2");
    expect(userVisible(await snapshotDb(db))).toEqual(userVisible(v1));
    expect(fileTree(root, { dirs: true })).toEqual(before);
    expect((await db.query(`SELECT * FROM "kmig"."config_files"`)).rows).toEqual([]);
    expect((await db.query(`SELECT * FROM "kmig"."config_dirs"`)).rows).toEqual([]);
  });

  it("killed mid-backfill, then applied again: every file written once, as the golden says", { timeout: 180_000 }, async () => {
    const v1Rows = await keikoRows(db);
    await killedApply();
    const r = runCli(["apply", KEIKO_SPEC, ...flags()], { timeoutMs: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expectKeikoRows(await keikoRows(db), v1Rows, await migrationDate(db));
    const written = fileTree(target);
    expect(Object.keys(written).sort()).toEqual(YML);
    for (const f of YML) expect(written[f], f).toBe(readFileSync(join(GOLDEN, f), "latin1"));
    const rolled = runCli(["rollback", KEIKO_SPEC, ...flags()], { timeoutMs: 120_000 });
    expect(rolled.status).toBe(0);
    expect(fileTree(root, { dirs: true })).toEqual(before);
  });

  /**
   * The state a kill leaves between the ledger's "applied" and the renames, made by hand from a
   * finished run (a kill cannot be aimed at that instant): files back at their staged names, their
   * records back to 'staged' with their bytes. `lost` drops one staged copy as well.
   */
  async function stoppedBeforeRename(lost: string | null): Promise<void> {
    const applied = runCli(["apply", KEIKO_SPEC, ...flags()], { timeoutMs: 120_000 });
    expect(applied.status).toBe(0);
    for (const f of YML) {
      const path = join(target, f);
      await db.query(`UPDATE "kmig"."config_files" SET "state" = 'staged', "written" = $2 WHERE "path" = $1`, [f, readFileSync(path)]);
      renameSync(path, tmpName(path));
    }
    if (lost) rmSync(tmpName(join(target, lost)));
  }

  for (const lost of [null, "agents/painter.yml"]) {
    it(`stopped after the database committed, before the renames${lost ? ", a staged copy lost" : ""}: apply puts the files in place`, { timeout: 180_000 }, async () => {
      await stoppedBeforeRename(lost);
      const status = runCli(["status", KEIKO_SPEC, "--db", t.url], { timeoutMs: 120_000 });
      expect(status.stdout).toContain(`! keiko_v2: 5 config file(s) staged in ${target} by a run that stopped; the next apply or rollback puts them in place first`);
      const r = runCli(["apply", KEIKO_SPEC, ...flags()], { timeoutMs: 120_000 });
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("finished writing 5 config file(s) of keiko_v2");
      const written = fileTree(target);
      expect(Object.keys(written).sort()).toEqual(YML);
      for (const f of YML) expect(written[f], f).toBe(readFileSync(join(GOLDEN, f), "latin1"));
      expect((await db.query(`SELECT "state", "written" FROM "kmig"."config_files" WHERE "state" <> 'written' OR "written" IS NOT NULL`)).rows).toEqual([]);
    });
  }

  it("stopped before the renames, then rolled back: the folder as before the run", { timeout: 180_000 }, async () => {
    await stoppedBeforeRename(null);
    const r = runCli(["rollback", KEIKO_SPEC, ...flags()], { timeoutMs: 120_000 });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(userVisible(await snapshotDb(db))).toEqual(userVisible(v1));
    expect(fileTree(root, { dirs: true })).toEqual(before);
  });

  it("a staged file a person changed meanwhile is left alone and reported", { timeout: 180_000 }, async () => {
    await stoppedBeforeRename("config.yml");
    writeFileSync(join(target, "config.yml"), "edited: by hand\n");
    const r = runCli(["apply", KEIKO_SPEC, ...flags()], { timeoutMs: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stderr + r.stdout).toContain("config.yml changed since a stopped run staged it");
    expect(readFileSync(join(target, "config.yml"), "utf8")).toBe("edited: by hand\n");
    expect(existsSync(tmpName(join(target, "config.yml")))).toBe(false);
  });
});
