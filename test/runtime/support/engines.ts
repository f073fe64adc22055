import { cpSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach } from "vitest";
import type { Db } from "../../../runtime/db/connection.js";
import { lockFolder } from "../../../runtime/db/file-lock.js";
import { openPglite } from "../../../runtime/db/pglite.js";
import { openPostgres } from "../../../runtime/db/postgres.js";
import { createTestDatabase } from "../../support/pg.js";

/** A database a test owns: the value for `--db`, a way to open it in-process, and its removal. */
export interface TestDb {
  readonly kind: "postgres" | "pglite";
  /** What `kmig … --db` takes. */
  readonly url: string;
  open(): Promise<Db>;
  drop(): Promise<void>;
}

/** A fresh database on the PostgreSQL server. */
export async function postgresDb(): Promise<TestDb> {
  const d = await createTestDatabase("kmig_rt");
  return { kind: "postgres", url: d.url, open: () => openPostgres(d.url, "kmig test"), drop: d.drop };
}

/** The installed PGlite's version: a template made by another version is not reused. */
const PGLITE_VERSION = (JSON.parse(readFileSync("node_modules/@electric-sql/pglite/package.json", "utf8")) as { version: string }).version;

/**
 * An initialised, empty PGlite folder to copy: PGlite's own initdb takes seconds, a copy
 * half a second. Built once per machine (under a lock, so parallel test files build it once).
 */
async function pgliteTemplate(): Promise<string> {
  const template = join(tmpdir(), `kmig-pglite-template-${PGLITE_VERSION}`);
  if (existsSync(template)) return template;
  const unlock = await lockFolder(`${template}.build`, "kmig test: building the PGlite template", 180_000);
  try {
    if (existsSync(template)) return template;
    const building = mkdtempSync(join(tmpdir(), "kmig-pglite-building-"));
    const db = await openPglite(join(building, "db"), { command: "kmig test", lockTimeoutMs: 1000 });
    await db.close();
    renameSync(join(building, "db"), template);
    rmSync(building, { recursive: true, force: true });
    return template;
  } finally {
    unlock();
  }
}

/** A fresh embedded database in a temporary folder (a copy of the template). */
export async function pgliteDb(): Promise<TestDb> {
  const parent = mkdtempSync(join(tmpdir(), "kmig-pglite-"));
  const dir = join(parent, "db");
  cpSync(await pgliteTemplate(), dir, { recursive: true });
  return {
    kind: "pglite",
    url: `pglite:${dir}`,
    open: () => openPglite(dir, { command: "kmig test", lockTimeoutMs: 30_000 }),
    drop: async () => rmSync(parent, { recursive: true, force: true }),
  };
}

/**
 * One PGlite database for a whole test file, open in-process (starting PGlite costs seconds).
 * Each test starts from `resetDatabase`. `closed(fn)` closes it while `fn` runs (the CLI in a child
 * process needs the folder to itself) and opens it again after.
 */
export function sharedPglite(): { db: () => Db; testDb: () => TestDb; closed: <T>(fn: () => Promise<T>) => Promise<T> } {
  let t: TestDb | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    t = await pgliteDb();
    db = await t.open();
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await t?.drop();
  });
  return {
    db: () => db as Db,
    testDb: () => t as TestDb,
    closed: async (fn) => {
      await db?.close();
      try {
        return await fn();
      } finally {
        db = await (t as TestDb).open();
      }
    },
  };
}

/** Empties a database: the public schema and kmig's own, as if it were new. */
export async function resetDatabase(db: Db): Promise<void> {
  await db.exec(`DROP SCHEMA IF EXISTS "kmig" CASCADE; DROP SCHEMA IF EXISTS "public" CASCADE; CREATE SCHEMA "public";`);
}

/** A fresh server database for each test of a file, open in-process; dropped after each test. */
export function freshServer(): { db: () => Db; testDb: () => TestDb } {
  let t: TestDb | undefined;
  let db: Db | undefined;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
  });
  afterEach(async () => {
    await db?.close();
    await t?.drop();
  });
  return { db: () => db as Db, testDb: () => t as TestDb };
}
