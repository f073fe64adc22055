import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { postgresDb, type TestDb } from "./support/engines.js";
import { applyAll } from "./support/run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./support/shop.js";
import { specFolder, type SpecFolder } from "./support/specs.js";
import { startCli } from "./support/spawn.js";

describe("a reader of kmig's output that goes away", () => {
  let t: TestDb;
  let db: Db;
  let spec: SpecFolder;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
    spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration("  table orders { state := order_state(state) }\n  table customers { add note text? }") });
    await applyAll(db, spec.plans.slice(0, 1));
    await insertShopRows(db);
  });
  afterEach(async () => {
    spec?.remove();
    await db?.close();
    await t?.drop();
  });

  it("does not stop the migration half-way (`kmig apply … | head -1`)", async () => {
    const run = startCli(["apply", spec.dir, "--db", t.url, "--batch-size", "10"]);
    run.child.stdout?.once("data", () => run.child.stdout?.destroy());
    const r = await run.done;
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const ledger = await db.query<{ id: string; state: string }>(`SELECT "id", "state" FROM "kmig"."ledger" ORDER BY "id"`);
    expect(ledger.rows).toEqual([{ id: "shop_v1", state: "applied" }, { id: "shop_v2", state: "applied" }]);
  });
});
