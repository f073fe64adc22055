import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { runCliAsync } from "../support/cli.js";
import { connect, createTestDatabase, PG_BASE } from "../support/pg.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";
import { guideRunFile } from "./guide-run-file.js";
import { hashTree, rowsOf } from "./support/compare.js";

/**
 * The check with the guide's run file where PostgreSQL's client tools are not installed
 * (a PATH without pg_dump, pg_restore or psql): the schema is read from the source's catalog, the
 * backup is kmig's own dump. The target equals a copy made with pg_dump/pg_restore (schema, byte
 * for byte, and rows); the source is unchanged; the backup restores to the source as it was.
 */
const KEIKO = "specs/keiko";
const CONFIG_V1 = join(KEIKO_FIXTURES, "config-v1");
const url = (name: string) => `${PG_BASE}/${name}`;
const dump = (name: string, ...extra: string[]) => execFileSync("pg_dump", ["--restrict-key=kmigtest", ...extra, "--dbname", url(name)], { encoding: "utf8", maxBuffer: 1 << 28 });
let work: string;
let noPg: string;
const dbs: { drop: () => Promise<void> }[] = [];
const created: string[] = [];
const fresh = (what: string) => {
  const name = `kmig_${what}_${Math.random().toString(16).slice(2, 10)}`;
  created.push(name);
  return name;
};

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "kmig-copy-nopg-"));
  noPg = join(work, "bin");
  mkdirSync(noPg);
});

afterAll(async () => {
  for (const d of dbs) await d.drop();
  const c = new pg.Client({ connectionString: url("test") });
  await c.connect();
  for (const t of created) await c.query(`DROP DATABASE IF EXISTS "${t}" WITH (FORCE)`);
  await c.end();
  rmSync(work, { recursive: true, force: true });
});

describe("copy mode with the guide's run file, without pg_dump", () => {
  it("builds the same target as with pg_dump, leaves the source byte for byte, and its backup restores the source", async () => {
    const db = await createTestDatabase("kmig_nopg_src");
    dbs.push(db);
    const setup = await runCliAsync(["apply", KEIKO, "--db", db.url, "--to", "1.9.0", "--fixtures"], { timeoutMs: 120_000 });
    expect(setup.status, setup.stderr).toBe(0);
    const before = dump(db.name);
    const configBefore = hashTree(CONFIG_V1);

    const withTools = fresh("with_tools");
    const a = await runCliAsync(["apply", KEIKO, "--db", db.url, "--target-db", url(withTools), "--config-from", CONFIG_V1, "--config-to", join(work, "config-with-tools")], { timeoutMs: 240_000 });
    expect(a.status, a.stderr + a.stdout).toBe(0);
    expect(a.stdout).not.toMatch(/read from the source's catalog/);

    const target = fresh("no_tools");
    const dir = mkdtempSync(join(work, "run-"));
    mkdirSync(join(dir, "data-v1"));
    writeFileSync(join(dir, "data-v1", "a.txt"), "agent data\n");
    const file = join(dir, "migration-config.yml");
    writeFileSync(file, guideRunFile({ sourceUrl: db.url, targetUrl: url(target), sourceConfig: CONFIG_V1, targetConfig: "./config-v2", sourceData: "./data-v1", targetData: "./data-v2", backupPath: "./backup" }));
    const env = { PATH: noPg };
    const r = await runCliAsync(["apply", KEIKO, "--run", file], { timeoutMs: 300_000, env });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/pg_dump is not installed: kmig's own COPY-based dump/);
    expect(r.stdout).toMatch(/the schema is read from the source's catalog/);
    expect(r.stdout).toMatch(/copied public\.tasks: 8 rows/);
    expect(dump(db.name)).toBe(before);
    expect(hashTree(CONFIG_V1)).toEqual(configBefore);
    expect(hashTree(join(dir, "config-v2"))).toEqual(hashTree(join(work, "config-with-tools")));
    expect(hashTree(join(dir, "data-v2"))).toEqual(hashTree(join(dir, "data-v1")));

    // The same schema as pg_restore made, byte for byte, and the same rows.
    expect(dump(target, "--schema-only")).toBe(dump(withTools, "--schema-only"));
    for (const t of ["tasks", "agents", "users"]) expect(await rowsOf(target, t)).toEqual(await rowsOf(withTools, t));

    const s = await runCliAsync(["status", KEIKO, "--run", file], { timeoutMs: 120_000, env });
    expect(s.status, s.stdout + s.stderr).toBe(0);

    const backup = readdirSync(join(dir, "backup")).find((f) => f.endsWith(".kmigdump"));
    expect(backup).toBeDefined();
    const restored = fresh("restored");
    const rr = await runCliAsync(["restore-backup", join(dir, "backup", backup!), "--db", url(restored)], { timeoutMs: 120_000, env });
    expect(rr.status, rr.stderr).toBe(0);
    expect(dump(restored)).toBe(before);
  }, 900_000);

  it("a source with objects the catalog reader cannot describe is refused before anything is written (K9540)", async () => {
    const db = await createTestDatabase("kmig_nopg_src");
    dbs.push(db);
    const c = await connect(db.url);
    await c.query(readFileSync("specs/keiko/reference/v1-schema.sql", "utf8"));
    await c.query("CREATE TABLE parted (id int, at date) PARTITION BY RANGE (at)");
    await c.end();
    const target = fresh("no_tools");
    const r = await runCliAsync(["apply", KEIKO, "--db", db.url, "--target-db", url(target), "--backup", join(work, "refused-backup")], { timeoutMs: 120_000, env: { PATH: noPg } });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[K9540\]: pg_dump is not installed .* it has 1 partitioned or inherited table/);
    const admin = await connect(url("postgres"));
    expect((await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [target])).rowCount).toBe(0);
    await admin.end();
    expect(() => readdirSync(join(work, "refused-backup"))).toThrow();
  }, 300_000);
});
