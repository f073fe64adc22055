import { readFileSync } from "node:fs";
import { afterAll, beforeEach, describe, expect, it } from "vitest";
import { baseline } from "../../runtime/baseline.js";
import { SILENT } from "../../runtime/events.js";
import { runCli } from "../support/cli.js";
import { KEIKO_FIXTURES } from "../support/spec-chain.js";
import { pgliteDb, postgresDb, resetDatabase, sharedPglite } from "./support/engines.js";
import { createKeikoV1, expectKeikoRows, expectKeikoSchema, KEIKO_SPEC, keikoPlans, keikoRows, migrationDate } from "./support/keiko.js";
import { applyAll, rollbackLast } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";

describe("Keiko v1.9 → v2.0 on the embedded PGlite", () => {
  const pglite = sharedPglite();
  beforeEach(() => resetDatabase(pglite.db()));

  it("through the library: every row equals the oracle, rollback restores v1 byte for byte", async () => {
    const db = pglite.db();
    await createKeikoV1(db, 77, { users: 10, agents: 20, tasks: 400 });
    const plans = keikoPlans();
    await baseline(db, plans, null, 5000, SILENT);
    const v1 = await snapshotDb(db);
    const v1Rows = await keikoRows(db);
    await applyAll(db, plans, { batch: { batchSize: 64, pauseMs: 0 } });
    expectKeikoRows(await keikoRows(db), v1Rows, await migrationDate(db));
    await expectKeikoSchema(db);
    await rollbackLast(db, plans);
    expect(await snapshotDb(db)).toEqual(v1);
  });
});

/**
 * The newcomer's command: `kmig apply specs/keiko --fixtures` on an empty embedded database creates
 * the baseline from the spec, loads the fixtures and migrates. The baseline kmig creates must be
 * the v1 schema itself: compared, with the fixtures' rows, to specs/keiko/reference/v1-schema.sql on the server.
 */
describe("kmig apply --fixtures on an empty embedded database", () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups) await c();
  });

  it("creates the baseline, loads specs/keiko/fixtures, applies; rollback gives the v1 schema and sample back", async () => {
    const server = await postgresDb();
    const embedded = await pgliteDb();
    cleanups.push(server.drop, embedded.drop);
    const reference = await server.open();
    await reference.exec(readFileSync(`${KEIKO_FIXTURES}../reference/v1-schema.sql`, "utf8"));
    await reference.exec(readFileSync(`${KEIKO_SPEC}/fixtures/v1-sample.sql`, "utf8"));
    const v1 = await snapshotDb(reference);
    const v1Rows = await keikoRows(reference);
    await reference.close();

    const applied = runCli(["apply", KEIKO_SPEC, "--fixtures", "--db", embedded.url], { timeoutMs: 180_000 });
    expect(applied.stderr).toBe("");
    expect(applied.status).toBe(0);
    expect(applied.stdout).toContain("empty database: creating baseline keiko_v1");
    expect(applied.stdout).toContain("applied keiko_v2");
    let db = await embedded.open();
    expectKeikoRows(await keikoRows(db), v1Rows, await migrationDate(db));
    await expectKeikoSchema(db);
    await db.close();

    expect(runCli(["rollback", KEIKO_SPEC, "--db", embedded.url], { timeoutMs: 180_000 }).status).toBe(0);
    db = await embedded.open();
    const after = await snapshotDb(db);
    await db.close();
    // kmig's ledger differs (kmig created the baseline there); the user's schema and rows do not.
    expect({ ...after, kmig: null }).toEqual({ ...v1, kmig: null });
  });
});
