import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { runCli } from "../support/cli.js";
import { freshServer, resetDatabase, sharedPglite } from "./support/engines.js";
import { applyAll, rollbackLast, runErrorOf } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder, type SpecFolder } from "./support/specs.js";

const BASE = `baseline shop version '1.0.0' {
  create table books {
    id     integer primary key
    title  text
    isbn   text
    pages  integer
    code   text
    author text?
  }
}
`;

const MIGRATION = `migration books from '1.0.0' to '1.1.0' {
  describe 'reverses rollback reads'
  table books {
    alter title drop not null reverse title ?? 'placeholder title'
    alter isbn drop not null
    drop pages reverse length(isbn ?? '')
    alter code type integer using to_int(code) ?? 0 reverse to_text(code) ?? 'none'
  }
}
`;

async function migrated(db: Db): Promise<{ spec: SpecFolder; before: unknown }> {
  const spec = specFolder({ "000_base.kmig": BASE, "001_books.kmig": MIGRATION });
  await applyAll(db, spec.plans, { to: "1.0.0" });
  await db.exec(`INSERT INTO "books" VALUES (1, 'Dune', '978-0', 412, '17', NULL), (2, 'Emma', '978-1', 4, '23', NULL)`);
  const before = await snapshotDb(db);
  await applyAll(db, spec.plans);
  return { spec, before };
}

const rows = async (db: Db) => (await db.query(`SELECT * FROM "books" ORDER BY "id"`)).rows;

/** Issue 11 item 5: every declared `reverse` is used; a constraint rollback cannot restore names the rows and changes nothing. */
async function fillsWithTheReverse(db: Db): Promise<void> {
  const { spec, before } = await migrated(db);
  try {
    // Written since: a NULL title (the declared reverse fills it), a new row (its pages come from the reverse too).
    await db.exec(`UPDATE "books" SET "title" = NULL WHERE "id" = 2; INSERT INTO "books" VALUES (3, NULL, '978-3', 41, 'Austen')`);
    const r = await rollbackLast(db, spec.plans);
    expect(r.rolledBack).toEqual(["books"]);
    expect(await rows(db)).toEqual([
      { id: "1", title: "Dune", isbn: "978-0", pages: "5", code: "17", author: null },
      { id: "2", title: "placeholder title", isbn: "978-1", pages: "5", code: "23", author: null },
      { id: "3", title: "placeholder title", isbn: "978-3", pages: "5", code: "41", author: "Austen" },
    ]);
    expect(await snapshotDb(db)).not.toEqual(before);
    const nn = await db.query<{ c: string; nn: string | boolean }>(`SELECT attname AS c, CASE WHEN attnotnull THEN 'true' ELSE 'false' END AS nn FROM pg_attribute WHERE attrelid = '"books"'::regclass AND attname IN ('title', 'isbn', 'pages') ORDER BY attname`);
    expect(nn.rows.map((x) => `${x.c}:${String(x.nn)}`)).toEqual(["isbn:true", "pages:true", "title:true"]);
  } finally {
    spec.remove();
  }
}

async function namesTheNullRows(db: Db): Promise<void> {
  const { spec } = await migrated(db);
  try {
    await db.exec(`INSERT INTO "books" VALUES (7, 'Ulysses', NULL, 12, NULL), (5, 'Beloved', NULL, 13, NULL)`);
    const after = await snapshotDb(db);
    const e = await runErrorOf(rollbackLast(db, spec.plans));
    expect(e.code).toBe("K9041");
    expect(e.message).toBe("rolling back books cannot undo `drop not null on books.isbn`: 2 rows of books hold NULL in books.isbn, which rollback makes NOT NULL again (id=5; id=7)");
    expect(e.help).toBe("nothing was changed; fill them first, or declare how rollback fills them: `alter isbn drop not null reverse isbn ?? …`");
    expect(e.origin?.line).toBe(spec.lineOf("001_books.kmig", "alter isbn drop not null"));
    expect(await snapshotDb(db)).toEqual(after);
    // --accept-data-loss cannot make a NOT NULL hold over NULLs: the same refusal.
    expect((await runErrorOf(rollbackLast(db, spec.plans, { acceptDataLoss: true }))).code).toBe("K9041");
    expect(await snapshotDb(db)).toEqual(after);
  } finally {
    spec.remove();
  }
}

describe("declared reverses and constraints rollback restores (PostgreSQL server)", () => {
  const server = freshServer();

  it("`drop not null reverse …`, `drop … reverse …`, `type … reverse …`: rollback fills and converts with them", () => fillsWithTheReverse(server.db()));
  it("`drop not null` without a reverse, NULLs written since: K9041 naming table, keys, column; nothing changed", () => namesTheNullRows(server.db()));

  it("through the CLI: exit 1, the rows named at the spec line, no ✓ undo on stdout", async () => {
    const { spec } = await migrated(server.db());
    try {
      await server.db().exec(`UPDATE "books" SET "isbn" = NULL WHERE "id" = 1`);
      const r = runCli(["rollback", spec.dir, "--db", server.testDb().url]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain("error[K9041]: rolling back books cannot undo `drop not null on books.isbn`: 1 row of books hold NULL in books.isbn");
      expect(r.stderr).toContain(`001_books.kmig:${spec.lineOf("001_books.kmig", "alter isbn drop not null")}:`);
      expect(r.stdout).not.toContain("✓");
    } finally {
      spec.remove();
    }
  });
});

describe("declared reverses and constraints rollback restores (PGlite)", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));

  it("`drop not null reverse …`, `drop … reverse …`, `type … reverse …`: rollback fills and converts with them", () => fillsWithTheReverse(pglite.db()));
  it("`drop not null` without a reverse, NULLs written since: K9041 naming table, keys, column; nothing changed", () => namesTheNullRows(pglite.db()));
});
