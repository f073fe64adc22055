import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { recordStart, STEP_DONE_SQL } from "../../runtime/ledger.js";
import { postgresDb, type TestDb } from "./support/engines.js";
import { applyAll, rollbackLast } from "./support/run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./support/shop.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder, type SpecFolder } from "./support/specs.js";

/**
 * A run stopped (killed) in `drop index … concurrently` after PostgreSQL had dropped the index but
 * before kmig recorded the step: rollback of the half-done migration builds the index again. A
 * kill cannot be aimed at that instant, so the state is made by hand: the ledger says the step is
 * next, and the index is gone.
 */
describe("rollback after a stopped DROP INDEX CONCURRENTLY (PostgreSQL server)", () => {
  let t: TestDb;
  let db: Db;
  let spec: SpecFolder;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
    spec = specFolder({
      "000_base.kmig": SHOP_BASELINE,
      "001_v2.kmig": shopMigration("  table orders { index idx_orders_customer (customer_id) }"),
      "002_v3.kmig": shopMigration("  table orders { drop index idx_orders_customer concurrently }\n  table customers { add note text? }", "shop_v3", "2", "3"),
    });
    await applyAll(db, spec.plans.slice(0, 2));
    await insertShopRows(db, { customers: 20, orders: 100 });
  });
  afterEach(async () => {
    spec?.remove();
    await db?.close();
    await t?.drop();
  });

  it("builds the dropped index again, and the database is as before the migration", async () => {
    const before = await snapshotDb(db);
    const v3 = spec.plans[2];
    const drop = v3.steps.findIndex((s) => s.summary.startsWith("drop index"));
    expect(drop).toBeGreaterThanOrEqual(0);
    await recordStart(db, v3);
    await db.query(STEP_DONE_SQL, [v3.id, drop]);
    await db.query(`DROP INDEX "idx_orders_customer"`);
    await rollbackLast(db, spec.plans);
    expect(await snapshotDb(db)).toEqual(before);
  });
});
