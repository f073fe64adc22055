import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { postgresDb, type TestDb } from "./support/engines.js";
import { applyAll, recorder, runErrorOf } from "./support/run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./support/shop.js";
import { specFolder, type SpecFolder } from "./support/specs.js";
import { snapshotDb } from "./support/snapshot.js";

/** A migration whose first step is a stash backfill of orders, in batches of 100. */
const BACKFILL_FIRST = "  table orders { state := order_state(state) }";
const POLICY = { lockTimeoutMs: 50, retries: 3, backoffMs: 100 };

/**
 * A batch that cannot get its lock in time rolls back and is retried after a backoff, starting a
 * transaction again with its settings; batch settings stay in their transaction.
 */
describe("a backfill batch waiting for a lock (PostgreSQL server)", () => {
  let t: TestDb;
  let db: Db;
  let other: Db;
  let spec: SpecFolder;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
    other = await t.open();
    spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(BACKFILL_FIRST) });
    await applyAll(db, spec.plans.slice(0, 1));
    await insertShopRows(db);
  });
  afterEach(async () => {
    spec?.remove();
    await other?.close();
    await db?.close();
    await t?.drop();
  });

  it("retries after the other session lets go, and transforms every row once", async () => {
    const before = (await db.query<{ id: string; state: string | null }>(`SELECT id::text, state FROM orders ORDER BY id`)).rows;
    await other.query("BEGIN");
    await other.query("LOCK TABLE orders IN SHARE MODE");
    const events = recorder();
    // Let go once kmig has retried: its next attempt gets the lock.
    const run = applyAll(db, spec.plans, { lock: POLICY, batch: { batchSize: 100, pauseMs: 0 } }, { ...events, emit: (e) => (events.emit(e), e.type === "retry" ? void other.query("COMMIT") : undefined) });
    expect((await run).applied).toEqual(["shop_v2"]);
    expect(events.events.filter((e) => e.type === "retry").length).toBeGreaterThan(0);
    const map = (s: string | null) => (s === "new" || s === "open" ? "open" : s === "paid" ? "paid" : "unknown");
    const after = (await db.query<{ id: string; state: string | null }>(`SELECT id::text, state FROM orders ORDER BY id`)).rows;
    expect(after).toEqual(before.map((r) => ({ id: r.id, state: map(r.state) })));
    expect((await db.query<{ s: string }>("SELECT current_setting('synchronous_commit') AS s")).rows[0].s).toBe("on");
    expect((await db.query<{ s: string }>("SELECT current_setting('lock_timeout') AS s")).rows[0].s).toBe("0");
  });

  it("gives up after its retries, naming the lock, and the migration is undone", async () => {
    const before = await snapshotDb(db);
    await other.query("BEGIN");
    await other.query("LOCK TABLE orders IN SHARE MODE");
    const e = await runErrorOf(applyAll(db, spec.plans, { lock: POLICY, batch: { batchSize: 100, pauseMs: 0 } }));
    await other.query("COMMIT");
    expect(e.message).toMatch(/SQLSTATE 55P03/);
    expect(await snapshotDb(db)).toEqual(before);
  });
});
