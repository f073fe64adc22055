import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { status } from "../../runtime/status.js";
import { runLaws } from "../../proptest/run-laws.js";
import { renderRunError } from "../../cli/run-error.js";
import { PLAIN } from "../../core/diagnostics/render-text.js";
import { compileFolder } from "../support/spec-chain.js";
import { freshServer, resetDatabase, sharedPglite } from "./support/engines.js";
import { applyAll, planAll, rollbackLast, runErrorOf } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder, type SpecFolder } from "./support/specs.js";

/**
 * A declared `sql` item (docs/language.md §8.2) against a database: apply runs the SQL, the derived
 * rollback undoes it, status sees no drift; and the scratch replay that `apply`, `plan` and `kmig
 * test` run first stops a declaration its SQL does not keep (K4120, at the declaration) or a
 * `reverse` that does not undo the SQL (K4121), before anything is written.
 */
const BASE = `baseline shop version '1' {
  describe 'shop'
  create table orders {
    id    integer primary key
    note  text?
  }
}
`;

const migration = (body: string) => `migration users from '1' to '2' {
  describe 'users, made by SQL'
${body}
  table orders {
    note := note ?? 'none'
  }
}
`;

const GOOD = migration(`  sql '''CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, since date DEFAULT current_date)'''
    creates table users {
      id     bigint  primary key
      email  text    unique
      since  date?   default current_date
    }
  table users {
    add nick text?
  }`);

const WRONG_TYPE = migration(`  sql '''CREATE TABLE users (id bigint PRIMARY KEY, email varchar(100))'''
    creates table users {
      id     bigint  primary key
      email  text?
    }`);

const UNDECLARED_INDEX = migration(`  sql '''CREATE TABLE users (id bigint PRIMARY KEY); CREATE INDEX orders_note_idx ON orders (note)'''
    creates table users {
      id  bigint  primary key
    }`);

const BAD_REVERSE = migration(`  sql '''CREATE TABLE users (id bigint PRIMARY KEY); CREATE SEQUENCE user_numbers'''
    creates table users {
      id  bigint  primary key
    }
    creates sequence user_numbers
    reverse '''DROP TABLE users'''`);

const folders: SpecFolder[] = [];
const chain = (m: string): SpecFolder => {
  const f = specFolder({ "000_base.kmig": BASE, "001_users.kmig": m });
  folders.push(f);
  return f;
};
afterAll(() => folders.forEach((f) => f.remove()));

async function goodRoundTrip(db: Db): Promise<void> {
  const spec = chain(GOOD);
  await applyAll(db, spec.plans, { to: "1" });
  await db.query(`INSERT INTO orders VALUES (1, NULL), (2, 'x')`);
  const before = await snapshotDb(db);
  await applyAll(db, spec.plans);
  expect((await db.query<{ c: string }>(`SELECT string_agg(attname, ',' ORDER BY attnum) AS c FROM pg_attribute WHERE attrelid = 'users'::regclass AND attnum > 0`)).rows[0].c).toBe("id,email,since,nick");
  expect((await status(db, spec.plans)).drift).toEqual([]);
  await rollbackLast(db, spec.plans);
  const back = await snapshotDb(db);
  expect(back).toEqual({ ...before, kmig: back.kmig });
}

/** The error, with nothing written: no table `users`, the migration not recorded. */
async function refuses(db: Db, m: string): Promise<ReturnType<typeof runErrorOf>> {
  const spec = chain(m);
  await applyAll(db, spec.plans, { to: "1" });
  const e = await runErrorOf(applyAll(db, spec.plans));
  expect((await db.query<{ t: string | null }>(`SELECT to_regclass('users')::text AS t`)).rows[0].t).toBeNull();
  expect((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM kmig.ledger WHERE id = 'users'`)).rows[0].n).toBe("0");
  return e;
}

async function mismatches(db: Db): Promise<void> {
  const wrong = await refuses(db, WRONG_TYPE);
  expect([wrong.code, wrong.message, wrong.origin?.line, wrong.label]).toEqual([
    "K4120",
    "the SQL of this `sql` item does not do what it declares (creates table users): users: column email differs: declared text, SQL character varying(100)",
    4,
    "declared here",
  ]);
  const extra = await refuses(db, UNDECLARED_INDEX);
  expect([extra.code, extra.message, extra.origin?.line]).toEqual(["K4120", "the SQL of this `sql` item makes what it does not declare: orders: index orders_note_idx only SQL (CREATE INDEX orders_note_idx ON orders USING btree (note))", 3]);
  const reverse = await refuses(db, BAD_REVERSE);
  expect([reverse.code, reverse.origin?.line]).toEqual(["K4121", 3]);
  expect(reverse.message).toMatch(/^the `reverse` of this `sql` item does not bring back the schema from before it: sequence user_numbers only after the reverse \(AS bigint START 1 /);
}

describe("declared raw SQL on the PostgreSQL server", { timeout: 120_000 }, () => {
  const server = freshServer();
  it("apply runs it, the model follows it, status sees no drift, the derived rollback undoes it", () => goodRoundTrip(server.db()));
  it("apply refuses a declaration its SQL does not keep, and a reverse that does not undo it, before writing anything", () => mismatches(server.db()));
  it("kmig plan refuses it as apply does; the error prints at the declaration", async () => {
    const db = server.db();
    const spec = chain(WRONG_TYPE);
    await applyAll(db, spec.plans, { to: "1" });
    const e = await runErrorOf(planAll(db, spec.plans));
    expect(e.code).toBe("K4120");
    const shown = renderRunError(e, PLAIN).split("\n");
    expect(shown.slice(0, 1)).toEqual([`error[K4120]: ${e.message}`]);
    expect(shown.slice(2, 5)).toEqual(["  |", "4 |     creates table users {", "  |     ^^^^^^^ declared here"]);
  });
});

describe("declared raw SQL on PGlite", { timeout: 300_000 }, () => {
  const pglite = sharedPglite();
  it("apply runs it, the model follows it, status sees no drift, the derived rollback undoes it", async () => {
    await resetDatabase(pglite.db());
    await goodRoundTrip(pglite.db());
  });
  it("apply refuses a declaration its SQL does not keep, and a reverse that does not undo it", async () => {
    await resetDatabase(pglite.db());
    await mismatches(pglite.db());
  });
  it("kmig test checks the declaration first, then tests the migration", async () => {
    await resetDatabase(pglite.db());
    const good = await runLaws(pglite.db(), compileFolder(chain(GOOD).dir).units, { runs: 4, seed: 1, path: null, rowsPerRun: 3 });
    expect(good.map((r) => r.ok)).toEqual([true]);
    // A later migration that maps rows of the declared table: kmig test generates them from the declaration.
    await resetDatabase(pglite.db());
    const later = specFolder({ "000_base.kmig": BASE, "001_users.kmig": GOOD, "002_handles.kmig": "migration handles from '2' to '3' {\n  describe 'handles'\n  table users {\n    add handle text? := lower(email)\n  }\n}\n" });
    folders.push(later);
    const tested = await runLaws(pglite.db(), compileFolder(later.dir).units, { runs: 4, seed: 2, path: null, rowsPerRun: 3 });
    expect(tested.map((r) => [r.migration, r.ok, r.property.endsWith("(users)"), r.tested > 0])).toEqual([["users", true, false, true], ["handles", true, true, true]]);
    await resetDatabase(pglite.db());
    const e = await runErrorOf(runLaws(pglite.db(), compileFolder(chain(WRONG_TYPE).dir).units, { runs: 2, seed: 1, path: null, rowsPerRun: 2 }));
    expect(e.code).toBe("K4120");
  });
});
