import type pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { now } from "../../stdlib/now.js";
import { connectTestDb } from "./support/pg.js";

const TIMESTAMPTZ_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?\+00$/;

describe("now", () => {
  let db: pg.Client;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => {
    await db?.end();
  });
  afterEach(() => {
    delete process.env.KMIG_RUN_AT;
  });

  it("is the run's time on both sides when the run pins it", async () => {
    process.env.KMIG_RUN_AT = "2024-05-01T10:00:00.250Z";
    await db.query("BEGIN");
    try {
      await db.query("SET LOCAL kmig.run_at = '2024-05-01 10:00:00.25+00'");
      const { rows } = await db.query(`SELECT (${now.sql([], [])})::text AS r`);
      expect(rows[0].r).toBe("2024-05-01 10:00:00.25+00");
      expect(now.js([], [])).toBe(rows[0].r);
    } finally {
      await db.query("ROLLBACK");
    }
  });

  it("falls back to the transaction's start time, also after the setting was reset", async () => {
    await db.query("SET kmig.run_at = '2024-05-01 10:00:00+00'; RESET kmig.run_at");
    const { rows } = await db.query(`SELECT (${now.sql([], [])}) = now() AS same`);
    expect(rows[0].same).toBe(true);
  });

  it("gives a timestamptz in the value model's text in JavaScript", () => {
    expect(now.js([], [])).toMatch(TIMESTAMPTZ_TEXT);
    process.env.KMIG_RUN_AT = "not a time";
    expect(now.js([], [])).toMatch(TIMESTAMPTZ_TEXT);
  });
});
