import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { openDb } from "../../runtime/db/open.js";
import { runLaws, type PropertyResult } from "../../proptest/run-laws.js";
import { tablesArb } from "../../proptest/constrained-rows.js";
import { loadCheckFunctions } from "../../proptest/check-functions.js";
import { insertRows } from "../../proptest/insert-rows.js";
import { compileChain } from "../../compiler/pipeline.js";
import { makeSourceFile } from "../../core/source-file.js";
import { createTestDatabase } from "../support/pg.js";

/**
 * Issue 11 item 7: `kmig test` generates rows that meet the old schema's own constraints (NOT NULL,
 * unique, primary keys, checks, foreign keys, lengths and `in` lists), and gives every step kind
 * that transforms or stashes data its laws — `alter … type … using`, `drop` of a column and of a
 * table too. On the real server (its own database) in a schema of its own.
 */

const V1 = `migration m1 from '0' to '1' {
  describe 'people and their orders'
  create table people {
    id integer primary key
    email varchar(40) unique
    age integer check (age >= 18)
    tier text check (tier in ['gold', 'silver', 'bronze'])
    code text? check (length(code) = 3)
    review text
  }
  create table orders {
    id bigint primary key
    person_id integer references people(id)
    parent_id bigint? references orders(id)
    amount numeric(5,2) check (amount > 0 and amount <= 500)
    note text?
  }
}
`;

const chain = (...later: string[]) => compileChain([V1, ...later].map((text, i) => makeSourceFile(`specs/00${i + 1}.kmig`, text)));
const migration = (body: string) => `migration m2 from '1' to '2' {\n  describe 'm2'\n${body}\n}\n`;

function compiled(...later: string[]) {
  const c = chain(...later);
  expect(c.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
  return c.units;
}

const laws = (db: Db, body: string, seed = 3): Promise<PropertyResult[]> => runLaws(db, compiled(migration(body)), { runs: 12, seed, path: null, rowsPerRun: 5 });

describe("kmig test on constrained tables (PostgreSQL)", { timeout: 300_000 }, () => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const t = await createTestDatabase("kmig_h11_proptest");
    drop = t.drop;
    db = await openDb(t.url, { command: "test" });
  });
  afterAll(async () => {
    await db?.close();
    await drop?.();
  });

  it("generated rows meet every constraint of the old schema: PostgreSQL takes each one", async () => {
    const units = compiled();
    const schema = units[0].after;
    await loadCheckFunctions(schema);
    await fc.assert(
      fc.asyncProperty(tablesArb(schema, ["orders"], { strings: [], jsonKeys: [] }, 6), async (rows) => {
        expect(Object.keys(rows)).toEqual(["people", "orders"]);
        await db.query("BEGIN");
        try {
          await db.query(`CREATE SCHEMA "kmig_proptest"`);
          await db.query(`SET LOCAL search_path = "kmig_proptest"`);
          for (const s of units[0].plan.steps) for (const sql of s.up) await db.query(sql);
          const r = await insertRows(db, schema, rows);
          expect(r.rejected).toBeNull();
          expect(r.rows).toBe(rows.people.length + rows.orders.length);
        } finally {
          await db.query("ROLLBACK");
        }
      }),
      { numRuns: 30, seed: 11 },
    );
  });

  it("a unique column and `check (age >= 18)` no longer make a sound mapping fail", async () => {
    const [r] = await laws(db, "  table people {\n    review := review || '!'\n  }");
    expect(r.failure?.message ?? null).toBeNull();
    expect(r.ok).toBe(true);
    expect(r.tested).toBeGreaterThan(12);
    expect(r.property).toMatch(/^forward is total, SQL agrees with JS, rollback is exact \(people\)$/);
  });

  it("`alter … type … using` gets its laws: a using that breaks the old check fails forward at its line", async () => {
    const [r] = await laws(db, "  table people {\n    alter age type bigint using age - 18\n  }");
    expect(r.ok).toBe(false);
    expect(r.failure?.law).toBe("forward is total");
    expect(r.failure?.origin?.line).toBe(4);
    expect(r.failure?.message).toMatch(/people_age_check/);
  });

  it("a narrowing `alter … type … using` that holds: forward total and rollback exact through its stash", async () => {
    const [r] = await laws(db, "  table people {\n    alter code type varchar(3) using lower(code)\n    alter tier type varchar(6)\n  }");
    expect(r.failure?.message ?? null).toBeNull();
    expect(r.property).toBe("forward is total, rollback is exact (people)");
    expect(r.tested).toBeGreaterThan(12);
  });

  it("`drop` of a column and of a whole table are tested, with the tables they reference", async () => {
    const [col] = await laws(db, "  table orders {\n    drop note\n  }");
    expect(col.failure?.message ?? null).toBeNull();
    expect(col.property).toBe("forward is total, rollback is exact (orders)");
    const [table] = await laws(db, "  drop table orders");
    expect(table.failure?.message ?? null).toBeNull();
    expect(table.tested).toBeGreaterThan(12);
  });

  it("a drop whose rollback loses the values is caught by `rollback is exact` at the drop's line", async () => {
    const units = compiled(migration("  table orders {\n    drop note\n  }"));
    const step = units[1].plan.steps[0] as { down: readonly string[] | null };
    // The compiler's own rollback re-adds the column and restores it from the stash: take the restore out.
    (step as { down: readonly string[] }).down = step.down!.filter((s) => !s.startsWith("UPDATE"));
    const [r] = await runLaws(db, units, { runs: 20, seed: 5, path: null, rowsPerRun: 5 });
    expect(r.ok).toBe(false);
    expect(r.failure?.law).toBe("rollback is exact");
    expect(r.failure?.origin?.line).toBe(4);
    expect(r.failure?.message).toMatch(/^orders: after rollback the row is/);
  });

  it("a check no generated row can meet: the property says it tested nothing", async () => {
    const units = compileChain([
      makeSourceFile("s/001.kmig", "migration m1 from '0' to '1' {\n  describe 'x'\n  create table pairs {\n    id integer primary key\n    a integer\n    b integer\n    check (a + b = 1000003)\n  }\n}\n"),
      makeSourceFile("s/002.kmig", "migration m2 from '1' to '2' {\n  describe 'y'\n  table pairs {\n    drop b\n  }\n}\n"),
    ]).units;
    const [r] = await runLaws(db, units, { runs: 5, seed: 1, path: null, rowsPerRun: 3 });
    expect(r.ok).toBe(true);
    expect(r.tested).toBe(0);
    expect(r.untested).toMatch(/pairs_check/);
  });
});
