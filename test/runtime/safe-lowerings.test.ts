import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { recordStart, STEP_DONE_SQL } from "../../runtime/ledger.js";
import type { Plan } from "../../core/plan.js";
import { resetDatabase, sharedPglite, freshServer } from "./support/engines.js";
import { applyAll, rollbackLast, runErrorOf } from "./support/run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./support/shop.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder, type SpecFolder } from "./support/specs.js";

/**
 * The safe lowerings (compiler/ops/safe-lowering.ts) run: on tables with rows, a foreign key and
 * a check go in NOT VALID and are validated in a step of their own, a unique constraint and a
 * primary key take over an index built CONCURRENTLY, SET NOT NULL follows a validated helper
 * check; rollback rebuilds a dropped index CONCURRENTLY after its transaction. Apply then rollback
 * gives the database back exactly, on the server and on PGlite; a failed or stopped concurrent
 * build leaves nothing behind.
 */

const LOWERED = shopMigration(`  table orders {
    add constraint orders_customer_fk foreign key (customer_id) references customers (id)
    add constraint orders_amount_check check (amount is null or amount >= 0)
    state := state ?? 'new'
    alter state set not null
    drop index idx_orders_customer
  }
  table customers {
    add constraint customers_email_key unique (email)
  }`);

const INDEXED = shopMigration("  table orders { index idx_orders_customer (customer_id) }", "shop_v1b", "1", "1b");

function chain(v2: string): Record<string, string> {
  return { "000_base.kmig": SHOP_BASELINE, "001_v1b.kmig": INDEXED, "002_v2.kmig": v2.replace("from '1'", "from '1b'") };
}

function opsOf(plan: Plan): string[] {
  return plan.steps.map((s) => `${s.op}${s.kind === "sql" && !s.transactional ? " (outside a transaction)" : ""}`);
}

function cases(engine: string, db: () => Db) {
  let spec: SpecFolder;
  beforeAll(() => {
    spec = specFolder(chain(LOWERED));
  });
  afterAll(() => spec?.remove());

  it(`${engine}: the lowered steps apply, and rollback gives the database back exactly`, async () => {
    const plans = spec.plans;
    await applyAll(db(), plans.slice(0, 2));
    await insertShopRows(db(), { customers: 30, orders: 120 });
    const before = await snapshotDb(db());
    await applyAll(db(), plans);
    const after = await snapshotDb(db());
    expect(after.constraints.filter((c) => /orders_customer_fk|orders_amount_check|customers_email_key/.test(c))).toHaveLength(3);
    expect(after.constraints.join("\n")).not.toMatch(/kmig_not_null/);
    expect(after.columns).toContain("orders.state text NOT NULL");
    expect(after.indexes.join("\n")).not.toMatch(/INVALID|idx_orders_customer/);
    await rollbackLast(db(), plans);
    expect(await snapshotDb(db())).toEqual(before);
  });

  it(`${engine}: a unique index that fails on duplicates is removed, and the run undone`, async () => {
    const plans = spec.plans;
    await applyAll(db(), plans.slice(0, 2));
    await insertShopRows(db(), { customers: 30, orders: 120 });
    await db().query(`UPDATE customers SET email = 'same@example.org' WHERE id <= 2`);
    const before = await snapshotDb(db());
    const e = await runErrorOf(applyAll(db(), plans));
    expect(e.message).toMatch(/create unique index customers_email_key/);
    expect(await snapshotDb(db())).toEqual(before);
  });
}

describe("safe lowerings (PostgreSQL server)", () => {
  const server = freshServer();
  cases("server", server.db);

  it("the plan: NOT VALID then VALIDATE, CONCURRENTLY then USING INDEX, helper check then SET NOT NULL", () => {
    const spec = specFolder(chain(LOWERED));
    try {
      expect(opsOf(spec.plans[2])).toEqual([
        "drop-index",
        "backfill",
        "add-constraint",
        "validate-constraint",
        "add-constraint",
        "validate-constraint",
        "add-constraint",
        "validate-constraint",
        "set-not-null",
        "create-index (outside a transaction)",
        "add-constraint",
      ]);
      expect(spec.plans[2].steps[0].kind === "sql" && spec.plans[2].steps[0].down).toEqual([`CREATE INDEX CONCURRENTLY "idx_orders_customer" ON "orders" ("customer_id")`]);
    } finally {
      spec.remove();
    }
  });

  it("a table created in the same migration gets the plain statements", () => {
    const spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration("  create table notes { id integer primary key\n body text? }\n  table notes { add constraint notes_body_key unique (body)\n alter body set not null }") });
    try {
      expect(opsOf(spec.plans[1])).toEqual(["create-table", "add-constraint", "set-not-null"]);
      expect(spec.plans[1].steps.some((s) => s.kind === "sql" && s.lowering)).toBe(false);
    } finally {
      spec.remove();
    }
  });

  it("a concurrent build a stopped run left INVALID is dropped and built again when the run resumes", async () => {
    const spec = specFolder(chain(shopMigration("  table customers { add constraint customers_email_key unique (email) }")));
    try {
      const plans = spec.plans;
      const db = server.db();
      await applyAll(db, plans.slice(0, 2));
      await insertShopRows(db, { customers: 30, orders: 120 });
      const v2 = plans[2];
      expect(opsOf(v2)).toEqual(["create-index (outside a transaction)", "add-constraint"]);
      // The state a killed build leaves: the ledger names the build as next, an INVALID index is there.
      await recordStart(db, v2);
      await db.query(STEP_DONE_SQL, [v2.id, 0]);
      await db.query(`UPDATE customers SET email = 'same@example.org' WHERE id <= 2`);
      await expect(db.query(`CREATE UNIQUE INDEX CONCURRENTLY "customers_email_key" ON "customers" ("email")`)).rejects.toThrow();
      await db.query(`UPDATE customers SET email = 'c' || id || '@example.org' WHERE id <= 2`);
      expect((await snapshotDb(db)).indexes.join("\n")).toMatch(/customers_email_key.*\(INVALID\)/);
      await applyAll(db, plans);
      const after = await snapshotDb(db);
      expect(after.indexes.join("\n")).not.toMatch(/INVALID/);
      expect(after.constraints.join("\n")).toMatch(/customers_email_key UNIQUE \(email\)/);
    } finally {
      spec.remove();
    }
  });

  it("a rollback stopped after its commit, before its concurrent index build, is finished by the next rollback", async () => {
    const spec = specFolder(chain(LOWERED));
    try {
      const plans = spec.plans;
      const db = server.db();
      await applyAll(db, plans.slice(0, 2));
      await insertShopRows(db, { customers: 30, orders: 120 });
      const before = await snapshotDb(db);
      await applyAll(db, plans);
      await rollbackLast(db, plans);
      // What a kill between the commit and the build leaves: the ledger row `rolling_back`, the index missing.
      await db.query(`DROP INDEX "idx_orders_customer"`);
      await recordStart(db, plans[2]);
      // steps_done 1: the deferred undo of step 0 (the rebuild) is left.
      await db.query(`UPDATE "kmig"."ledger" SET "state" = 'rolling_back', "steps_done" = 1 WHERE "id" = $1`, [plans[2].id]);
      await expect(applyAll(db, plans)).rejects.toThrow(/being rolled back/);
      await rollbackLast(db, plans);
      const done = await snapshotDb(db);
      expect({ ...done, kmig: null }).toEqual({ ...before, kmig: null });
      expect(done.kmig.ledger.join("\n")).not.toMatch(/shop_v2/);
    } finally {
      spec.remove();
    }
  });
});

describe("safe lowerings (PGlite)", () => {
  const shared = sharedPglite();
  beforeEach(async () => resetDatabase(shared.db()));
  cases("pglite", shared.db);
});
