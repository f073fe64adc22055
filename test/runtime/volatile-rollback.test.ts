import { beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { runCli } from "../support/cli.js";
import { freshServer, resetDatabase, sharedPglite } from "./support/engines.js";
import { applyAll, rollbackLast, runErrorOf } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";
import { specFolder, type SpecFolder } from "./support/specs.js";

const BASE = `baseline shop version '1.0.0' {
  create table reviews {
    id     integer primary key
    review text
    score  integer?
  }
}
`;

/** Mappings that give another value on every evaluation: an overwritten column and an added one. */
const VOLATILE = `migration m1 from '1.0.0' to '1.1.0' {
  describe 'mappings calling volatile functions'
  table reviews {
    review := review || '-' || to_text(gen_random_uuid())
    score  := score ?? to_int(random() * 1000)
    add token uuid := gen_random_uuid()
  }
}
`;

async function migrated(db: Db): Promise<{ spec: SpecFolder; before: unknown }> {
  const spec = specFolder({ "000_base.kmig": BASE, "001_m1.kmig": VOLATILE });
  await applyAll(db, spec.plans, { to: "1.0.0" });
  await db.exec(`INSERT INTO "reviews" SELECT g, 'review ' || g, CASE WHEN g % 3 = 0 THEN NULL ELSE g END FROM generate_series(1, 250) AS g`);
  const before = await snapshotDb(db);
  await applyAll(db, spec.plans, { batch: { batchSize: 40, pauseMs: 0 } });
  return { spec, before };
}

/**
 * Issue 11 item 4 (rollback): the changed-since check of a backfill compares each row with what the
 * migration wrote, never evaluates a mapping again: `gen_random_uuid()` and `random()` would give
 * other values, and every row would look changed.
 */
async function rollsBackPlainly(db: Db): Promise<void> {
  const { spec, before } = await migrated(db);
  try {
    const r = await rollbackLast(db, spec.plans);
    expect(r.rolledBack).toEqual(["m1"]);
    expect(r.losses).toEqual([]);
    expect(await snapshotDb(db)).toEqual(before);
    // Nothing of the migration is left in kmig's schema.
    expect((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_tables WHERE schemaname = 'kmig' AND tablename LIKE 'stash__%'`)).rows[0].n).toBe("0");
  } finally {
    spec.remove();
  }
}

async function namesTheChangedRows(db: Db): Promise<void> {
  const { spec } = await migrated(db);
  try {
    await db.exec(`UPDATE "reviews" SET "review" = 'edited by hand' WHERE "id" IN (7, 8); UPDATE "reviews" SET "token" = gen_random_uuid() WHERE "id" = 9;`);
    const after = await snapshotDb(db);
    const e = await runErrorOf(rollbackLast(db, spec.plans));
    expect(e.code).toBe("K9301");
    expect(e.message).toContain("3 rows of reviews whose review, score, token were changed after the migration");
    expect(await snapshotDb(db)).toEqual(after);
  } finally {
    spec.remove();
  }
}

describe("rolling back mappings that call volatile functions (PostgreSQL server)", () => {
  const server = freshServer();

  it("plain rollback: no K9301, every row exactly as before", () => rollsBackPlainly(server.db()));

  it("rows really changed since are still counted (and only those), and nothing is changed", () => namesTheChangedRows(server.db()));

  it("through the CLI: `kmig rollback` without --accept-data-loss exits 0", async () => {
    const { spec, before } = await migrated(server.db());
    try {
      const r = runCli(["rollback", spec.dir, "--db", server.testDb().url]);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      expect(r.stdout).toContain("rolled back m1");
      expect(await snapshotDb(server.db())).toEqual(before);
    } finally {
      spec.remove();
    }
  });
});

describe("rolling back mappings that call volatile functions (PGlite)", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));

  it("plain rollback: no K9301, every row exactly as before", () => rollsBackPlainly(pglite.db()));

  it("rows really changed since are still counted (and only those), and nothing is changed", () => namesTheChangedRows(pglite.db()));
});
