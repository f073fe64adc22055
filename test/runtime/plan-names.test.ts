import { describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { freshServer } from "./support/engines.js";
import { applyAll, planAll } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder } from "./support/specs.js";

const plan = planAll;

const BASE = `baseline shop version '1.0.0' {
  create table items {
    id   integer primary key
    sku  text
    name text
    index idx_items_sku (sku)
    constraint items_name_key unique (name)
  }
  create table legacy {
    id   serial primary key
    code text
    index idx_legacy_code (code)
  }
}
`;

/** Frees names: an index, a unique constraint, a table with its key, index and sequence. */
const FREES = `migration m1 from '1.0.0' to '1.1.0' {
  describe 'drops what the next one creates again'
  table items {
    drop index idx_items_sku
    drop constraint items_name_key
  }
  drop table legacy
}
`;

/** Takes the same names again. */
const TAKES = `migration m2 from '1.1.0' to '1.2.0' {
  describe 'the same names, new definitions'
  table items {
    index idx_items_sku (sku, name)
    add constraint items_name_key unique (name)
  }
  create table legacy {
    id   serial primary key
    code text
    index idx_legacy_code (code)
  }
}
`;

/**
 * Issue 11 item 6: `kmig plan` follows the pending migrations in order, names freed by one (a
 * dropped index, constraint or table) may be taken by a later one; a name still taken is reported.
 */
describe("kmig plan: names freed by an earlier pending migration (PostgreSQL server)", () => {
  const server = freshServer();

  it("a later migration reusing the names an earlier one drops is no violation, and apply agrees", async () => {
    const db = server.db();
    const spec = specFolder({ "000_base.kmig": BASE, "001_frees.kmig": FREES, "002_takes.kmig": TAKES });
    try {
      await applyAll(db, spec.plans, { to: "1.0.0" });
      const before = await snapshotDb(db);
      const p = await plan(db, spec.plans);
      expect(p.violations).toEqual([]);
      expect(await snapshotDb(db)).toEqual(before);
      expect((await applyAll(db, spec.plans)).applied).toEqual(["m1", "m2"]);
    } finally {
      spec.remove();
    }
  });

  it("names taken by hand in the database (the checker cannot know them) are reported at the steps that take them", async () => {
    const db = server.db();
    const spec = specFolder({
      "000_base.kmig": BASE,
      "001_takes.kmig": `migration m1 from '1.0.0' to '1.1.0' {
  describe 'names someone took by hand'
  table items { index idx_items_name (name) }
  create table notes {
    id integer primary key
  }
}
`,
    });
    try {
      await applyAll(db, spec.plans, { to: "1.0.0" });
      await db.exec(`CREATE INDEX "idx_items_name" ON "items" ("sku"); CREATE INDEX "notes_pkey" ON "legacy" ("code");`);
      const p = await plan(db, spec.plans);
      expect(p.violations.map((v) => `${v.origin.line}: ${v.what}`)).toEqual([
        `${spec.lineOf("001_takes.kmig", "index idx_items_name")}: the name idx_items_name is already taken by another table or index`,
        `${spec.lineOf("001_takes.kmig", "create table notes")}: the name notes_pkey is already taken by another table or index`,
      ]);
    } finally {
      spec.remove();
    }
  });
});
