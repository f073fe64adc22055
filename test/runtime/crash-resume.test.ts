import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { baseline } from "../../runtime/baseline.js";
import type { Db } from "../../runtime/db/connection.js";
import type { PlanImpact } from "../../runtime/impact/types.js";
import { SILENT } from "../../runtime/events.js";
import { runCli } from "../support/cli.js";
import { pgliteDb, postgresDb, type TestDb } from "./support/engines.js";
import { createBigKeikoV1, expectKeikoRows, KEIKO_SPEC, keikoPlans, keikoRows, migrationDate, type KeikoRows } from "./support/keiko.js";
import { rollbackLast } from "./support/run.js";
import { snapshotDb, type DbSnapshot } from "./support/snapshot.js";
import { startCli } from "./support/spawn.js";

/** Kill points are drawn afresh each run; the seed is in every failure message (KMIG_KILL_SEED replays it). */
const SEED = Number(process.env.KMIG_KILL_SEED ?? Date.now() % 1_000_000);
let state = SEED;
const draw = (lo: number, hi: number) => {
  state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
  return lo + (state % (hi - lo + 1));
};

/** 64 agents and 3080 tasks: with --batch-size 50, a run commits 2 batches of agents, then 62 of tasks. */
const BATCHES = 2 + Math.ceil(3080 / 50);
const APPLY = ["--batch-size", "50", "--pause", "20", "--json"];

/** A Keiko v1.9 database with thousands of tasks, recorded as baselined; its v1 state kept for comparison. */
async function keikoAtV1(t: TestDb, seed: number): Promise<{ v1: DbSnapshot; v1Rows: KeikoRows }> {
  const db = await t.open();
  try {
    await createBigKeikoV1(db, seed, 10);
    await baseline(db, keikoPlans(), null, 5000, SILENT);
    return { v1: await snapshotDb(db), v1Rows: await keikoRows(db) };
  } finally {
    await db.close();
  }
}

/** `kmig apply` killed with SIGKILL right after its `batches`-th committed backfill batch. */
async function applyKilledAfter(t: TestDb, batches: number, why: string): Promise<void> {
  const run = startCli(["apply", KEIKO_SPEC, "--db", t.url, ...APPLY]);
  let seen = 0;
  await run.waitFor((e) => e.type === "backfill-progress" && ++seen >= batches);
  run.child.kill("SIGKILL");
  const r = await run.done;
  expect(r.signal, why).toBe("SIGKILL");
}

/** `kmig plan` on the half-done migration: it resumes, and a half-done backfill has exactly the rows not yet done left. */
async function planOfHalfDone(t: TestDb, why: string): Promise<void> {
  const tableOf = new Map(keikoPlans()[1].steps.flatMap((s) => (s.kind === "backfill" ? [[s.id, s.table] as const] : [])));
  const db = await t.open();
  const left: [string, string][] = [];
  for (const p of (await db.query<{ step: string; done: string }>(`SELECT "step", "rows_done"::text AS "done" FROM "kmig"."backfill_progress"`)).rows) {
    const total = (await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM "${tableOf.get(p.step)}"`)).rows[0].n;
    left.push([p.step, String(Number(total) - Number(p.done))]);
  }
  await db.close();
  const r = runCli(["plan", KEIKO_SPEC, "--db", t.url, "--json"], { timeoutMs: 120_000 });
  expect(r.status, `${why}\n${r.stderr}`).toBe(0);
  const impact = JSON.parse(r.stdout) as PlanImpact;
  expect(impact.migrations.map((m) => [m.id, m.state]), why).toEqual([["keiko_v2", "half-done"]]);
  expect(impact.migrations[0].steps.filter((s) => s.status === "resumes").map((s) => [s.id, String(s.rows)]), why).toEqual(left);
}

/** Resumes, then checks each row was transformed exactly once (= the oracle) and that rollback restores v1. */
async function resumeAndCheck(t: TestDb, v1: DbSnapshot, v1Rows: KeikoRows, why: string): Promise<void> {
  await planOfHalfDone(t, why);
  const status = runCli(["status", KEIKO_SPEC, "--db", t.url], { timeoutMs: 120_000 });
  expect(status.stdout, why).toMatch(/keiko_v2 .* half-done \(\d+\/27 steps\)|keiko_v2 .* applied/);
  expect(status.stdout, why).toContain("no schema drift");
  const resumed = runCli(["apply", KEIKO_SPEC, "--db", t.url], { timeoutMs: 180_000 });
  expect(resumed.stderr, why).toBe("");
  expect(resumed.status, why).toBe(0);
  const db: Db = await t.open();
  try {
    expectKeikoRows(await keikoRows(db), v1Rows, await migrationDate(db));
    expect((await db.query(`SELECT * FROM "kmig"."backfill_progress"`)).rows, why).toEqual([]);
    await rollbackLast(db, keikoPlans());
    expect(await snapshotDb(db), why).toEqual(v1);
  } finally {
    await db.close();
  }
}

describe("kill -9 during a backfill, then apply again (PostgreSQL server)", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await postgresDb();
  });
  afterEach(async () => {
    await t?.drop();
  });

  for (const kills of [1, 1, 2]) {
    it(`killed ${kills} time(s) at random batches: every row is transformed exactly once, rollback restores v1`, { timeout: 180_000 }, async () => {
      const { v1, v1Rows } = await keikoAtV1(t, draw(1, 1000));
      // The n-th batch a run commits: a resumed run counts from where it resumed.
      const first = draw(1, BATCHES - 1 - kills);
      const points = kills === 1 ? [first] : [first, draw(1, BATCHES - first - 1)];
      const why = `KMIG_KILL_SEED=${SEED}, killed after batches ${points.join(", ")} of the runs`;
      for (const p of points) await applyKilledAfter(t, p, why);
      await resumeAndCheck(t, v1, v1Rows, why);
    });
  }

  it("killed in the middle of the tasks backfill, then rolled back: v1 exactly, no stash left behind", { timeout: 180_000 }, async () => {
    const { v1 } = await keikoAtV1(t, draw(1, 1000));
    // Past the 2 agents batches and short of the last tasks batch: some tasks batches are committed.
    const point = draw(4, BATCHES - 3);
    const why = `KMIG_KILL_SEED=${SEED}, killed after batch ${point}`;
    await applyKilledAfter(t, point, why);
    const db = await t.open();
    try {
      const progress = (await db.query<{ step: string; done: string }>(`SELECT "step", "rows_done"::text AS "done" FROM "kmig"."backfill_progress" WHERE "last_key" IS NOT NULL`)).rows;
      expect(progress.length, why).toBeGreaterThan(0);
      const r = runCli(["rollback", KEIKO_SPEC, "--db", t.url], { timeoutMs: 120_000 });
      expect(r.stderr, why).toBe("");
      expect(r.status, why).toBe(0);
      expect(await snapshotDb(db), why).toEqual(v1);
    } finally {
      await db.close();
    }
  });
});

describe("kill -9 during a backfill, then apply again (PGlite)", () => {
  let t: TestDb;
  beforeEach(async () => {
    t = await pgliteDb();
  });
  afterEach(async () => {
    await t?.drop();
  });

  it("the embedded database survives the kill, its lock is taken over, and the run resumes exactly", { timeout: 300_000 }, async () => {
    const { v1, v1Rows } = await keikoAtV1(t, draw(1, 1000));
    const point = draw(1, BATCHES - 1);
    const why = `KMIG_KILL_SEED=${SEED}, killed after batch ${point}`;
    await applyKilledAfter(t, point, why);
    await resumeAndCheck(t, v1, v1Rows, why);
  });
});
