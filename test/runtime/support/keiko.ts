import { readFileSync } from "node:fs";
import type pg from "pg";
import { expect } from "vitest";
import type { Db } from "../../../runtime/db/connection.js";
import type { Plan } from "../../../core/plan.js";
import { insertGeneratedV1 } from "../../support/keiko-data.js";
import { agentV2, taskV2, userV2 } from "../../support/keiko-oracle.js";
import { KEIKO_FIXTURES } from "../../support/spec-chain.js";
import { compile } from "./specs.js";

export const KEIKO_SPEC = "specs/keiko";
export const keikoPlans = (): Plan[] => compile(KEIKO_SPEC);
const TABLES = ["users", "agents", "tasks"] as const;

type Row = Record<string, unknown>;
export type KeikoRows = Record<(typeof TABLES)[number], Row[]>;

/** A Keiko v1.9 database: the shared schema and sample, plus generated awkward rows. */
export async function createKeikoV1(db: Db, seed: number, counts = { users: 20, agents: 40, tasks: 300 }): Promise<void> {
  await db.exec(readFileSync(`${KEIKO_FIXTURES}../reference/v1-schema.sql`, "utf8"));
  await db.exec(readFileSync(`${KEIKO_FIXTURES}v1-sample.sql`, "utf8"));
  // keiko-data only calls query(sql, params): the runtime's Db answers it on either engine.
  await insertGeneratedV1({ query: (sql: string, params: unknown[]) => db.query(sql, params) } as unknown as pg.Client, seed, counts);
}

/**
 * A bigger Keiko v1.9 database, quickly: the generated tasks copied `copies` times under new ids
 * (generating each row through fast-check costs about a millisecond per value).
 */
export async function createBigKeikoV1(db: Db, seed: number, copies: number): Promise<void> {
  await createKeikoV1(db, seed, { users: 20, agents: 60, tasks: 300 });
  await db.query(
    `INSERT INTO tasks (id, user_id, agent_id, type, params, status, created_at, started_at, completed_at, timeout, retries)
     SELECT gen_random_uuid(), user_id, agent_id, type, params, status, created_at, started_at, completed_at, timeout, retries
     FROM tasks, generate_series(2, $1::int)`,
    [copies],
  );
}

/** Every row of users, agents and tasks, as JSON objects, by id. */
export async function keikoRows(db: Db): Promise<KeikoRows> {
  const out = {} as KeikoRows;
  for (const t of TABLES) out[t] = (await db.query<{ r: string }>(`SELECT to_jsonb(t)::text AS r FROM "${t}" t ORDER BY id`)).rows.map((r) => JSON.parse(r.r) as Row);
  return out;
}

/** What `now()` read during the migration: the ledger's start time of keiko_v2, as JSON. */
export async function migrationDate(db: Db): Promise<string> {
  const r = await db.query<{ d: string }>(`SELECT to_jsonb("started_at")::text AS d FROM "kmig"."ledger" WHERE "id" = 'keiko_v2'`);
  return JSON.parse(r.rows[0].d) as string;
}

/** The contract (specs/keiko/reference/contract.md): every v2 row as the oracle computes it from its v1 row. */
export function expectKeikoRows(v2: KeikoRows, v1: KeikoRows, date: string): void {
  expect(v2.tasks).toEqual(v1.tasks.map(taskV2));
  expect(v2.agents).toEqual(v1.agents.map((a) => agentV2(a, date)));
  expect(v2.users).toEqual(v1.users.map(userV2));
}

/** The contract's v2 columns (type, NOT NULL, default as PostgreSQL prints them), and v1's gone. */
const V2_COLUMNS: Record<string, string> = {
  "users.role": "character varying(50) DEFAULT 'user'::character varying",
  "users.last_login": "timestamp without time zone",
  "users.preferences": "jsonb DEFAULT '{}'::jsonb",
  "agents.type": "character varying(50)",
  "agents.configuration": "jsonb",
  "agents.capabilities": "jsonb DEFAULT '[]'::jsonb",
  "agents.metadata": "jsonb DEFAULT '{}'::jsonb",
  "agents.version": "character varying(20) DEFAULT '2.0.0'::character varying",
  "tasks.task_type": "character varying(50)",
  "tasks.parameters": "jsonb",
  "tasks.timeout_seconds": "integer DEFAULT 300",
  "tasks.retry_count": "integer DEFAULT 0",
  "tasks.priority": "character varying(20) DEFAULT 'normal'::character varying",
  "tasks.metadata": "jsonb DEFAULT '{}'::jsonb",
  "mcp_servers.name": "character varying(100) NOT NULL",
  "mcp_servers.base_url": "character varying(500) NOT NULL",
  "mcp_servers.auth_config": "jsonb DEFAULT '{}'::jsonb",
  "mcp_servers.status": "character varying(20) DEFAULT 'inactive'::character varying",
  "audit_logs.action": "character varying(100) NOT NULL",
  "audit_logs.ip_address": "inet",
  "audit_logs.details": "jsonb DEFAULT '{}'::jsonb",
};
const V2_INDEXES = ["idx_users_role", "idx_users_last_login", "idx_agents_capabilities", "idx_agents_version", "idx_tasks_priority", "idx_tasks_timeout", "idx_audit_logs_user_action", "idx_audit_logs_resource", "idx_audit_logs_created_at", "idx_tasks_user", "idx_tasks_agent"];

export async function expectKeikoSchema(db: Db): Promise<void> {
  const cols = await db.query<{ c: string; d: string }>(
    `SELECT c.relname || '.' || a.attname AS c, format_type(a.atttypid, a.atttypmod) || CASE WHEN a.attnotnull THEN ' NOT NULL' ELSE '' END || COALESCE(' DEFAULT ' || pg_get_expr(d.adbin, d.adrelid), '') AS d
     FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
     WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped`,
  );
  const actual = new Map(cols.rows.map((r) => [r.c, r.d]));
  for (const [c, d] of Object.entries(V2_COLUMNS)) expect(actual.get(c), c).toBe(d);
  for (const gone of ["agents.agent_type", "agents.config", "tasks.type", "tasks.params", "tasks.timeout", "tasks.retries"]) expect(actual.has(gone), gone).toBe(false);
  const idx = await db.query<{ name: string; def: string }>(`SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE schemaname = 'public'`);
  const names = idx.rows.map((r) => r.name);
  for (const n of V2_INDEXES) expect(names, n).toContain(n);
  expect(idx.rows.find((r) => r.name === "idx_agents_capabilities")?.def).toContain("USING gin");
}
