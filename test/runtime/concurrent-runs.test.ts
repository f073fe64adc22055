import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseline } from "../../runtime/baseline.js";
import { openPostgres } from "../../runtime/db/postgres.js";
import { RunError } from "../../runtime/errors.js";
import { SILENT } from "../../runtime/events.js";
import { acquireLock } from "../../runtime/lock.js";
import { runCli } from "../support/cli.js";
import { pgliteDb, postgresDb, type TestDb } from "./support/engines.js";
import { createBigKeikoV1, KEIKO_SPEC, keikoPlans } from "./support/keiko.js";
import { startCli } from "./support/spawn.js";

/**
 * Two `kmig apply` at once: the second waits --lock-timeout for the first, then stops naming it.
 * When the first is killed, its lock goes with it and the next run gets on with the migration.
 */
async function secondRunWaitsThenNamesTheHolder(t: TestDb): Promise<void> {
  const db = await t.open();
  await createBigKeikoV1(db, 5, 3);
  await baseline(db, keikoPlans(), null, 5000, SILENT);
  await db.close();
  const first = startCli(["apply", KEIKO_SPEC, "--db", t.url, "--batch-size", "50", "--pause", "300", "--json"]);
  try {
    await first.waitFor((e) => e.type === "backfill-progress");
    const second = runCli(["apply", KEIKO_SPEC, "--db", t.url, "--lock-timeout", "300"], { timeoutMs: 120_000 });
    expect(second.status).toBe(1);
    expect(second.stderr).toContain("error[K9002]");
    expect(second.stderr, second.stderr).toContain(`kmig apply (pid ${first.child.pid}`);
  } finally {
    first.child.kill("SIGKILL");
  }
  expect((await first.done).signal).toBe("SIGKILL");
  const third = runCli(["apply", KEIKO_SPEC, "--db", t.url, "--lock-timeout", "10000"], { timeoutMs: 180_000 });
  expect(third.stderr).toBe("");
  expect(third.status).toBe(0);
  expect(third.stdout).toContain("resuming keiko_v2");
}

describe("kmig's advisory lock on a server shared by several databases", () => {
  it("names the run holding it in this database, not one in another database", async () => {
    const mine = await postgresDb();
    const other = await postgresDb();
    const [a, b, c] = [await openPostgres(other.url, "other run"), await openPostgres(mine.url, "holding run"), await openPostgres(mine.url, "waiting run")];
    try {
      await acquireLock(a, 1000);
      await acquireLock(b, 1000);
      const e = await acquireLock(c, 100).catch((x: unknown) => x as RunError);
      expect(e).toBeInstanceOf(RunError);
      expect((e as RunError).message).toContain(`holding run (pid ${process.pid})`);
      expect((e as RunError).message).not.toContain("other run");
    } finally {
      for (const x of [a, b, c]) await x.close();
      await mine.drop();
      await other.drop();
    }
  });
});

describe("two concurrent apply runs", () => {
  let t: TestDb | undefined;
  afterEach(async () => {
    await t?.drop();
    t = undefined;
  });

  it("on the PostgreSQL server: the advisory lock names the holding run; a killed run's lock is released", { timeout: 180_000 }, async () => {
    t = await postgresDb();
    await secondRunWaitsThenNamesTheHolder(t);
  });

  it("on PGlite: the folder lock names the holding run; a killed run's lock is taken over", { timeout: 300_000 }, async () => {
    t = await pgliteDb();
    await secondRunWaitsThenNamesTheHolder(t);
  });
});
