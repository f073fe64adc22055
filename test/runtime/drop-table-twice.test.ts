import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { freshServer, resetDatabase, sharedPglite } from "./support/engines.js";
import { applyAll, rollbackLast } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder } from "./support/specs.js";

/**
 * A table dropped, made again and dropped again in one chain: each drop keeps the table in kmig's
 * schema with its indexes, constraint and sequence under stash names of their own (the second drop
 * failed with `relation "t_pkey" already exists in schema "kmig"`), and rollback gives them back.
 */
const TABLE = `create table t {
    id serial primary key
    v  text?    unique
    index t_v (v)
  }`;

const FILES = {
  "000_base.kmig": `baseline b version '1.0.0' {\n  ${TABLE}\n}\n`,
  "001_drop.kmig": `migration drop_once from '1.0.0' to '1.1.0' {\n  describe 'drop t'\n  drop table t\n}\n`,
  "002_make.kmig": `migration make_again from '1.1.0' to '1.2.0' {\n  describe 'make t again'\n  ${TABLE}\n}\n`,
  "003_drop.kmig": `migration drop_twice from '1.2.0' to '1.3.0' {\n  describe 'drop t again'\n  drop table t\n}\n`,
};

async function dropTwice(db: Db): Promise<void> {
  const spec = specFolder(FILES);
  try {
    await applyAll(db, spec.plans, { to: "1.0.0" });
    await db.exec(`INSERT INTO "t" ("v") VALUES ('a'), ('b')`);
    const before = await snapshotDb(db);
    await applyAll(db, spec.plans, { to: "1.2.0" });
    await db.exec(`INSERT INTO "t" ("v") VALUES ('c')`);
    const made = await snapshotDb(db);
    await applyAll(db, spec.plans);
    expect((await snapshotDb(db)).relations).toEqual([]);
    await rollbackLast(db, spec.plans);
    expect({ ...(await snapshotDb(db)), kmig: null }).toEqual({ ...made, kmig: null });
    // The table made again holds a row written since: rolling its creation back drops it, knowingly.
    await rollbackLast(db, spec.plans, { acceptDataLoss: true });
    await rollbackLast(db, spec.plans);
    expect({ ...(await snapshotDb(db)), kmig: null }).toEqual({ ...before, kmig: null });
    // The sequence came back with the table, at its position.
    await db.exec(`INSERT INTO "t" ("v") VALUES ('d')`);
    expect((await db.query(`SELECT "id", "v" FROM "t" ORDER BY "id"`)).rows).toEqual([
      { id: "1", v: "a" },
      { id: "2", v: "b" },
      { id: "3", v: "d" },
    ]);
  } finally {
    spec.remove();
  }
}

describe("a table dropped twice in one chain (PostgreSQL server)", () => {
  const server = freshServer();
  it("applies, and rolls back to each earlier state", () => dropTwice(server.db()));
});

describe("a table dropped twice in one chain (PGlite)", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));
  it("applies, and rolls back to each earlier state", () => dropTwice(pglite.db()));
});
