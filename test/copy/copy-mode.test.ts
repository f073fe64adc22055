import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { runCliAsync } from "../support/cli.js";
import { connect, createTestDatabase, PG_BASE } from "../support/pg.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";
import { guideRunFile } from "./guide-run-file.js";
import { hashTree, rowsOf } from "./support/compare.js";

/**
 * Copy mode, the guide's source → target upgrade: the source is only read (its pg_dump is the same
 * byte for byte after the run), the target is created, filled and migrated, equal to an in-place
 * apply of the same data; backup, config and data folders land where the run file says.
 */
const KEIKO = "specs/keiko";
const CONFIG_V1 = join(KEIKO_FIXTURES, "config-v1");
let work: string;
const dbs: { name: string; drop: () => Promise<void> }[] = [];
const targets: string[] = [];

const url = (name: string) => `${PG_BASE}/${name}`;
const dump = (name: string) => execFileSync("pg_dump", ["--restrict-key=kmigtest", "--dbname", url(name)], { encoding: "utf8", maxBuffer: 1 << 28 });
const exists = async (name: string) => {
  const c = new pg.Client({ connectionString: url("test") });
  await c.connect();
  const r = await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
  await c.end();
  return r.rowCount === 1;
};

/** A v1 source: the Keiko baseline with its sample rows, created by kmig (so it has a ledger) or by plain SQL. */
async function v1Source(withLedger: boolean): Promise<string> {
  const db = await createTestDatabase("kmig_copy_src");
  dbs.push(db);
  if (withLedger) {
    const r = await runCliAsync(["apply", KEIKO, "--db", db.url, "--to", "1.9.0", "--fixtures"], { timeoutMs: 120_000 });
    expect(r.status, r.stderr).toBe(0);
  } else {
    const c = await connect(db.url);
    await c.query(readFileSync("specs/keiko/reference/v1-schema.sql", "utf8"));
    for (const f of readdirSync(KEIKO_FIXTURES).filter((x) => x.endsWith(".sql")).sort()) await c.query(readFileSync(join(KEIKO_FIXTURES, f), "utf8"));
    await c.end();
  }
  return db.name;
}

/** A PATH with nothing of PostgreSQL's on it. */
const noPgPath = () => {
  const bin = join(work, "no-pg-bin");
  mkdirSync(bin, { recursive: true });
  return bin;
};

function targetName(): string {
  const name = `kmig_copy_tgt_${Math.random().toString(16).slice(2, 10)}`;
  targets.push(name);
  return name;
}

function runFile(source: string, target: string, extra = ""): string {
  const dir = mkdtempSync(join(work, "run-"));
  mkdirSync(join(dir, "data-v1/sub"), { recursive: true });
  writeFileSync(join(dir, "data-v1/a.txt"), "agent data\n");
  writeFileSync(join(dir, "data-v1/sub/b.bin"), Buffer.from([0, 1, 2, 255]));
  const file = join(dir, "migration-config.yml");
  writeFileSync(file, guideRunFile({ sourceUrl: url(source), targetUrl: url(target), sourceConfig: CONFIG_V1, targetConfig: "./config-v2", sourceData: "./data-v1", targetData: "./data-v2", backupPath: "./backup" }) + extra);
  return file;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "kmig-copy-test-"));
});

afterAll(async () => {
  for (const d of dbs) await d.drop();
  const c = new pg.Client({ connectionString: url("test") });
  await c.connect();
  for (const t of targets) await c.query(`DROP DATABASE IF EXISTS "${t}" WITH (FORCE)`);
  await c.end();
  rmSync(work, { recursive: true, force: true });
});

describe("copy mode with the guide's run file", () => {
  it("leaves the source byte for byte, builds the target equal to an in-place apply, writes backup, config and data", async () => {
    const source = await v1Source(true);
    const target = targetName();
    const file = runFile(source, target);
    const dir = join(file, "..");
    const before = dump(source);
    const configBefore = hashTree(CONFIG_V1);

    const r = await runCliAsync(["apply", KEIKO, "--run", file], { timeoutMs: 240_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/copied public\.tasks: 8 rows/);
    expect(dump(source)).toBe(before);
    expect(hashTree(CONFIG_V1)).toEqual(configBefore);

    // The same data migrated in place is the oracle for the target's rows.
    const inPlace = await v1Source(true);
    const ip = await runCliAsync(["apply", KEIKO, "--db", url(inPlace), "--config-from", CONFIG_V1, "--config-to", join(work, `inplace-${inPlace}`)], { timeoutMs: 240_000 });
    expect(ip.status, ip.stderr).toBe(0);
    for (const t of ["tasks", "agents", "users"]) expect(await rowsOf(target, t)).toEqual(await rowsOf(inPlace, t));
    expect(hashTree(join(dir, "config-v2"))).toEqual(hashTree(join(work, `inplace-${inPlace}`)));
    expect(hashTree(join(dir, "data-v2"))).toEqual(hashTree(join(dir, "data-v1")));

    const backups = readdirSync(join(dir, "backup"));
    const archive = backups.find((f) => f.endsWith(".dump"));
    expect(archive).toBeDefined();
    expect(execFileSync("pg_restore", ["--list", join(dir, "backup", archive!)], { encoding: "utf8" })).toMatch(/TABLE DATA public tasks/);
    expect(hashTree(join(dir, "backup", backups.find((f) => f.startsWith("config-"))!))).toEqual(configBefore);

    const s = await runCliAsync(["status", KEIKO, "--run", file], { timeoutMs: 120_000 });
    expect(s.status, s.stdout + s.stderr).toBe(0);
    expect(s.stdout).toMatch(/source: .* \(copy mode: only read\)\n {2}at version 1\.9\.0/);
    expect(s.stdout).toMatch(/keiko_v2 +2\.0\.0 +applied/);

    // Run again: the copy is there, nothing is left to apply; the source still untouched.
    const again = await runCliAsync(["apply", KEIKO, "--run", file], { timeoutMs: 240_000 });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/already holds the copy/);
    expect(dump(source)).toBe(before);

    // Rollback is a switch back: the source is reported unchanged, the target dropped on request.
    const rb = await runCliAsync(["rollback", KEIKO, "--run", file], { timeoutMs: 120_000 });
    expect(rb.status, rb.stderr).toBe(0);
    expect(rb.stdout).toMatch(/still at version 1\.9\.0/);
    expect(await exists(target)).toBe(true);
    const drop = await runCliAsync(["rollback", KEIKO, "--run", file, "--drop-target"], { timeoutMs: 120_000 });
    expect(drop.status, drop.stderr).toBe(0);
    expect(await exists(target)).toBe(false);
    expect(dump(source)).toBe(before);
  }, 900_000);

  it("copies a source kmig never ran on (no ledger) and records the baseline in the target", async () => {
    const source = await v1Source(false);
    const target = targetName();
    const before = dump(source);
    const r = await runCliAsync(["apply", KEIKO, "--db", url(source), "--target-db", url(target)], { timeoutMs: 240_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/recorded baseline keiko_v1/);
    expect(dump(source)).toBe(before);
    const c = await connect(url(target));
    expect((await c.query(`SELECT id FROM kmig.ledger WHERE state = 'applied' ORDER BY id`)).rows.map((x) => x.id)).toEqual(["keiko_v1", "keiko_v2"]);
    await c.end();
  }, 600_000);

  // Without PostgreSQL's tools on PATH the schema halves come from the source's catalog: the same resume.
  it.each([
    ["with pg_dump", () => ({ PATH: process.env.PATH ?? "" })],
    ["without pg_dump", () => ({ PATH: noPgPath() })],
  ])("resumes a copy killed half-way, table by table, to the same result (%s)", async (_how, env) => {
    // No ledger: the source is compared with the baseline's tables only, so a table of its own is allowed.
    const source = await v1Source(false);
    // Rows enough that the copy is caught mid-way: a table the baseline does not know is copied too.
    const c = await connect(url(source));
    await c.query(`CREATE TABLE bulk (id bigint PRIMARY KEY, payload text); INSERT INTO bulk SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 300000) g`);
    await c.end();
    const before = dump(source);
    const target = targetName();
    const args = [join(process.cwd(), "bin/kmig.js"), "apply", KEIKO, "--db", url(source), "--target-db", url(target), "--jobs", "1"];
    const child = spawn(process.execPath, args, { stdio: "ignore", env: env() });
    // Kill it once the schema is in the target and the rows are on their way.
    const deadline = Date.now() + 120_000;
    let phase = "";
    while (Date.now() < deadline && phase !== "schema") {
      await new Promise((r) => setTimeout(r, 50));
      try {
        const t = new pg.Client({ connectionString: url(target) });
        await t.connect();
        phase = (await t.query(`SELECT phase FROM kmig_copy.state`).catch(() => ({ rows: [] as { phase: string }[] }))).rows[0]?.phase ?? "";
        await t.end();
      } catch {
        /* the target is not there yet */
      }
    }
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await exited;
    expect(phase).toBe("schema");
    const r = await runCliAsync(["apply", KEIKO, "--db", url(source), "--target-db", url(target)], { timeoutMs: 300_000, env: env() });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/resuming the copy/);
    expect(dump(source)).toBe(before);
    const t = await connect(url(target));
    expect((await t.query(`SELECT count(*)::text AS n, sum(length(payload))::text AS l FROM bulk`)).rows[0]).toEqual({ n: "300000", l: String(300000 * 256) });
    await t.end();
    expect(await rowsOf(target, "tasks")).toHaveLength(8);
  }, 900_000);
});

describe("copy mode refuses bad input before anything is written", () => {
  it("the same database as source and target", async () => {
    const source = await v1Source(true);
    const r = await runCliAsync(["apply", KEIKO, "--db", url(source), "--target-db", url(source).replace("127.0.0.1", "localhost")], { timeoutMs: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[K9501\]: the source and the target are the same database/);
  }, 300_000);

  it("a non-empty target (and --force copies anew)", async () => {
    const source = await v1Source(true);
    const other = await createTestDatabase("kmig_copy_other");
    dbs.push(other);
    const c = await connect(other.url);
    await c.query("CREATE TABLE keep_me (id int)");
    await c.end();
    const r = await runCliAsync(["apply", KEIKO, "--db", url(source), "--target-db", other.url], { timeoutMs: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[K9502\]: the target database .* is not empty/);
    const c2 = await connect(other.url);
    expect((await c2.query(`SELECT to_regclass('keep_me')::text AS t`)).rows[0].t).toBe("keep_me");
    await c2.end();
    const f = await runCliAsync(["apply", KEIKO, "--db", url(source), "--target-db", other.url, "--force"], { timeoutMs: 240_000 });
    expect(f.status, f.stderr).toBe(0);
    expect(await rowsOf(other.name, "tasks")).toHaveLength(8);
  }, 600_000);

  it("a source that does not match the chain: no target is left behind", async () => {
    const source = await v1Source(true);
    const c = await connect(url(source));
    await c.query("ALTER TABLE tasks ADD COLUMN surprise int");
    await c.end();
    const target = targetName();
    const r = await runCliAsync(["apply", KEIKO, "--db", url(source), "--target-db", url(target)], { timeoutMs: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[K9503\]: the source database does not match version 1\.9\.0/);
    expect(r.stderr).toMatch(/surprise/);
    expect(await exists(target)).toBe(false);
  }, 300_000);

  it("an unreachable target", async () => {
    const source = await v1Source(true);
    const before = dump(source);
    const r = await runCliAsync(["apply", KEIKO, "--db", url(source), "--target-db", "postgres://postgres@127.0.0.1:1/x"], { timeoutMs: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[K902\d\]/);
    expect(r.stderr).not.toMatch(/K8001/);
    expect(dump(source)).toBe(before);
  }, 300_000);

  it("with the run file's backup enabled: the same database, a source off the chain, an unreachable target are refused before the backup is written", async () => {
    const source = await v1Source(true);
    const before = dump(source);
    const cases: [string, RegExp, (f: string) => string][] = [
      [url(source).replace("127.0.0.1", "localhost"), /error\[K9501\]/, (f) => f],
      ["postgres://postgres@127.0.0.1:1/x", /error\[K902\d\]/, (f) => f],
      [url(targetName()), /error\[K9503\]: the source database does not match/, (f) => f],
    ];
    for (const [target, code] of cases) {
      if (code.source.includes("K9503")) {
        const c = await connect(url(source));
        await c.query("ALTER TABLE tasks ADD COLUMN surprise int");
        await c.end();
      }
      const file = runFile(source, "placeholder");
      writeFileSync(file, readFileSync(file, "utf8").replace(url("placeholder"), target));
      const r = await runCliAsync(["apply", KEIKO, "--run", file], { timeoutMs: 120_000 });
      expect(r.status, r.stdout + r.stderr).toBe(1);
      expect(r.stderr).toMatch(code);
      expect(existsSync(join(file, "..", "backup")), `${target}: no backup folder`).toBe(false);
      expect(existsSync(join(file, "..", "config-v2"))).toBe(false);
    }
    expect(await exists(targets[targets.length - 1])).toBe(false);
    const c = await connect(url(source));
    await c.query("ALTER TABLE tasks DROP COLUMN surprise");
    await c.end();
    expect(dump(source)).toBe(before);
  }, 300_000);

  it("a backup path on a full disk: refused before anything changes, nothing left there", async () => {
    const source = await v1Source(true);
    const before = dump(source);
    const disk = join(work, "small-disk");
    mkdirSync(disk);
    // A 64 KiB file system: the machine's CI runs as root, so it can mount one.
    execFileSync("mount", ["-t", "tmpfs", "-o", "size=64k", "tmpfs", disk]);
    try {
      const r = await runCliAsync(["apply", KEIKO, "--db", url(source), "--backup", join(disk, "backup")], { timeoutMs: 120_000 });
      expect(r.status).toBe(1);
      expect(r.stderr).toMatch(/error\[K9520\]: the backup folder .* has 0 MB free/);
      expect(readdirSync(join(disk, "backup"))).toEqual([]);
      expect(dump(source)).toBe(before);
    } finally {
      execFileSync("umount", [disk]);
    }
  }, 300_000);

  it("an embedded database on either side", async () => {
    const r = await runCliAsync(["apply", KEIKO, "--db", `pglite:${join(work, "pgl")}`, "--target-db", url("x")], { timeoutMs: 120_000 });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[K9501\]: the source of a copy is an embedded database/);
    expect(existsSync(join(work, "pgl"))).toBe(false);
  });
});
