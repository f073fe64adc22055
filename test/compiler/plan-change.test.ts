import { describe, expect, it } from "vitest";
import type { Change, ChangeOp } from "../../core/plan-change.js";
import type { SqlStep } from "../../core/plan.js";
import { compileFolder } from "../support/spec-chain.js";

/**
 * Every schema step says what it does as data (core/plan-change.ts): `change.op` is the step's
 * `op`, the data is plain JSON (it goes into emitted modules and the ledger as is), and the chain
 * under test/fixtures/every-op, which uses every operation, produces every kind of change.
 */

/** Every change kind: a new one fails to type-check here until a step of the fixture produces it. */
const EVERY_OP: Record<ChangeOp, true> = {
  "create-table": true,
  "distribute-table": true,
  "drop-table": true,
  "rename-table": true,
  "add-column": true,
  "rename-column": true,
  "drop-column": true,
  "alter-type": true,
  "set-default": true,
  "drop-default": true,
  "set-not-null": true,
  "drop-not-null": true,
  "add-constraint": true,
  "drop-constraint": true,
  "rename-constraint": true,
  "validate-constraint": true,
  "create-index": true,
  "drop-index": true,
  "rename-index": true,
  "replica-identity": true,
  "comment-table": true,
  "comment-column": true,
  "create-sequence": true,
  "alter-sequence": true,
  "drop-sequence": true,
  "rename-sequence": true,
  "create-type": true,
  "add-enum-value": true,
  "rename-enum-value": true,
  "drop-type": true,
  "create-domain": true,
  "drop-domain": true,
  "drop-views": true,
  "recreate-views": true,
  "raw-sql": true,
};

function sqlSteps(folder: string): SqlStep[] {
  const chain = compileFolder(folder);
  expect(chain.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return chain.units.flatMap((u) => u.plan.steps.filter((s): s is SqlStep => s.kind === "sql"));
}

const change = <K extends ChangeOp>(steps: readonly SqlStep[], op: K, pick: (c: Extract<Change, { op: K }>) => boolean = () => true) =>
  steps.map((s) => s.change).find((c): c is Extract<Change, { op: K }> => c?.op === op && pick(c as Extract<Change, { op: K }>));

describe("a step's change", () => {
  // Citus's distribution needs Citus to apply: it has a fixture of its own.
  const every = [...sqlSteps("test/fixtures/every-op"), ...sqlSteps("test/fixtures/citus-shop")];

  it("is on every schema step, with the step's op, as plain JSON", () => {
    for (const folder of ["test/fixtures/every-op", "test/fixtures/citus-shop", "specs/keiko"]) {
      for (const s of sqlSteps(folder)) {
        expect(s.change, s.id).toBeDefined();
        expect(s.change?.op, s.id).toBe(s.op);
        expect(JSON.parse(JSON.stringify(s.change)), s.id).toEqual(s.change);
      }
    }
  });

  it("comes in every kind from a chain that uses every operation", () => {
    const seen = new Set(every.map((s) => s.change?.op));
    expect([...seen].sort()).toEqual(Object.keys(EVERY_OP).sort());
  });

  it("says what the SQL does, in the SQL's own names and expressions", () => {
    expect(change(every, "add-column", (c) => c.column.name === "badge")).toEqual({
      op: "add-column",
      table: "customers",
      column: { name: "badge", type: "smallint", nullable: false, default: `nextval('"customers_badge_seq"'::regclass)`, filledBy: "default", generated: null, identity: null },
      sequence: "customers_badge_seq",
    });
    expect(change(every, "rename-column")).toEqual({ op: "rename-column", table: "customers", from: "name", to: "full_name", default: "'anonymous'::text" });
    expect(change(every, "add-constraint", (c) => c.constraint.name === "orders_total_ck")).toEqual({
      op: "add-constraint",
      table: "orders",
      constraint: { kind: "check", name: "orders_total_ck", columns: ["total"], expr: '("total" < 1000000)', validated: false },
    });
    expect(change(every, "create-index", (c) => c.name === "idx_orders_code")).toEqual({
      op: "create-index",
      name: "idx_orders_code",
      table: "orders",
      columns: [{ column: "code", descending: false, opclass: "text_pattern_ops", nulls: null }],
      unique: false,
      method: "btree",
      include: ["state"],
      nullsNotDistinct: false,
      where: '(NOT ("code" IS NULL))',
      concurrently: false,
    });
    expect(change(every, "create-index", (c) => c.name === "orders_updated_idx")?.concurrently).toBe(true);
    expect(change(every, "drop-table")).toEqual({ op: "drop-table", table: "sessions", stashedAs: expect.stringMatching(/sessions/) });
    expect(change(every, "add-enum-value")).toEqual({ op: "add-enum-value", type: "order_state", label: "refunded", before: null, after: "void" });
    expect(change(every, "alter-sequence")).toMatchObject({ op: "alter-sequence", name: "order_numbers", restart: "5000", from: { increment: "5" }, to: { increment: "1" } });
    expect(change(every, "alter-type")).toMatchObject({ op: "alter-type", table: "customers", column: "email", from: "text", to: "varchar(200)" });
    const table = change(every, "create-table", (c) => c.table === "orders");
    expect(table?.columns.find((c) => c.name === "id")).toEqual({ name: "id", type: "bigint", nullable: false, default: null, filledBy: "identity", generated: null, identity: "always" });
    expect(table?.constraints.map((c) => c.kind)).toEqual(["check", "primary-key", "foreign-key"]);
    expect(change(every, "distribute-table", (c) => c.table === "orders")).toEqual({ op: "distribute-table", table: "orders", kind: "distributed", column: "customer_id", colocateWith: "customers" });
    expect(change(every, "distribute-table", (c) => c.table === "countries")).toEqual({ op: "distribute-table", table: "countries", kind: "reference", column: null, colocateWith: null });
  });
});
