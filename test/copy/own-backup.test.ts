import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { writeOwnDump } from "../../runtime/copy/own-dump.js";
import { restoreBackup } from "../../runtime/copy/restore-backup.js";
import { serverSide } from "../../runtime/copy/server-side.js";
import type { Reporter } from "../../runtime/events.js";
import { runCliAsync } from "../support/cli.js";
import { connect, createTestDatabase, PG_BASE } from "../support/pg.js";

/**
 * kmig's own backup, where pg_dump is not installed: written, verified, restored into a fresh
 * database (by `kmig restore-backup` and by plain psql), whose pg_dump is then the original's,
 * byte for byte. The CLI runs with a PATH that has no pg_dump.
 */
const KEIKO = "specs/keiko";
const url = (name: string) => `${PG_BASE}/${name}`;
const dump = (name: string) => execFileSync("pg_dump", ["--restrict-key=kmigtest", "--dbname", url(name)], { encoding: "utf8", maxBuffer: 1 << 28 });
const quiet: Reporter = { emit: () => undefined, close: () => undefined } as unknown as Reporter;
let work: string;
/** A PATH holding node and nothing of PostgreSQL's. */
let noPgPath: string;
const dbs: { name: string; drop: () => Promise<void> }[] = [];
const created: string[] = [];

const side = (u: string, role: "source" | "target") => serverSide({ kind: "postgres", url: u, where: u }, role);
const fresh = () => {
  const name = `kmig_restore_${Math.random().toString(16).slice(2, 10)}`;
  created.push(name);
  return name;
};

/** Objects of most kinds the catalog reader describes, and values COPY's text format must escape. */
const EVERY_KIND = readFileSync(join(__dirname, "support", "every-kind.sql"), "utf8");

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), "kmig-own-backup-"));
  noPgPath = join(work, "bin");
  mkdirSync(noPgPath);
});

afterAll(async () => {
  for (const d of dbs) await d.drop();
  const c = new pg.Client({ connectionString: url("test") });
  await c.connect();
  for (const t of created) await c.query(`DROP DATABASE IF EXISTS "${t}" WITH (FORCE)`);
  await c.end();
  rmSync(work, { recursive: true, force: true });
});

describe("kmig's own COPY-based dump", () => {
  it("restores every kind of object and value it describes: the restored database's pg_dump is the original's", async () => {
    const db = await createTestDatabase("kmig_own_dump");
    dbs.push(db);
    const c = await connect(db.url);
    await c.query(EVERY_KIND);
    await c.end();
    const before = dump(db.name);
    const dir = join(work, "every-kind.kmigdump");
    const m = await writeOwnDump(side(db.url, "source"), dir, true, quiet);
    expect(m.files.find((f) => f.table?.name === "Things")?.table?.rows).toBe(3);
    expect(m.files.find((f) => f.table?.name === "empty")?.table?.rows).toBe(2);
    expect(dump(db.name)).toBe(before);
    expect(existsSync(`${dir}.partial`)).toBe(false);

    const byKmig = fresh();
    const r = await restoreBackup(dir, side(url(byKmig), "target"), quiet);
    expect(r.created).toBe(true);
    expect(dump(byKmig)).toBe(before);

    // Without kmig: psql and the folder's restore.sql.
    const byPsql = fresh();
    execFileSync("psql", ["-X", "-q", "-d", url("postgres"), "-c", `CREATE DATABASE "${byPsql}"`]);
    execFileSync("psql", ["-X", "-q", "-1", "-v", "ON_ERROR_STOP=1", "-d", url(byPsql), "-f", "restore.sql"], { cwd: dir, stdio: "pipe" });
    expect(dump(byPsql)).toBe(before);
  }, 300_000);

  it("refuses a damaged backup, a non-empty database, and leaves nothing when the restore fails", async () => {
    const db = await createTestDatabase("kmig_own_dump");
    dbs.push(db);
    const c = await connect(db.url);
    await c.query(`CREATE TABLE t (id int PRIMARY KEY, s text); INSERT INTO t SELECT g, 'row ' || g FROM generate_series(1, 50) g`);
    await c.end();
    const dir = join(work, "small.kmigdump");
    await writeOwnDump(side(db.url, "source"), dir, true, quiet);

    const into = (name: string) => side(url(name), "target");
    await expect(restoreBackup(dir, into(db.name), quiet)).rejects.toMatchObject({ code: "K9542" });
    await expect(restoreBackup(join(work, "nothing-here"), into(fresh()), quiet)).rejects.toMatchObject({ code: "K9541" });

    const damaged = join(work, "damaged.kmigdump");
    execFileSync("cp", ["-r", dir, damaged]);
    appendFileSync(join(damaged, "data", "0001.copy"), "51\trow 51\n");
    const name = fresh();
    await expect(restoreBackup(damaged, into(name), quiet)).rejects.toMatchObject({ code: "K9541", notes: [expect.stringMatching(/^data\/0001\.copy: /)] });

    // A schema the target's server cannot take: rolled back, the database it created dropped.
    const broken = join(work, "broken.kmigdump");
    execFileSync("cp", ["-r", dir, broken]);
    const manifest = JSON.parse(readFileSync(join(broken, "manifest.json"), "utf8"));
    const post = readFileSync(join(broken, "schema-post.sql"), "utf8") + "\nSELECT no_such_function();\n";
    writeFileSync(join(broken, "schema-post.sql"), post);
    const f = manifest.files.find((x: { path: string }) => x.path === "schema-post.sql");
    f.bytes = Buffer.byteLength(post);
    f.sha256 = (await import("node:crypto")).createHash("sha256").update(post).digest("hex");
    writeFileSync(join(broken, "manifest.json"), JSON.stringify(manifest));
    const name2 = fresh();
    await expect(restoreBackup(broken, into(name2), quiet)).rejects.toMatchObject({ code: "K9543" });
    const admin = await connect(url("postgres"));
    expect((await admin.query("SELECT 1 FROM pg_database WHERE datname = ANY($1)", [[name, name2]])).rowCount).toBe(0);
    await admin.end();
  }, 300_000);

  it("refuses a database it cannot describe whole (K9540), writing nothing", async () => {
    const db = await createTestDatabase("kmig_own_dump");
    dbs.push(db);
    const c = await connect(db.url);
    await c.query(`CREATE TABLE parted (id int, at date) PARTITION BY RANGE (at); CREATE TABLE parted_2026 PARTITION OF parted FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')`);
    await c.end();
    const dir = join(work, "parted.kmigdump");
    await expect(writeOwnDump(side(db.url, "source"), dir, true, quiet)).rejects.toMatchObject({ code: "K9540", message: expect.stringMatching(/2 partitioned or inherited tables/) });
    expect(existsSync(dir) || existsSync(`${dir}.partial`)).toBe(false);
  }, 120_000);
});

describe("a run's backup where pg_dump is not installed", () => {
  it("kmig apply --backup writes its own dump, verified; kmig restore-backup gives back the database as it was", async () => {
    const db = await createTestDatabase("kmig_own_src");
    dbs.push(db);
    const setup = await runCliAsync(["apply", KEIKO, "--db", db.url, "--to", "1.9.0", "--fixtures"], { timeoutMs: 120_000 });
    expect(setup.status, setup.stderr).toBe(0);
    const before = dump(db.name);
    const backup = join(work, "run-backup");
    const env = { PATH: noPgPath };
    const r = await runCliAsync(["apply", KEIKO, "--db", db.url, "--backup", backup], { timeoutMs: 240_000, env });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/pg_dump is not installed: kmig's own COPY-based dump/);
    expect(r.stdout).toMatch(/\(verified\)/);
    const folder = readdirSync(backup).find((f) => f.endsWith(".kmigdump"));
    expect(folder).toBeDefined();
    expect(readdirSync(join(backup, folder!)).sort()).toEqual(["data", "manifest.json", "restore.sql", "schema-post.sql", "schema-pre.sql"]);

    const restored = fresh();
    const rr = await runCliAsync(["restore-backup", join(backup, folder!), "--db", url(restored)], { timeoutMs: 120_000, env });
    expect(rr.status, rr.stderr + rr.stdout).toBe(0);
    expect(rr.stdout).toMatch(/every file matches its manifest/);
    expect(rr.stdout).toMatch(/restored kmig-dump .* \(created\): \d+ table\(s\), \d+ row\(s\)/);
    expect(dump(restored)).toBe(before);

    const again = await runCliAsync(["restore-backup", join(backup, folder!), "--db", url(restored)], { timeoutMs: 120_000, env });
    expect(again.status).toBe(1);
    expect(again.stderr).toMatch(/error\[K9542\]: the database .* is not empty/);
  }, 600_000);
  it("a disk that fills up while the dump is written: K9520, nothing left in the backup folder, nothing changed", async () => {
    const db = await createTestDatabase("kmig_own_src");
    dbs.push(db);
    const setup = await runCliAsync(["apply", KEIKO, "--db", db.url, "--to", "1.9.0", "--fixtures"], { timeoutMs: 120_000 });
    expect(setup.status, setup.stderr).toBe(0);
    const c = await connect(db.url);
    // ~40 MB of COPY text: more than the disk below, whose size passes the free-space floor.
    await c.query(`CREATE TABLE kmig_bulk (id int, payload text); INSERT INTO kmig_bulk SELECT g, repeat(md5(g::text), 8) FROM generate_series(1, 150000) g`);
    const size = Number((await c.query("SELECT pg_database_size(current_database())::text AS n")).rows[0].n);
    await c.end();
    const before = dump(db.name);
    const disk = join(work, "filling-disk");
    mkdirSync(disk);
    const mb = Math.ceil((size / 4 + 16e6) / 1e6) + 3;
    expect(mb * 1e6).toBeLessThan(150000 * 257);
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${mb}m`, "tmpfs", disk]);
    try {
      const r = await runCliAsync(["apply", KEIKO, "--db", db.url, "--backup", join(disk, "backup")], { timeoutMs: 240_000, env: { PATH: noPgPath } });
      expect(r.status, r.stdout + r.stderr).toBe(1);
      expect(r.stderr).toMatch(/error\[K9520\]: cannot write the backup .*\.kmigdump: ENOSPC/);
      expect(readdirSync(join(disk, "backup"))).toEqual([]);
      expect(dump(db.name)).toBe(before);
    } finally {
      execFileSync("umount", [disk]);
    }
  }, 600_000);
  it("kmig restore-backup also restores a pg_dump archive (the backup where pg_dump is installed)", async () => {
    const db = await createTestDatabase("kmig_own_src");
    dbs.push(db);
    const c = await connect(db.url);
    await c.query(`CREATE TABLE t (id int PRIMARY KEY, s text); INSERT INTO t SELECT g, 'row ' || g FROM generate_series(1, 20) g`);
    await c.end();
    const before = dump(db.name);
    const archive = join(work, `${db.name}.dump`);
    execFileSync("pg_dump", ["--format=custom", "--file", archive, "--dbname", db.url]);
    const restored = fresh();
    const r = await runCliAsync(["restore-backup", archive, "--db", url(restored)], { timeoutMs: 120_000 });
    expect(r.status, r.stderr + r.stdout).toBe(0);
    expect(r.stdout).toMatch(/restored pg_dump archive .* \(created\)/);
    expect(dump(restored)).toBe(before);
    const again = await runCliAsync(["restore-backup", archive, "--db", url(restored)], { timeoutMs: 120_000 });
    expect(again.stderr).toMatch(/error\[K9542\]/);
  }, 300_000);
});
