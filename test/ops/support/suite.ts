import type pg from "pg";
import { afterAll, beforeAll, describe, it } from "vitest";
import { connect, createTestDatabase } from "../../support/pg.js";
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

/** One `it` per case, each checking rollback∘apply = identity (and the case's after-state) on generated rows. */
export function opSuite(title: string, cases: readonly OpCase[]): void {
  describe(title, () => {
    const db = useDatabase();
    for (const k of cases) it(k.name, () => checkRoundTrip(db(), k));
  });
}
