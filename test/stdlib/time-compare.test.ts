import fc from "fast-check";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scalar, type ScalarName } from "../../core/types.js";
import { rt } from "../../runtime/js-runtime.js";
import { connectTestDb } from "./support/pg.js";
import { dateArb, intervalArb, timeArb, timestampArb, timestamptzArb } from "./support/time-arbitraries.js";

/**
 * Comparisons of dates, times and intervals in JavaScript (`rt.compare` with the operands' types)
 * agree with PostgreSQL's operators: by value, not text (`1 mon` = `30 days`, BC before AD,
 * infinity last), dates, timestamps and timestamptz with one another.
 */
const ARBS: Partial<Record<ScalarName, fc.Arbitrary<string>>> = { date: dateArb, timestamp: timestampArb, timestamptz: timestamptzArb, time: timeArb, interval: intervalArb };
const PAIRS: readonly [ScalarName, ScalarName][] = [
  ["date", "date"],
  ["timestamp", "timestamp"],
  ["timestamptz", "timestamptz"],
  ["date", "timestamp"],
  ["timestamptz", "date"],
  ["timestamp", "timestamptz"],
  ["time", "time"],
  ["interval", "interval"],
];
const OPS = ["==", "!=", "<", "<=", ">", ">="] as const;
const SQL_OP: Record<(typeof OPS)[number], string> = { "==": "=", "!=": "<>", "<": "<", "<=": "<=", ">": ">", ">=": ">=" };

describe("date/time comparisons", () => {
  let db: pg.Client;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => {
    await db?.end();
  });

  for (const [a, b] of PAIRS) {
    it(`agree with PostgreSQL on ${a} and ${b}`, async () => {
      const same = (ARBS[a] as fc.Arbitrary<string>).map((x) => [x, x] as const);
      const pair = fc.oneof(fc.tuple(ARBS[a] as fc.Arbitrary<string>, ARBS[b] as fc.Arbitrary<string>), a === b ? same : fc.tuple(ARBS[a] as fc.Arbitrary<string>, ARBS[b] as fc.Arbitrary<string>));
      const equalIntervals = fc.constantFrom(["1 mon", "30 days"], ["1 day", "24:00:00"], ["-1 mons +30 days", "00:00:00"]);
      const cases = fc.array(a === "interval" ? fc.oneof(pair, equalIntervals) : pair, { minLength: 1, maxLength: 30 });
      await fc.assert(
        fc.asyncProperty(cases, async (batch) => {
          const columns = batch.flatMap(([x, y], i) => OPS.map((op, k) => `($${2 * i + 1}::${a} ${SQL_OP[op]} $${2 * i + 2}::${b}) AS c${i}_${k}`));
          const { rows } = await db.query<Record<string, boolean>>(`SELECT ${columns.join(", ")}`, batch.flat());
          batch.forEach(([x, y], i) =>
            OPS.forEach((op, k) => {
              const js = rt.compare(op, x, y, false, [scalar(a), scalar(b)]);
              expect(js, `${x}::${a} ${op} ${y}::${b}`).toBe(rows[0][`c${i}_${k}`]);
            }),
          );
        }),
        { numRuns: Number(process.env.KMIG_PROPERTY_RUNS ?? 25) },
      );
    });
  }
});
