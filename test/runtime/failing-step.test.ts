import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Db } from "../../runtime/db/connection.js";
import { runCli } from "../support/cli.js";
import { postgresDb, resetDatabase, sharedPglite, type TestDb } from "./support/engines.js";
import { FAIL_CASES, prepareFailure, type FailCase } from "./support/failing-cases.js";
import { applyAll, runErrorOf } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";

/** The run stops naming the spec line and PostgreSQL's message, and leaves the database exactly as it found it. */
async function expectCleanFailure(db: Db, k: FailCase): Promise<void> {
  const spec = await prepareFailure(db, k);
  try {
    const before = await snapshotDb(db);
    const e = await runErrorOf(applyAll(db, spec.plans, { batch: { batchSize: 100, pauseMs: 0 } }));
    expect(e.code, e.message).toBe("K9101");
    expect(e.origin?.file).toBe(`${spec.dir}/001_v2.kmig`);
    expect(e.origin?.line).toBe(spec.lineOf("001_v2.kmig", k.item.split("\n")[0]));
    expect(e.message).toMatch(k.dbMessage);
    expect(await snapshotDb(db)).toEqual(before);
  } finally {
    spec.remove();
  }
}

describe("a failing step on the PostgreSQL server", () => {
  let t: TestDb;
  let db: Db;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
  });
  afterEach(async () => {
    await db?.close();
    await t?.drop();
  });

  for (const k of FAIL_CASES) it(`${k.name}: stops, names the spec line, changes nothing`, () => expectCleanFailure(db, k));

  it("through the CLI: exit 1, the spec line and the database's message on stderr", async () => {
    const k = FAIL_CASES[2];
    const spec = await prepareFailure(db, k);
    try {
      const before = await snapshotDb(db);
      const r = runCli(["apply", spec.dir, "--db", t.url, "--batch-size", "100"]);
      expect(r.status).toBe(1);
      expect(r.stderr).toContain(`error[K9101]`);
      expect(r.stderr).toContain(`${spec.dir}/001_v2.kmig:${spec.lineOf("001_v2.kmig", "table orders {")}:`);
      expect(r.stderr).toContain("integer out of range");
      expect(await snapshotDb(db)).toEqual(before);
    } finally {
      spec.remove();
    }
  });
});

describe("a failing step on PGlite", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));
  for (const k of [FAIL_CASES[2], FAIL_CASES[6], FAIL_CASES[10]]) it(`${k.name}: stops, names the spec line, changes nothing`, () => expectCleanFailure(pglite.db(), k));
});
