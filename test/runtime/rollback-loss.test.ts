import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { runCli } from "../support/cli.js";
import { postgresDb, resetDatabase, sharedPglite, type TestDb } from "./support/engines.js";
import { applyAll, rollbackLast, runErrorOf } from "./support/run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./support/shop.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder, type SpecFolder } from "./support/specs.js";

const ITEMS = `  create table notes {
    id   integer primary key
    body text?
  }
  table customers {
    add note text? default 'x'
  }
  table orders {
    state := order_state(state)
  }`;

/** Data written after the migration, and how rollback must name what it would destroy. */
const LOSSES = [
  { name: "rows inserted into a table the migration created", write: "INSERT INTO notes VALUES (1, 'kept?'), (2, 'no')", names: "2 rows in table notes" },
  { name: "values written into a column it added", write: "UPDATE customers SET note = 'hand-written' WHERE id <= 3", names: "3 values in column customers.note other than its default" },
  { name: "an overwritten status changed after the migration", write: "UPDATE orders SET state = 'paid' WHERE id IN (3, 4, 5)", names: "rows of orders whose state were changed after the migration" },
];

async function migrated(db: Db): Promise<SpecFolder> {
  const spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(ITEMS) });
  await applyAll(db, spec.plans.slice(0, 1));
  await insertShopRows(db, { customers: 20, orders: 100 });
  await applyAll(db, spec.plans);
  return spec;
}

/** Rollback refuses (K9301, naming the data) and changes nothing; with acceptDataLoss it goes back to v1. */
async function refusesThenAccepts(db: Db, loss: (typeof LOSSES)[number]): Promise<void> {
  const spec = await migrated(db);
  try {
    await db.exec(loss.write);
    const before = await snapshotDb(db);
    const e = await runErrorOf(rollbackLast(db, spec.plans));
    expect(e.code).toBe("K9301");
    expect(e.message).toContain("rolling back shop_v2 would destroy data written after the migration");
    expect(e.message).toContain(loss.names);
    expect(await snapshotDb(db)).toEqual(before);
    const r = await rollbackLast(db, spec.plans, { acceptDataLoss: true });
    expect(r.rolledBack).toEqual(["shop_v2"]);
    expect(r.losses.map((l) => `${l.rows} ${l.what}`).join("; ")).toContain(loss.names.replace(/^\d+ /, ""));
    expect((await db.query(`SELECT to_regclass('public.notes')::text AS t`)).rows[0]).toEqual({ t: null });
  } finally {
    spec.remove();
  }
}

describe("rollback refusing to destroy data written since the migration (PostgreSQL server)", () => {
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

  for (const loss of LOSSES) it(`${loss.name}: refuses naming it, changes nothing; --accept-data-loss proceeds`, () => refusesThenAccepts(db, loss));

  it("through the CLI: exit 1 naming the data, then --accept-data-loss exits 0 and says what was lost", async () => {
    const spec = await migrated(db);
    try {
      await db.exec(LOSSES[0].write);
      const refused = runCli(["rollback", spec.dir, "--db", t.url]);
      expect(refused.status).toBe(1);
      expect(refused.stderr).toContain("error[K9301]: rolling back shop_v2 would destroy data written after the migration: 2 rows in table notes");
      expect(refused.stderr).toContain("--accept-data-loss");
      const accepted = runCli(["rollback", spec.dir, "--db", t.url, "--accept-data-loss"]);
      expect(accepted.status).toBe(0);
      expect(accepted.stdout).toContain("lost (accepted): 2 rows in table notes");
    } finally {
      spec.remove();
    }
  });
});

describe("rollback refusing to destroy data written since the migration (PGlite)", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));
  it(`${LOSSES[2].name}: refuses naming it, changes nothing; accepting proceeds`, () => refusesThenAccepts(pglite.db(), LOSSES[2]));
});
