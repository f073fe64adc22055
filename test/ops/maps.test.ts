import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { OpCase, ParsedRows } from "./support/round-trip.js";
import { compileCase, plansOf } from "./support/spec.js";
import { opSuite, useDatabase } from "./support/suite.js";
import { CLOSED_MAP_SQLSTATE, ENSURE_CLOSED_MAP_FUNCTION } from "../../core/closed-map.js";

const TASKS = `
  create table tasks {
    id        integer      primary key
    status    varchar(20)?
    plan      text
    done      boolean?
    metadata  jsonb?
  }`;

const STATUS = fc.option(fc.constantFrom("created", "queued", "running", "finished", "failed", "cancelled", "FINISHED", " running", "", "ünï"), { nil: null });
const PLAN = fc.constantFrom("free", "pro", "team");
const VALUES = { "tasks.status": STATUS, "tasks.plan": PLAN };

const TASK_STATUS = `
  map task_status: text -> text {
    created, queued -> pending
    running         -> running
    finished        -> completed
    failed          -> failed
    cancelled       -> cancelled
    else            -> pending
    KEEP
  }`;

const forward: Record<string, string> = { created: "pending", queued: "pending", running: "running", finished: "completed", failed: "failed", cancelled: "cancelled" };
const statusMap = (keep: string) => TASK_STATUS.replace("KEEP", keep);
const mapStatus = (s: unknown) => (typeof s === "string" && s in forward ? forward[s] : "pending");

/** Rollback through `reverse pending -> created`: each output back to its chosen input. */
const backward: Record<string, string> = { pending: "created", running: "running", completed: "finished", failed: "failed", cancelled: "cancelled" };
const reverseChosen = (before: ParsedRows): ParsedRows => ({ ...before, tasks: before.tasks.map((t) => ({ ...t, status: backward[mapStatus(t.status)] })) });

const CASES: OpCase[] = [
  {
    name: "a one-to-one closed map reverses by itself: no stash",
    baseline: TASKS,
    values: VALUES,
    migrations: ["map plan_tier closed {\n  free -> basic\n  pro -> professional\n  team -> business\n}\ntable tasks {\n  plan := plan_tier(plan)\n}"],
    steps: ["backfill:reversible"],
    after: ({ before, after, catalog }) => {
      expect(catalog.kmigTables).toEqual([]);
      const tier: Record<string, string> = { free: "basic", pro: "professional", team: "business" };
      expect(after.tasks.map((t) => t.plan)).toEqual(before.tasks.map((t) => tier[t.plan as string]));
    },
  },
  {
    name: "a many-to-one map with else: the stash keeps exactly the originals the inverse gets wrong",
    baseline: TASKS,
    values: VALUES,
    migrations: [`${statusMap("")}\ntable tasks {\n  status := task_status(status)\n}`],
    steps: ["backfill:stash"],
    after: async ({ c, before, after }) => {
      expect(after.tasks.map((t) => t.status)).toEqual(before.tasks.map((t) => mapStatus(t.status)));
      const kept = Number((await c.query(`SELECT count(*) AS n FROM kmig."stash__m1__tasks" WHERE status__kept`)).rows[0].n);
      const firstInput: Record<string, string> = { pending: "created", running: "running", completed: "finished", failed: "failed", cancelled: "cancelled" };
      expect(kept).toBe(before.tasks.filter((t) => firstInput[mapStatus(t.status)] !== t.status).length);
    },
  },
  {
    name: "a many-to-one map with a declared reverse choice: lossy, rollback follows the choice",
    baseline: TASKS,
    values: VALUES,
    migrations: [`${statusMap("reverse pending -> created")}\ntable tasks {\n  status := task_status(status)\n}`],
    steps: ["backfill:lossy"],
    rolledBack: reverseChosen,
  },
  {
    name: "keep original in: the row keeps the input, rollback reads it back exactly",
    baseline: TASKS,
    values: VALUES,
    migrations: [`${statusMap("keep original in meta.original_status")}\ntable tasks {\n  status := task_status(status)\n  add meta jsonb? default {} := { migrated: true, original_status: status }\n}`],
    steps: ["add-column:reversible", "backfill:reversible"],
    after: ({ before, after, catalog }) => {
      expect(catalog.kmigTables).toEqual([]);
      expect(after.tasks.map((t) => (t.meta as Record<string, unknown>).original_status)).toEqual(before.tasks.map((t) => t.status));
    },
  },
  {
    name: "a map over booleans listing true, false and null is total",
    baseline: TASKS,
    values: VALUES,
    migrations: ["map yes_no {\n  true -> yes\n  false -> no\n  null -> unknown\n}\ntable tasks {\n  add answer text := yes_no(done)\n}"],
    steps: ["add-column:reversible", "backfill:reversible", "add-constraint:reversible", "validate-constraint:reversible", "set-not-null:reversible"],
    after: ({ before, after }) => {
      expect(after.tasks.map((t) => t.answer)).toEqual(before.tasks.map((t) => (t.done === null ? "unknown" : t.done ? "yes" : "no")));
    },
  },
  {
    name: "a map from integers to text, closed and one-to-one",
    baseline: "create table accounts {\n  id integer primary key\n  tier integer\n}",
    values: { "accounts.tier": fc.constantFrom(0, 1, 2) },
    migrations: ["map tier_name: integer -> text closed {\n  0 -> free\n  1 -> pro\n  2 -> team\n}\ntable accounts {\n  alter tier type text using tier_name(tier)\n}"],
    steps: ["alter-type:stash"],
  },
];

opSuite("status maps on PostgreSQL", CASES);

describe("a closed map meeting a value it does not list", () => {
  const db = useDatabase();
  it("stops the run instead of writing NULL", async () => {
    const k = { baseline: TASKS, migrations: ["map plan_tier closed {\n  free -> basic\n  pro -> professional\n}\ntable tasks {\n  status := plan_tier(status)\n}"] };
    const { baseline, migrations } = plansOf(compileCase(k));
    const c = db();
    await c.query("BEGIN");
    try {
      await c.query(ENSURE_CLOSED_MAP_FUNCTION);
      for (const s of baseline.steps) for (const sql of s.up) await c.query(sql);
      await c.query("INSERT INTO tasks (id, status, plan) VALUES (1, 'free', 'free'), (2, 'team', 'team')");
      const up = async () => {
        for (const s of migrations[0].steps) for (const sql of s.up) await c.query(sql);
      };
      await expect(up()).rejects.toMatchObject({ code: CLOSED_MAP_SQLSTATE, message: "kmig: the closed map plan_tier does not list 'team'" });
    } finally {
      await c.query("ROLLBACK");
    }
  });
});
