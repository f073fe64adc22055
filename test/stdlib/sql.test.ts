import fc from "fast-check";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Type } from "../../core/types.js";
import { BUILTINS } from "../../stdlib/index.js";
import { bindArgs, isAtomic, sqlString } from "../../stdlib/support/sql.js";
import { textArb } from "./support/arbitraries.js";
import { connectTestDb } from "./support/pg.js";
import { T } from "./support/types.js";

let db: pg.Client;
beforeAll(async () => {
  db = await connectTestDb();
});
afterAll(async () => {
  await db?.end();
});

describe("sqlString", () => {
  it("reads back as the same text on PostgreSQL", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(textArb, { minLength: 1, maxLength: 30 }), async (texts) => {
        const { rows } = await db.query(`SELECT ${texts.map((s, i) => `${sqlString(s)}::text AS t${i}`).join(", ")}`);
        texts.forEach((s, i) => expect(rows[0][`t${i}`]).toBe(s));
      }),
      { numRuns: 20 },
    );
  });
});

describe("isAtomic", () => {
  it("accepts columns, parameters and literals, and nothing that computes", () => {
    for (const sql of ["c.a0", '"Weird ""name"""."x"', "$1", "$1::jsonb", "'it''s'::text", "-12.5", "NULL", "(t.status)"]) {
      expect(isAtomic(sql), sql).toBe(true);
    }
    for (const sql of ["(SELECT c.a0)", "a + b", "f(x)", "'a' || 'b'", "x -> 'k'", "(a)::jsonb -> 0", "random()", "(a) OR (b)"]) {
      expect(isAtomic(sql), sql).toBe(false);
    }
  });
  it("repeats short arguments in place and binds volatile or long ones in one subquery", () => {
    expect(bindArgs(["c.a0", "f(x)"], ([a, b]) => `${a} + ${b} + ${b}`)).toBe("(c.a0) + (f(x)) + (f(x))");
    expect(bindArgs(["gen_random_uuid()", "c.a1"], ([a, b]) => `${a} + ${b}`)).toBe(
      "(SELECT kmig_bound.kmig_arg0 + kmig_bound.kmig_arg1 FROM (SELECT (gen_random_uuid()) AS kmig_arg0, (c.a1) AS kmig_arg1) AS kmig_bound)",
    );
    const long = `f(${"x, ".repeat(100)}x)`;
    expect(bindArgs([long], ([a]) => `${a} + ${a}`)).toBe(
      `(SELECT kmig_bound.kmig_arg0 + kmig_bound.kmig_arg0 FROM (SELECT (${long}) AS kmig_arg0) AS kmig_bound)`,
    );
  });
});

describe("SQL lowerings", () => {
  // A volatile argument (nextval on a session-local temporary sequence) that reads a column must run
  // once per call and row, even where a lowering reads its argument several times.
  const calls: [string, readonly Type[], (count: string) => readonly string[]][] = [
    ["length", [T.json], (n) => [`jsonb_build_array(${n})`]],
    ["json_get", [T.json, T.integer], (n) => [`jsonb_build_array(${n})`, "0"]],
    ["merge", [T.json, T.json], (n) => [`jsonb_build_object('a', ${n})`, `jsonb_build_object('b', ${n})`]],
    ["distinct", [T.json], (n) => [`jsonb_build_array(${n}, ${n})`]],
    ["sort", [T.json], (n) => [`jsonb_build_array(${n})`]],
    ["to_int", [T.json], (n) => [`to_jsonb(${n})`]],
    ["to_int", [T.text], (n) => [`(${n})::text`]],
    ["to_int", [T.bigint], (n) => [n]],
    ["to_number", [T.json], (n) => [`to_jsonb(${n})`]],
    ["default", [T.jsonN, T.json], (n) => [`to_jsonb(${n})`, "'{}'::jsonb"]],
    ["truthy", [T.json], (n) => [`to_jsonb(${n})`]],
  ];
  for (const [name, types, args] of calls) {
    it(`${name}(${types.length} args) evaluates a volatile argument once`, async () => {
      const fn = BUILTINS.get(name);
      if (!fn) throw new Error(`no ${name}`);
      await db.query("CREATE TEMPORARY SEQUENCE IF NOT EXISTS kmig_calls; SELECT setval('kmig_calls', 1, false)");
      const perRowCall = "(nextval('kmig_calls') + 0 * g.n)";
      await db.query(`SELECT (${fn.sql(args(perRowCall), types)})::text FROM generate_series(1, 3) AS g(n)`);
      const { rows } = await db.query<{ calls: string }>("SELECT currval('kmig_calls') AS calls");
      // merge and distinct name their argument twice on purpose: two calls per row, three rows.
      const perRow = name === "merge" || name === "distinct" ? 2 : 1;
      expect(Number(rows[0].calls)).toBe(3 * perRow);
    });
  }
});
