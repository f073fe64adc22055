import { readFileSync } from "node:fs";
import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../core/plan.js";
import { snapshotCatalog, type Catalog } from "../ops/support/catalog.js";
import { connect, createTestDatabase } from "../support/pg.js";
import { compileFolder, KEIKO_FIXTURES } from "../support/spec-chain.js";

/**
 * The baseline describes the live database exactly: the schema kmig's baseline plan creates is the
 * schema of `v1-schema.sql` (plain SQL, names and defaults chosen by PostgreSQL), catalog for catalog.
 */
describe("specs/keiko baseline on PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let c: pg.Client;
  beforeAll(async () => {
    db = await createTestDatabase();
    c = await connect(db.url);
  });
  afterAll(async () => {
    await c?.end();
    await db?.drop();
  });

  /** The catalog after `build`, in a transaction that is rolled back. */
  async function catalogOf(build: () => Promise<void>): Promise<Catalog> {
    await c.query("BEGIN");
    try {
      await build();
      return await snapshotCatalog(c);
    } finally {
      await c.query("ROLLBACK");
    }
  }

  it("creates the schema v1-schema.sql creates", async () => {
    const chain = compileFolder("specs/keiko");
    expect(chain.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    const baseline: Plan = chain.units[0].plan;
    const fromSql = await catalogOf(() => c.query(readFileSync(`${KEIKO_FIXTURES}../reference/v1-schema.sql`, "utf8")).then(() => undefined));
    const fromKmig = await catalogOf(async () => {
      for (const step of baseline.steps) for (const sql of step.up) await c.query(sql);
    });
    expect(fromKmig).toEqual(fromSql);
  });
});
