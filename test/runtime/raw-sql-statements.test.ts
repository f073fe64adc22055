import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { openMemoryPglite } from "../../runtime/db/pglite.js";
import { runLaws } from "../../proptest/run-laws.js";
import { compileFolder } from "../support/spec-chain.js";
import { postgresDb, resetDatabase, sharedPglite, type TestDb } from "./support/engines.js";
import { applyAll, rollbackLast } from "./support/run.js";
import { specFolder } from "./support/specs.js";

/**
 * A raw `sql` item is sent as written, several statements at once, on every engine: PGlite's
 * prepared statements refused that ("cannot insert multiple commands into a prepared statement").
 * The text has what a naive split on `;` would break: a dollar-quoted body, a string and comments.
 */
const FILES = {
  "000_base.kmig": `baseline shop version '1' {
  describe 'shop'
  create table items {
    id integer primary key
    qty integer?
  }
}
`,
  "001_raw.kmig": `migration raw from '1' to '2' {
  describe 'a function, a view and a row, in one sql item'
  sql '''
    -- a comment; with a semicolon
    CREATE FUNCTION double_it(n integer) RETURNS integer LANGUAGE plpgsql AS $body$
    BEGIN
      RETURN n * 2; /* ; */
    END;
    $body$;
    CREATE VIEW doubled AS SELECT id, double_it(qty) AS qty2, 'a;b' AS note FROM items;
    CREATE TABLE notes (body text); INSERT INTO notes VALUES ('x;y');
  ''' reverse '''
    DROP TABLE notes; DROP VIEW doubled;
    DROP FUNCTION double_it(integer);
  '''
  table items {
    qty := qty ?? 0
  }
}
`,
};

/** The baseline (its tables), two rows, then the migration with the raw SQL, and back. */
async function applyAndRollBack(db: Db): Promise<void> {
  const spec = specFolder(FILES);
  try {
    await applyAll(db, spec.plans.slice(0, 1));
    await db.query(`INSERT INTO items VALUES (1, 21), (2, NULL)`);
    await applyAll(db, spec.plans);
    expect((await db.query(`SELECT id, qty2, note FROM doubled ORDER BY id`)).rows).toEqual([
      { id: "1", qty2: "42", note: "a;b" },
      { id: "2", qty2: "0", note: "a;b" },
    ]);
    expect((await db.query(`SELECT body FROM notes`)).rows).toEqual([{ body: "x;y" }]);
    await rollbackLast(db, spec.plans);
    const left = await db.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname IN ('doubled', 'notes')`);
    expect(left.rows).toEqual([{ n: "0" }]);
    expect((await db.query(`SELECT count(*)::int AS n FROM pg_proc WHERE proname = 'double_it'`)).rows).toEqual([{ n: "0" }]);
  } finally {
    spec.remove();
  }
}

/** Text with several statements through `Db.query`: every statement runs, the last one's rows come back. */
async function multiStatementQuery(db: Db): Promise<void> {
  const r = await db.query(`CREATE TEMP TABLE t_multi (v text); INSERT INTO t_multi VALUES ('a;'), ('$$'); SELECT v FROM t_multi ORDER BY v`);
  expect(r.rows).toEqual([{ v: "$$" }, { v: "a;" }]);
  expect((await db.query(`SELECT 1 AS one; SELECT 2 AS two`)).rows).toEqual([{ two: "2" }]);
}

describe("raw SQL with several statements on the PostgreSQL server", () => {
  let t: TestDb;
  let db: Db;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
  });
  afterEach(async () => {
    await db?.close();
    await t?.drop();
  });
  it("apply runs every statement, rollback runs every reverse statement", async () => {
    await applyAndRollBack(db);
  });
  it("Db.query runs them all and gives the last rows", () => multiStatementQuery(db));
});

describe("raw SQL with several statements on PGlite", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));
  it("apply runs every statement, rollback runs every reverse statement", () => applyAndRollBack(pglite.db()));
  it("Db.query runs them all and gives the last rows", () => multiStatementQuery(pglite.db()));
  it("kmig test replays and checks the migration on in-memory PGlite", { timeout: 120_000 }, async () => {
    const spec = specFolder(FILES);
    const db = await openMemoryPglite();
    try {
      const results = await runLaws(db, compileFolder(spec.dir).units, { runs: 5, seed: 1, path: null, rowsPerRun: 4 });
      expect(results.map((r) => [r.ok, r.failure?.message])).toEqual([[true, undefined]]);
    } finally {
      await db.close();
      spec.remove();
    }
  });
});
