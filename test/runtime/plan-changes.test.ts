import { describe, expect, it } from "vitest";
import type { Plan, Step } from "../../core/plan.js";
import { compile } from "./support/specs.js";
import { freshServer } from "./support/engines.js";
import { applyAll, planAll, rollbackLast } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";

/**
 * `kmig plan` follows a migration by what each step says it does (its `change`), not by reading
 * its SQL back; plans compiled before steps carried a change (plan format 1 without it) still
 * apply and roll back, and plan reads their steps as opaque.
 */

const EVERY_OP = "test/fixtures/every-op";

/** A plan as kmig compiled it before steps carried their change. */
const withoutChanges = (plans: readonly Plan[]): Plan[] => plans.map((p) => ({ ...p, steps: p.steps.map((s): Step => (s.kind === "sql" ? (({ change: _c, ...rest }) => rest)(s) : s)) }));

describe("kmig plan reads each step's change", () => {
  const server = freshServer();

  it("follows a chain of every operation without a blocker; only the raw SQL is opaque", async () => {
    const plans = compile(EVERY_OP);
    const p = await planAll(server.db(), plans);
    expect(p.violations).toEqual([]);
    const notes = p.migrations.flatMap((m) => m.steps.flatMap((s) => s.notes.map((n) => `${s.op}: ${n}`)));
    expect(notes).toEqual(["raw-sql: raw SQL: kmig cannot tell what it changes; the checks after it read the tables as if it changed nothing", "drop-views: orders is not in the database yet: no view reads it now"]);
    // The closed map's function was made for the plan's transaction only: plan creates nothing.
    expect((await server.db().query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_namespace WHERE nspname = 'kmig'`)).rows[0].n).toBe("0");
  });

  it("finds the rows a validated constraint, a new unique index and a NOT NULL break, from the data of the change", async () => {
    const plans = compile(EVERY_OP);
    await applyAll(server.db(), plans.slice(0, 1));
    await server.db().exec(`INSERT INTO customers (email) VALUES ('gold'), ('silver'), ('bronze');
      INSERT INTO orders (customer_id, total, code, note) VALUES (1, 2000000, 'x', NULL), (2, 5, 'y', 'n')`);
    const p = await planAll(server.db(), plans);
    const found = p.violations.map((v) => `${v.step}: ${v.what} (${v.rows})`);
    expect(found).toHaveLength(3);
    expect(found).toContain("check that orders.note holds no NULL (validate orders_note_kmig_not_null): NULL in orders.note, which becomes NOT NULL (1)");
    expect(found).toContain("validate constraint orders_total_ck on orders: a value that breaks check orders_total_ck ((\"total\" < 1000000)) on orders (1)");
    expect(found).toContain("create unique index customers_tier_uq on customers: a duplicate of (tier) in customers, which customers_tier_uq makes unique (2)");
  });

  it("a plan compiled before steps carried their change applies and rolls back from the ledger; plan calls its steps opaque", async () => {
    const old = withoutChanges(compile(EVERY_OP));
    const note = (await planAll(server.db(), old)).migrations[0].steps[0].notes[0];
    expect(note).toMatch(/^compiled before kmig recorded what each step does/);
    await applyAll(server.db(), old.slice(0, 2));
    const before = await snapshotDb(server.db());
    await applyAll(server.db(), old);
    // Rollback runs the plan the ledger recorded (without changes), whatever today's compiler says.
    await rollbackLast(server.db(), compile(EVERY_OP));
    expect(await snapshotDb(server.db())).toEqual(before);
  });
});
