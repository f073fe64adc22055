import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseline } from "../../runtime/baseline.js";
import type { Db } from "../../runtime/db/connection.js";
import { SILENT } from "../../runtime/events.js";
import type { PlanImpact } from "../../runtime/impact/types.js";
import { runCli } from "../support/cli.js";
import { postgresDb, resetDatabase, sharedPglite, type TestDb } from "./support/engines.js";
import { FAIL_CASES, prepareFailure } from "./support/failing-cases.js";
import { createKeikoV1, KEIKO_SPEC, keikoPlans, keikoRows } from "./support/keiko.js";
import { applyAll, planAll } from "./support/run.js";
import { SHOP_BASELINE, insertShopRows, shopMigration } from "./support/shop.js";
import { specFolder } from "./support/specs.js";
import { snapshotDb } from "./support/snapshot.js";

const plan = planAll;

/** The contract's task status map, written out independently of the spec. */
const TASK_STATUS: Record<string, string> = { created: "pending", queued: "pending", running: "running", finished: "completed", failed: "failed", cancelled: "cancelled" };

describe("kmig plan on the PostgreSQL server", () => {
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

  // Raw SQL is opaque to kmig: its failure is not predicted (plan warns about it instead).
  for (const k of FAIL_CASES.filter((c) => c.name !== "raw sql")) {
    it(`predicts the failing step: ${k.name}`, async () => {
      const spec = await prepareFailure(db, k);
      try {
        const before = await snapshotDb(db);
        const p = await plan(db, spec.plans);
        expect(p.violations.length, JSON.stringify(p.violations)).toBeGreaterThan(0);
        expect(p.violations[0].origin.line).toBe(spec.lineOf("001_v2.kmig", k.item.split("\n")[0]));
        expect(await snapshotDb(db)).toEqual(before);
      } finally {
        spec.remove();
      }
    });
  }

  it("through the CLI: the SQL, the rows, each violation with its spec line and example rows; exit 1; --json for CI", async () => {
    const spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration("  table orders { state := order_state(state) }\n  table customers { alter email set not null }") });
    try {
      await applyAll(db, spec.plans.slice(0, 1));
      await insertShopRows(db);
      await db.exec("UPDATE customers SET email = NULL WHERE id = 150");
      const r = runCli(["plan", spec.dir, "--db", t.url]);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain('ALTER TABLE "customers" ALTER COLUMN "email" SET NOT NULL');
      expect(r.stdout).toContain("updates 1000 rows, in batches of 10000 rows by (id)");
      // Lowered (compiler/ops/safe-lowering.ts): the helper check's validation is the step that meets the NULL.
      expect(r.stdout).toContain(`${spec.dir}/001_v2.kmig:${spec.lineOf("001_v2.kmig", "alter email set not null")} check that customers.email holds no NULL (validate customers_email_kmig_not_null): 1 row with NULL in customers.email, which becomes NOT NULL — e.g. id=150`);
      expect(r.stdout).toMatch(/map order_state → state \(line \d+\):/);
      expect(r.stdout).toContain("falls to else: NULL (167 rows), 'weird' (167 rows), 'PAID' (166 rows)");
      const json = JSON.parse(runCli(["plan", spec.dir, "--db", t.url, "--json"]).stdout) as PlanImpact & { ok: boolean };
      expect(json.ok).toBe(false);
      expect(json.violations.map((v) => [v.step, v.rows, v.examples])).toEqual([["check that customers.email holds no NULL (validate customers_email_kmig_not_null)", 1, ["id=150"]]]);
      await db.exec("UPDATE customers SET email = 'fixed@example.org' WHERE id = 150");
      const fixed = runCli(["plan", spec.dir, "--db", t.url]);
      expect(fixed.status).toBe(0);
      expect(fixed.stdout).toContain("no violations: every step can run on the data as it is now");
    } finally {
      spec.remove();
    }
  });

  it("follows type changes, dropped columns and a renamed table to the constraints added after them", async () => {
    const items = "  table orders { alter amount type bigint }\n  table customers { drop email }\n  rename table orders -> purchases\n  table purchases {\n    add unique (customer_id, amount)\n    add constraint purchases_amount_ck check (amount < 990)\n  }";
    const spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration(items) });
    try {
      await applyAll(db, spec.plans.slice(0, 1));
      await insertShopRows(db);
      await db.exec("UPDATE orders SET customer_id = 2, amount = 1 WHERE id = 2");
      const high = (await db.query<{ n: string }>("SELECT count(*)::text AS n FROM orders WHERE amount >= 990")).rows[0].n;
      const p = await plan(db, spec.plans);
      expect(p.violations.map((v) => [v.origin.line, v.rows, v.examples[0]])).toEqual([
        [spec.lineOf("001_v2.kmig", "add unique (customer_id, amount)"), 2, "customer_id=2, amount=1 (2 rows)"],
        [spec.lineOf("001_v2.kmig", "add constraint purchases_amount_ck"), Number(high), "id=990"],
      ]);
    } finally {
      spec.remove();
    }
  });

  it("a database where kmig never ran: an unrecorded baseline is named, and plan creates nothing (not even kmig's schema)", async () => {
    await createKeikoV1(db, 5, { users: 2, agents: 2, tasks: 2 });
    const before = await snapshotDb(db);
    const r = runCli(["plan", KEIKO_SPEC, "--db", t.url]);
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("the database already has tables of baseline keiko_v1 (users, agents, tasks), but kmig has not recorded it: run `kmig baseline` first");
    expect(await snapshotDb(db)).toEqual(before);
    expect(before.kmig.relations).toEqual([]);
  });

  it("an empty database: apply would create the baseline, then migrate empty tables", async () => {
    const p = await plan(db, keikoPlans());
    expect(p.migrations.map((m) => [m.id, m.state])).toEqual([["keiko_v1", "create"], ["keiko_v2", "pending"]]);
    expect(p.violations).toEqual([]);
    expect(p.migrations[1].steps.filter((s) => s.rows !== null).map((s) => s.rows)).toEqual([0, 0]);
  });

  it("Keiko: rows per status, where each goes and which fall to `else`, as the contract says; nothing changes", async () => {
    await createKeikoV1(db, 31, { users: 10, agents: 30, tasks: 500 });
    const plans = keikoPlans();
    await baseline(db, plans, null, 5000, SILENT);
    const before = await snapshotDb(db);
    const p = await plan(db, plans);
    expect(await snapshotDb(db)).toEqual(before);
    expect(p.violations).toEqual([]);
    expect(p.migrations.map((m) => m.id)).toEqual(["keiko_v2"]);
    const v1 = await keikoRows(db);
    const tasks = p.migrations[0].steps.find((s) => s.summary.startsWith("backfill tasks"));
    expect(tasks?.rows).toBe(v1.tasks.length);
    const expected = new Map<string | null, number>();
    for (const row of v1.tasks) expected.set((row.status as string | null) ?? null, (expected.get((row.status as string | null) ?? null) ?? 0) + 1);
    const counts = tasks?.maps[0].counts ?? [];
    expect(new Map(counts.map((c) => [c.input, c.rows]))).toEqual(expected);
    for (const c of counts) {
      const listed = c.input !== null && c.input in TASK_STATUS;
      expect(c.fallback, String(c.input)).toBe(!listed);
      expect(c.output).toBe(listed ? TASK_STATUS[c.input as string] : "pending");
    }
  });
  it("--rollback: the undo SQL of each step; data written since → exit 1 naming it; nothing changes", async () => {
    const spec = specFolder({ "000_base.kmig": SHOP_BASELINE, "001_v2.kmig": shopMigration("  create table notes {\n    id integer primary key\n  }\n  table orders { state := order_state(state) }") });
    try {
      await applyAll(db, spec.plans.slice(0, 1));
      await insertShopRows(db, { customers: 10, orders: 50 });
      await applyAll(db, spec.plans);
      const clean = runCli(["plan", spec.dir, "--db", t.url, "--rollback"]);
      expect(clean.status).toBe(0);
      expect(clean.stdout).toContain("roll back shop_v2: 2 → 1, 2 steps");
      expect(clean.stdout).toContain('| DROP TABLE "notes"');
      expect(clean.stdout).toContain("no data written since would be lost");
      await db.exec("INSERT INTO notes VALUES (1), (2), (3)");
      const before = await snapshotDb(db);
      const lossy = runCli(["plan", spec.dir, "--db", t.url, "--rollback"]);
      expect(lossy.status).toBe(1);
      expect(lossy.stdout).toContain("✗ shop_v2: 3 rows: rows in table notes");
      const json = JSON.parse(runCli(["plan", spec.dir, "--db", t.url, "--rollback", "--json"]).stdout) as { ok: boolean; losses: { rows: number; what: string }[] };
      expect(json.ok).toBe(false);
      expect(json.losses).toEqual([expect.objectContaining({ rows: 3, what: "rows in table notes" })]);
      expect(await snapshotDb(db)).toEqual(before);
    } finally {
      spec.remove();
    }
  });

  it("warnings: a backfill on a table without primary key, a step rollback cannot undo; --rollback says where it would stop", async () => {
    const base = "baseline logs_v1 version '1' {\n  describe 'logs'\n  create table logs {\n    msg text?\n  }\n}\n";
    const v2 = "migration logs_v2 from '1' to '2' {\n  describe 'numbered'\n  table logs { add n integer? := 1 }\n  sql '''ANALYZE logs''' irreversible 'statistics only'\n}\n";
    const spec = specFolder({ "000_base.kmig": base, "001_v2.kmig": v2 });
    try {
      await applyAll(db, spec.plans.slice(0, 1));
      await db.exec("INSERT INTO logs VALUES ('a'), ('b')");
      const p = await plan(db, spec.plans);
      expect(p.violations).toEqual([]);
      expect(p.warnings.join("\n")).toContain("table logs has no primary key: backfill logs: n");
      expect(p.warnings.join("\n")).toContain("cannot be undone: declared irreversible: statistics only");
      await applyAll(db, spec.plans);
      const r = runCli(["plan", spec.dir, "--db", t.url, "--rollback"]);
      expect(r.status).toBe(1);
      expect(r.stdout).toContain("✗ rollback would fail: rollback stops at step `raw SQL (ANALYZE logs…)`: it is irreversible (declared irreversible: statistics only)");
    } finally {
      spec.remove();
    }
  });
});

describe("kmig plan on PGlite", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));
  it("predicts a failing backfill inside a read-only transaction that PGlite rolls back", async () => {
    const db = pglite.db();
    const spec = await prepareFailure(db, FAIL_CASES[2]);
    try {
      const before = await snapshotDb(db);
      const p = await plan(db, spec.plans);
      expect(p.violations.map((v) => v.what)).toEqual([expect.stringContaining("integer out of range")]);
      expect(await snapshotDb(db)).toEqual(before);
    } finally {
      spec.remove();
    }
  });
});
