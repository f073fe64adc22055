import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { status } from "../../runtime/status.js";
import { runCli } from "../support/cli.js";
import { freshServer, resetDatabase, sharedPglite } from "./support/engines.js";
import { applyAll, rollbackLast } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder, type SpecFolder } from "./support/specs.js";

/**
 * Issue 11 item 1: steps that keep a stash in kmig's schema (a dropped column, a dropped table, a
 * narrowed type, a recomputed column), and a table dropped and later created again under the same
 * name. `kmig status` replays the applied steps to learn the schema they describe: that replay must
 * not collide with the stashes the real runs left in `kmig`, at any point of the chain.
 */
const CHAIN = {
  "000_base.kmig": `baseline fruit version '1.0.0' {
  create table fruits {
    id    integer primary key
    price integer
    label varchar(100)
    note  text?
  }
  create table products {
    id   integer primary key
    name text unique
  }
}
`,
  "001_drop_price.kmig": `migration drop_price from '1.0.0' to '1.1.0' {
  describe 'a dropped column keeps its values in a stash'
  table fruits { drop price }
}
`,
  "002_drop_products.kmig": `migration drop_products from '1.1.0' to '1.2.0' {
  describe 'a dropped table is kept whole; a narrowed type keeps the old values'
  drop table products
  table fruits { alter label type varchar(20) }
}
`,
  "003_products_again.kmig": `migration products_again from '1.2.0' to '1.3.0' {
  describe 'the same table, created again'
  create table products {
    id   integer primary key
    name text unique
  }
  table fruits { note := upper(note) }
}
`,
  "004_drop_note.kmig": `migration drop_note from '1.3.0' to '1.4.0' {
  describe 'another stash on the same table'
  table fruits { drop note }
  table products { add price integer? }
}
`,
};

const VERSIONS = ["1.0.0", "1.1.0", "1.2.0", "1.3.0", "1.4.0"];

async function seeded(db: Db, spec: SpecFolder): Promise<void> {
  await applyAll(db, spec.plans, { to: "1.0.0" });
  await db.exec(`INSERT INTO "fruits" VALUES (1, 10, 'apple', 'red'), (2, 20, 'banana', NULL); INSERT INTO "products" VALUES (1, 'crate');`);
}

async function expectStatusAt(db: Db, spec: SpecFolder, version: string): Promise<void> {
  const s = await status(db, spec.plans);
  expect({ version, drift: s.drift }).toEqual({ version, drift: [] });
  const reached = VERSIONS.indexOf(version);
  expect(s.migrations.map((m) => m.state)).toEqual(VERSIONS.map((_, i) => (i <= reached ? "applied" : "pending")));
}

/** Up one migration at a time, status after each; then down one at a time, status after each, and v1 again. */
async function walkChain(db: Db): Promise<void> {
  const spec = specFolder(CHAIN);
  try {
    await seeded(db, spec);
    const v1 = await snapshotDb(db);
    await expectStatusAt(db, spec, "1.0.0");
    for (const v of VERSIONS.slice(1)) {
      await applyAll(db, spec.plans, { to: v });
      await expectStatusAt(db, spec, v);
      // Status changes nothing: a second look sees the same.
      await expectStatusAt(db, spec, v);
    }
    for (let i = VERSIONS.length - 2; i >= 0; i--) {
      await rollbackLast(db, spec.plans);
      await expectStatusAt(db, spec, VERSIONS[i]);
    }
    expect(await snapshotDb(db)).toEqual(v1);
  } finally {
    spec.remove();
  }
}

describe("kmig status at every point of chains with stashes (PostgreSQL server)", () => {
  const server = freshServer();

  it("after every migration up and every rollback down: no error, no drift", () => walkChain(server.db()), 60_000);

  it("through the CLI: exit 0 and `no schema drift` with stashes of every kind in kmig's schema", async () => {
    const spec = specFolder(CHAIN);
    const db = server.db();
    try {
      await seeded(db, spec);
      await applyAll(db, spec.plans);
      const r = runCli(["status", spec.dir, "--db", server.testDb().url]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("no schema drift");
      // The stashes are still there, untouched by the replay.
      const stashes = await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'kmig' AND tablename LIKE 'stash__%'`);
      expect(Number(stashes.rows[0].n)).toBeGreaterThanOrEqual(4);
    } finally {
      spec.remove();
    }
  });
});

describe("kmig status at every point of chains with stashes (PGlite)", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));

  it("after every migration up and every rollback down: no error, no drift", () => walkChain(pglite.db()), 120_000);
});
