import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseline } from "../../runtime/baseline.js";
import type { Db } from "../../runtime/db/connection.js";
import { SILENT } from "../../runtime/events.js";
import { runCli } from "../support/cli.js";
import { postgresDb, type TestDb } from "./support/engines.js";
import { createKeikoV1, expectKeikoRows, expectKeikoSchema, KEIKO_SPEC, keikoPlans, keikoRows, migrationDate } from "./support/keiko.js";
import { applyAll, recorder, rollbackLast } from "./support/run.js";
import { snapshotDb } from "./support/snapshot.js";

/** The reference run on the PostgreSQL server: baseline, apply, the contract row by row, rollback to v1 exactly. */
describe("Keiko v1.9 → v2.0 on the PostgreSQL server", () => {
  let t: TestDb;
  let db: Db;
  beforeEach(async () => {
    t = await postgresDb();
    db = await t.open();
    await createKeikoV1(db, 9001, { users: 30, agents: 60, tasks: 1500 });
  });
  afterEach(async () => {
    await db?.close();
    await t?.drop();
  });

  it("through the library: every row equals the oracle, the schema is the contract's, rollback restores v1 byte for byte", async () => {
    const plans = keikoPlans();
    await baseline(db, plans, null, 5000, SILENT);
    const v1 = await snapshotDb(db);
    const v1Rows = await keikoRows(db);
    // Small batches: the backfills run in many keyset batches, as on a big table.
    const count = async (table: string) => Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${table}"`)).rows[0].n);
    const rows = { tasks: await count("tasks"), agents: await count("agents") };
    const events = recorder();
    expect((await applyAll(db, plans, { batch: { batchSize: 97, pauseMs: 0 } }, events)).applied).toEqual(["keiko_v2"]);
    // Progress counts every row once, against the table's row count from the first batch on.
    const progress = (table: string) => events.events.flatMap((e) => (e.type === "backfill-progress" && e.step === plans[1].steps.find((s) => s.kind === "backfill" && s.table === table)?.id ? [[e.done, e.total]] : []));
    expect(progress("tasks").at(-1)).toEqual([rows.tasks, rows.tasks]);
    expect(new Set(progress("tasks").map(([, total]) => total))).toEqual(new Set([rows.tasks]));
    expect(progress("tasks")).toHaveLength(Math.ceil(rows.tasks / 97));
    expect(progress("agents").at(-1)).toEqual([rows.agents, rows.agents]);
    expectKeikoRows(await keikoRows(db), v1Rows, await migrationDate(db));
    await expectKeikoSchema(db);
    expect((await rollbackLast(db, plans)).rolledBack).toEqual(["keiko_v2"]);
    expect(await snapshotDb(db)).toEqual(v1);
  });

  it("through the CLI: baseline, apply, status, rollback", async () => {
    await db.close();
    const v1Db = await t.open();
    const v1Rows = await keikoRows(v1Db);
    await v1Db.close();
    const run = (...args: string[]) => runCli([args[0], KEIKO_SPEC, "--db", t.url, ...args.slice(1)]);
    expect(run("baseline").status).toBe(0);
    db = await t.open();
    const v1 = await snapshotDb(db);
    const applied = run("apply", "--batch-size", "200");
    expect(applied.stderr).toBe("");
    expect(applied.status).toBe(0);
    expect(applied.stdout).toContain("applied keiko_v2");
    expectKeikoRows(await keikoRows(db), v1Rows, await migrationDate(db));
    await expectKeikoSchema(db);
    const status = run("status");
    expect(status.status).toBe(0);
    expect(status.stdout).toMatch(/✓ keiko_v2 +2\.0\.0 +applied/);
    expect(status.stdout).toContain("no schema drift");
    const rolled = run("rollback");
    expect(rolled.status).toBe(0);
    expect(rolled.stdout).toContain("rolled back keiko_v2");
    expect(await snapshotDb(db)).toEqual(v1);
  });
});
