import type pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import type { Db } from "../../../runtime/db/connection.js";
import { connect, createTestDatabase } from "../../support/pg.js";
import { pgliteDb, type TestDb } from "../../runtime/support/engines.js";
import { checkRoundTrip, type OpCase } from "./round-trip.js";

/** A connection to this test file's own database, open while its tests run. */
export function useDatabase(): () => pg.Client {
  let db: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  let c: pg.Client | undefined;
  beforeAll(async () => {
    db = await createTestDatabase("kmig_ops");
    c = await connect(db.url);
  });
  afterAll(async () => {
    await c?.end();
    await db?.drop();
  });
  return () => {
    if (!c) throw new Error("the database is not connected yet");
    return c;
  };
}

/** An embedded PGlite database of this test file's own, open while its tests run. */
export function usePglite(): () => Db {
  let t: TestDb | undefined;
  let db: Db | undefined;
  beforeAll(async () => {
    t = await pgliteDb();
    db = await t.open();
  }, 180_000);
  afterAll(async () => {
    await db?.close();
    await t?.drop();
  });
  return () => {
    if (!db) throw new Error("the PGlite database is not open yet");
    return db;
  };
}

/** Which engines a suite runs on: the server always; PGlite too for the constructs that ask for it. */
export interface SuiteOptions {
  /** Runs of each case on PGlite (0: not on PGlite). Fewer than on the server: PGlite is slower. */
  readonly pgliteRuns?: number;
}

/** One `it` per case, each checking rollback∘apply = identity (and the case's after-state) on generated rows. */
export function opSuite(title: string, cases: readonly OpCase[], options: SuiteOptions = {}): void {
  describe(title, () => {
    const db = useDatabase();
    for (const k of cases) it(k.name, () => checkRoundTrip(db(), k));
  });
  const pgliteRuns = options.pgliteRuns ?? 0;
  if (pgliteRuns > 0) {
    describe(`${title} (PGlite)`, () => {
      const db = usePglite();
      for (const k of cases) it(k.name, () => checkRoundTrip(db(), k, Math.min(pgliteRuns, k.runs ?? pgliteRuns)), 60_000);
    });
  }
}
