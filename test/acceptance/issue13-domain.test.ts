import { execFileSync } from "node:child_process";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { runCliAsync } from "../support/cli.js";
import { freshServer, resetDatabase, sharedPglite } from "../runtime/support/engines.js";
import { applyAll, rollbackLast } from "../runtime/support/run.js";
import { snapshotDb } from "../runtime/support/snapshot.js";
import { specFolder } from "../runtime/support/specs.js";

/**
 * Domains (issue 13 item 3) on a real server and on PGlite: a baseline with a domain whose check
 * bounds it and a column of it; a migration that creates another domain with a check, adds a column
 * of it and computes a column of the first one. Apply gives the values the spec says, PostgreSQL
 * checks the domains on every write, rollback gives back a byte-identical pg_dump (the new domain
 * gone), the same on PGlite, and `kmig test` generates rows whose domain values pass the checks.
 */
const FILES = {
  "000_baseline.kmig": `baseline garage version '1' {
  describe 'cars with model years'

  create domain year as integer check (value between 1901 and 2155)
  create table cars {
    id     integer  primary key
    model  text
    built  year?
  }
}
`,
  "001_prices.kmig": `migration prices from '1' to '2' {
  describe 'cars get a price and a model year for every car'

  create domain price as numeric(10, 2) not null check (value >= 0) check (value < 1000000)
  table cars {
    add listed price default 0
    add made year := built ?? 2000
  }
}
`,
};

const ROWS = `INSERT INTO cars VALUES (1, 'T', 1908), (2, 'Beetle', NULL), (3, 'Model 3', 2017)`;

/** pg_dump of the user's schema and rows (kmig's own left out), without its comment lines. */
function pgDump(url: string): string {
  return execFileSync("pg_dump", ["--no-owner", "--exclude-schema=kmig", url], { encoding: "utf8" })
    .replace(/^--.*\n/gm, "")
    .replace(/^\\(un)?restrict .*\n/gm, "");
}

/** The domains of the public schema: base type, NOT NULL, checks (PostgreSQL 17+ also keeps NOT NULL as a constraint: left out). */
async function domains(db: Db): Promise<unknown[]> {
  const r = await db.query<{ d: string }>(`
    SELECT t.typname || ': ' || format_type(t.typbasetype, t.typtypmod) || CASE WHEN t.typnotnull THEN ' not null' ELSE '' END
           || coalesce(' ' || (SELECT string_agg(pg_get_constraintdef(c.oid), ' ' ORDER BY c.conname) FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c'), '') AS d
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE n.nspname = 'public' AND t.typtype = 'd' ORDER BY t.typname`);
  return r.rows.map((x) => x.d);
}

/** A write the domain refuses: PostgreSQL's error, or null when it went in. */
async function refused(db: Db, sql: string): Promise<string | null> {
  await db.query("BEGIN");
  try {
    await db.query(sql);
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    await db.query("ROLLBACK");
  }
}

async function applyAndCheck(db: Db, plans: Parameters<typeof applyAll>[1]): Promise<void> {
  await applyAll(db, plans);
  expect(await domains(db)).toEqual([
    "price: numeric(10,2) not null CHECK ((VALUE >= (0)::numeric)) CHECK ((VALUE < (1000000)::numeric))",
    "year: integer CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))",
  ]);
  const r = await db.query<{ id: string; listed: string; made: string }>(`SELECT id::text, listed::text, made::text FROM cars ORDER BY id`);
  expect(r.rows).toEqual([
    { id: "1", listed: "0.00", made: "1908" },
    { id: "2", listed: "0.00", made: "2000" },
    { id: "3", listed: "0.00", made: "2017" },
  ]);
  expect(await refused(db, `UPDATE cars SET made = 1800 WHERE id = 1`)).toMatch(/violates check constraint "year_check"/);
  expect(await refused(db, `UPDATE cars SET listed = -1 WHERE id = 1`)).toMatch(/violates check constraint "price_check"/);
}

describe("domains on the PostgreSQL server", { timeout: 120_000 }, () => {
  const server = freshServer();
  const spec = specFolder(FILES);
  afterAll(() => spec.remove());

  it("apply checks the domains, rollback gives back a byte-identical pg_dump", async () => {
    const db = server.db();
    const url = server.testDb().url;
    await applyAll(db, spec.plans, { to: "1" });
    await db.exec(ROWS);
    expect(await refused(db, `INSERT INTO cars VALUES (4, 'Zeppelin', 1850)`)).toMatch(/violates check constraint "year_check"/);
    const before = pgDump(url);
    await applyAndCheck(db, spec.plans);
    await rollbackLast(db, spec.plans);
    expect(pgDump(url)).toBe(before);
    expect(await domains(db)).toEqual(["year: integer CHECK (((VALUE >= 1901) AND (VALUE <= 2155)))"]);
  });
});

describe("domains on PGlite", { timeout: 300_000 }, () => {
  const pglite = sharedPglite();
  const spec = specFolder(FILES);
  afterAll(() => spec.remove());

  it("the same chain: apply checks the domains, rollback gives back the same schema and rows", async () => {
    const db = pglite.db();
    await resetDatabase(db);
    await applyAll(db, spec.plans, { to: "1" });
    await db.exec(ROWS);
    const before = { db: await snapshotDb(db), domains: await domains(db) };
    await applyAndCheck(db, spec.plans);
    await rollbackLast(db, spec.plans);
    const back = await snapshotDb(db);
    expect({ db: back, domains: await domains(db) }).toEqual({ ...before, db: { ...before.db, kmig: back.kmig } });
  });

  it("kmig test generates rows whose domain values pass the checks (the CLI, on its own embedded PostgreSQL)", async () => {
    const r = await runCliAsync(["test", spec.dir, "--seed", "3", "--runs", "20"]);
    expect(r.stdout).toMatch(/✓ prices: .*\(cars\) — 20 runs, \d+ rows/);
    expect(r.stdout).not.toMatch(/tested nothing/);
    expect(r.status).toBe(0);
  });
});
