import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import type { Plan } from "../../core/plan.js";
import { agentV2, taskV2, userV2 } from "../support/keiko-oracle.js";
import { insertGeneratedV1 } from "../support/keiko-data.js";
import { connect, createTestDatabase, snapshotData, snapshotSchema } from "../support/pg.js";
import { compileFolder, KEIKO_FIXTURES } from "../support/spec-chain.js";

const RUN_AT = "2026-11-25 12:00:00+00";
const TABLES_V1 = ["users", "agents", "tasks"];

/** The compiled plans' own SQL, run with plain `pg` calls: up gives the contract's v2, down gives v1 back. */
describe("specs/keiko compiled SQL on PostgreSQL", () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let c: pg.Client;
  let plan: Plan;
  beforeAll(async () => {
    const chain = compileFolder("specs/keiko");
    expect(chain.diagnostics.filter((d) => d.severity === "error").map((d) => d.message)).toEqual([]);
    plan = chain.units[1].plan;
    db = await createTestDatabase();
    c = await connect(db.url);
    await c.query(readFileSync(`${KEIKO_FIXTURES}../reference/v1-schema.sql`, "utf8"));
    await c.query(readFileSync(`${KEIKO_FIXTURES}v1-sample.sql`, "utf8"));
    await insertGeneratedV1(c, 4242);
  });
  afterAll(async () => {
    await c?.end();
    await db?.drop();
  });

  it("applies up, matches the contract row by row, and rolls back to v1 exactly", async () => {
    const schemaV1 = await snapshotSchema(c);
    const dataV1 = await snapshotData(c, TABLES_V1);
    await c.query(`SET kmig.run_at = '${RUN_AT}'`);
    for (const step of plan.steps) for (const sql of step.up) await c.query(sql);

    const migrationDate = (await c.query(`SELECT to_jsonb('${RUN_AT}'::timestamptz)::text AS d`)).rows[0].d as string;
    const parse = (rows: unknown[]) => rows.map((r) => JSON.parse(r as string) as Record<string, unknown>);
    const v1 = Object.fromEntries(Object.entries(dataV1).map(([t, rows]) => [t, parse(rows)]));
    const v2 = Object.fromEntries(Object.entries(await snapshotData(c, TABLES_V1)).map(([t, rows]) => [t, parse(rows)]));
    expect(v2.tasks).toEqual(v1.tasks.map(taskV2));
    expect(v2.agents).toEqual(v1.agents.map((a) => agentV2(a, JSON.parse(migrationDate))));
    expect(v2.users).toEqual(v1.users.map(userV2));
    const indexes = (await c.query("SELECT indexname FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1")).rows.map((r) => r.indexname);
    for (const name of ["idx_users_role", "idx_users_last_login", "idx_agents_capabilities", "idx_agents_version", "idx_tasks_priority", "idx_tasks_timeout", "idx_audit_logs_user_action", "idx_audit_logs_resource", "idx_audit_logs_created_at", "idx_tasks_user", "idx_tasks_agent"]) {
      expect(indexes).toContain(name);
    }
    const gin = (await c.query("SELECT indexdef FROM pg_indexes WHERE indexname = 'idx_agents_capabilities'")).rows[0].indexdef as string;
    expect(gin).toContain("USING gin");

    for (const step of [...plan.steps].reverse()) {
      expect(step.down, `${step.summary} has a down`).not.toBeNull();
      for (const sql of step.down ?? []) await c.query(sql);
    }
    expect(await snapshotSchema(c)).toEqual(schemaV1);
    expect(await snapshotData(c, TABLES_V1)).toEqual(dataV1);
    const leftovers = await c.query("SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'kmig'");
    expect(Number(leftovers.rows[0].n)).toBe(0);
  });
});
