import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { runCliAsync } from "../support/cli.js";
import { freshServer } from "./support/engines.js";
import { applyAll, recorder, rollbackLast, runErrorOf } from "./support/run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./support/shop.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder, type SpecFolder } from "./support/specs.js";

/** Undone: the customers column in the transaction (ACCESS EXCLUSIVE); the orders backfill's refill after its commit, in batches (row locks only). */
const ITEMS = `  table customers { add note text? }
  table orders { state := order_state(state) }`;

/**
 * Issue 11 items 11 and 12: rollback runs each migration's transaction with `lock_timeout` and
 * apply's retry policy; when it gives up it names the lock (table, holding process) and changes
 * nothing; steps undone inside a transaction that is then rolled back are never shown as done.
 */
describe("rollback behind a session holding a lock (PostgreSQL server)", () => {
  const server = freshServer();
  let other: Db;
  let otherPid: string;
  let spec: SpecFolder;
  beforeEach(async () => {
    const db = server.db();
    spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(ITEMS) });
    await applyAll(db, spec.plans.slice(0, 1));
    await insertShopRows(db, { customers: 20, orders: 100 });
    await applyAll(db, spec.plans);
    other = await server.testDb().open();
    otherPid = (await other.query<{ pid: string }>("SELECT pg_backend_pid()::text AS pid")).rows[0].pid;
    // A reader in an open transaction: its ACCESS SHARE lock blocks ALTER TABLE customers.
    await other.query("BEGIN");
    await other.query("SELECT count(*) FROM customers");
  });
  afterEach(async () => {
    await other?.query("ROLLBACK").catch(() => undefined);
    await other?.close();
    spec?.remove();
  });

  it("gives up after its retries within their time, names the table and the holder, changes nothing, shows no step as undone", async () => {
    const db = server.db();
    const before = await snapshotDb(db);
    const events = recorder();
    const started = Date.now();
    const e = await runErrorOf(rollbackLast(db, spec.plans, { lockTimeoutMs: 150, lock: { retries: 2, backoffMs: 20 } }, events));
    const ms = Date.now() - started;
    expect(e.code).toBe("K9040");
    expect(e.message).toContain("rollback of shop_v2 gave up at step `undo add column customers.note text?`: it waited for");
    expect(e.message).toContain(`a lock on table customers, held by server process ${otherPid} (`);
    expect(e.message).toContain("AccessShareLock");
    expect(e.message).toContain("3 tries of 150 ms each");
    expect(e.help).toMatch(/^nothing was changed; wait for that session to finish \(or end it: SELECT pg_terminate_backend\(\d+\)\), or raise --lock-timeout$/);
    expect(e.origin?.line).toBe(spec.lineOf("001_v2.kmig", "add note"));
    // Three waits of 150 ms and two short backoffs: well under two seconds.
    expect(ms).toBeGreaterThanOrEqual(3 * 150);
    expect(ms).toBeLessThan(2500);
    expect(events.events.filter((x) => x.type === "retry").length).toBe(2);
    expect(events.events.filter((x) => x.type === "step-done")).toEqual([]);
    expect(await snapshotDb(db)).toEqual(before);
    // kmig's own lock and the session settings are left as they were.
    expect((await db.query<{ s: string }>("SELECT current_setting('lock_timeout') AS s")).rows[0].s).toBe("0");
  });

  it("goes on once the other session lets go during its retries, and then shows every undone step", async () => {
    const db = server.db();
    const events = recorder();
    const letGo = { ...events, emit: (x: Parameters<typeof events.emit>[0]) => (events.emit(x), x.type === "retry" ? void other.query("COMMIT") : undefined) };
    const r = await rollbackLast(db, spec.plans, { lockTimeoutMs: 150, lock: { retries: 5, backoffMs: 20 } }, letGo);
    expect(r.rolledBack).toEqual(["shop_v2"]);
    expect(events.events.filter((x) => x.type === "retry").length).toBeGreaterThan(0);
    expect(events.events.filter((x) => x.type === "step-done").map((x) => (x as { summary: string }).summary)).toEqual(["undo add column customers.note text?", "undo backfill orders: state (in batches of 10000 rows)"]);
  });

  it("through the CLI: --lock-timeout bounds the wait, exit 1 with K9040 at the spec line, nothing undone on stdout", async () => {
    const t = server.testDb();
    const started = Date.now();
    const r = await runCliAsync(["rollback", spec.dir, "--db", t.url, "--lock-timeout", "200"], { timeoutMs: 60_000 });
    const ms = Date.now() - started;
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("error[K9040]: rollback of shop_v2 gave up at step `undo add column customers.note text?`");
    expect(r.stderr).toContain(`held by server process ${otherPid}`);
    expect(r.stderr).toContain("001_v2.kmig:");
    expect(r.stderr).toContain("= help: nothing was changed");
    expect(r.stderr).not.toMatch(/K8001|\n\s+at /);
    expect(r.stdout).not.toContain("✓");
    // Apply's policy: 6 tries of 200 ms with backoffs of 200·2ⁿ ms (±50%): under 12 s, not forever.
    expect(ms).toBeLessThan(15_000);
    const db = server.db();
    expect((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "kmig"."ledger" WHERE "id" = 'shop_v2'`)).rows[0].n).toBe("1");
    expect((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM information_schema.columns WHERE table_name = 'customers' AND column_name = 'note'`)).rows[0].n).toBe("1");
  }, 60_000);
});

describe("a refused rollback shows no step as undone (PostgreSQL server)", () => {
  const server = freshServer();
  let spec: SpecFolder;
  afterEach(() => spec?.remove());

  it("K9301 after undoing steps inside the refused transaction: no `✓ undo` line; an accepted one shows them all", async () => {
    const db = server.db();
    spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(ITEMS) });
    await applyAll(db, spec.plans.slice(0, 1));
    await insertShopRows(db, { customers: 20, orders: 100 });
    await applyAll(db, spec.plans);
    // Written since: rollback (checking the orders map's refill, then dropping the column) must refuse.
    await db.query(`UPDATE customers SET note = 'hand-written' WHERE id = 1`);
    const t = server.testDb();
    const refused = await runCliAsync(["rollback", spec.dir, "--db", t.url]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain("error[K9301]");
    expect(refused.stdout).toContain("rolling back shop_v2");
    expect(refused.stdout).not.toContain("✓");
    const accepted = await runCliAsync(["rollback", spec.dir, "--db", t.url, "--accept-data-loss"]);
    expect(accepted.status).toBe(0);
    expect(accepted.stdout).toMatch(/✓ undo add column customers\.note text\?[^\n]*\n(\s+… [^\n]*\n)*\s+✓ undo backfill orders: state \(in batches of 10000 rows\)/);
  });
});
