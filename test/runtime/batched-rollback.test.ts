import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import type { Reporter, RunEvent } from "../../runtime/events.js";
import { resetDatabase, sharedPglite, freshServer } from "./support/engines.js";
import { applyAll, recorder, rollbackLast, runErrorOf } from "./support/run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./support/shop.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder, type SpecFolder } from "./support/specs.js";

/**
 * What rollback runs after its transaction has committed (core/deferred-undo.ts): the refills of
 * backfills that overwrote columns in place (stashed originals put back, a many-to-one map's
 * inverse recomputed — not idempotent, so a batch run twice would show) in keyset batches, and the
 * drop of an index built on a table with rows CONCURRENTLY. At a batch size of 7 the database comes
 * back row for row; a rollback stopped between two batches is finished by the next one, each row
 * restored exactly once; between batches no row of the table is locked.
 */
const ITEMS = `  table customers {
    email := lower(email)
    index customers_name_idx (name) concurrently
  }
  table orders {
    state := order_state(state)
    amount := amount * 3
  }`;

const BATCH = { batchSize: 7, pauseMs: 0 };

function summaries(events: readonly RunEvent[]): string[] {
  return events.flatMap((e) => (e.type === "step-done" ? [e.summary] : []));
}

async function prepare(db: Db, spec: SpecFolder): Promise<Awaited<ReturnType<typeof snapshotDb>>> {
  await applyAll(db, spec.plans.slice(0, 1));
  await insertShopRows(db, { customers: 60, orders: 250 });
  // Mixed case: lower() changes them, and the stash keeps the originals.
  await db.query(`UPDATE customers SET email = upper(email) WHERE id % 3 = 0`);
  const before = await snapshotDb(db);
  await applyAll(db, spec.plans);
  return before;
}

function cases(engine: string, db: () => Db) {
  let spec: SpecFolder;
  beforeAll(() => {
    spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(ITEMS) });
  });
  afterAll(() => spec?.remove());

  it(`${engine}: refills in batches of 7 and a concurrent index drop after the commit give the database back row for row`, async () => {
    const before = await prepare(db(), spec);
    const after = await snapshotDb(db());
    expect(after.rows.orders).not.toEqual(before.rows.orders);
    const r = recorder();
    await rollbackLast(db(), spec.plans, { batch: BATCH }, r);
    expect(await snapshotDb(db())).toEqual(before);
    expect(summaries(r.events)).toEqual([
      "undo backfill orders: state, amount (in batches of 7 rows)",
      "undo create index customers_name_idx on customers (concurrently)",
      "undo backfill customers: email (in batches of 7 rows)",
    ]);
    const batches = r.events.filter((e) => e.type === "backfill-progress" && e.step === spec.plans[1].steps[2].id);
    expect(batches.length).toBe(Math.ceil(250 / 7));
    expect(batches.at(-1)).toMatchObject({ done: 250, total: 250 });
  });
}

describe("batched rollback (PostgreSQL server)", () => {
  const server = freshServer();
  cases("server", server.db);

  it("a rollback stopped between two refill batches is finished by the next, each row restored once; apply waits for it", async () => {
    const spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(ITEMS) });
    try {
      const db = server.db();
      const before = await prepare(db, spec);
      // Stopped (as by a kill) after the fifth committed batch of the orders refill.
      let seen = 0;
      const stopping: Reporter = {
        emit: (e) => {
          if (e.type === "backfill-progress" && ++seen === 5) throw new Error("killed");
        },
        close: () => undefined,
      };
      await runErrorOf(rollbackLast(db, spec.plans, { batch: BATCH }, stopping));
      const mid = await snapshotDb(db);
      expect(mid.kmig.ledger.join("\n")).toMatch(/"state": "rolling_back"/);
      expect(mid.kmig.progress.join("\n")).toMatch(/"rows_done": 35/);
      expect(mid.indexes.join("\n")).toMatch(/customers_name_idx/);
      const refused = await runErrorOf(applyAll(db, spec.plans));
      expect(refused.code).toBe("K9005");
      // Resumed at another batch size: the cursor is a key, not a count.
      await rollbackLast(db, spec.plans, { batch: { batchSize: 40, pauseMs: 0 } });
      expect(await snapshotDb(db)).toEqual(before);
    } finally {
      spec.remove();
    }
  });

  it("between refill batches no row of the table is locked: another session updates the last row at once", async () => {
    const spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(ITEMS) });
    const other = await server.testDb().open();
    try {
      const db = server.db();
      await prepare(db, spec);
      await other.query(`SET lock_timeout = 2000`);
      const writes: Promise<unknown>[] = [];
      let wrote = Infinity;
      const r = recorder();
      const watching: Reporter = {
        emit: (e) => {
          r.emit(e);
          if (e.type === "backfill-progress" && writes.length === 0 && e.step === spec.plans[1].steps[2].id) writes.push(other.query(`UPDATE orders SET customer_id = customer_id WHERE id = 250`).then(() => (wrote = Date.now())));
        },
        close: () => undefined,
      };
      await rollbackLast(db, spec.plans, { batch: { batchSize: 50, pauseMs: 300 } }, watching);
      const done = Date.now();
      // The write ran during a pause of the refill, before the rollback ended (in one UPDATE it would wait for the rollback's commit).
      await Promise.all(writes);
      expect(writes).toHaveLength(1);
      expect(wrote).toBeLessThan(done);
      const progress = r.events.filter((e) => e.type === "backfill-progress").length;
      expect(progress).toBeGreaterThan(2);
    } finally {
      await other.close();
      spec.remove();
    }
  });
});

describe("batched rollback (PGlite)", () => {
  const shared = sharedPglite();
  beforeEach(async () => resetDatabase(shared.db()));
  cases("pglite", shared.db);
});
