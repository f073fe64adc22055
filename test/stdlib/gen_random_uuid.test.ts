import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gen_random_uuid } from "../../stdlib/gen_random_uuid.js";
import { connectTestDb } from "./support/pg.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("gen_random_uuid", () => {
  let db: pg.Client;
  beforeAll(async () => {
    db = await connectTestDb();
  });
  afterAll(async () => {
    await db?.end();
  });

  it("gives a new version-4 UUID per call in JavaScript", () => {
    const a = gen_random_uuid.js([], []);
    expect(a).toMatch(UUID_V4);
    expect(gen_random_uuid.js([], [])).not.toBe(a);
  });

  it("gives a new version-4 UUID per row on PostgreSQL", async () => {
    const { rows } = await db.query(`SELECT (${gen_random_uuid.sql([], [])})::text AS u FROM generate_series(1, 3)`);
    for (const r of rows) expect(r.u).toMatch(UUID_V4);
    expect(new Set(rows.map((r) => r.u)).size).toBe(3);
  });
});
