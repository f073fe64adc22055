import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../runtime/db/open.js";
import { readCitusTopology } from "../../runtime/citus/topology.js";
import type { Db } from "../../runtime/db/connection.js";
import { createTestDatabase } from "../support/pg.js";
import { CITUS_BASE, CITUS_SKIP_REASON, createCitusDatabase } from "./support/citus.js";

describe.skipIf(!CITUS_BASE)(`Citus topology${CITUS_BASE ? "" : ` (skipped: ${CITUS_SKIP_REASON})`}`, () => {
  let cluster: Awaited<ReturnType<typeof createCitusDatabase>>;
  let db: Db;
  beforeAll(async () => {
    cluster = await createCitusDatabase();
    db = await openDb(cluster.url);
    await db.exec(`
      CREATE TABLE users (id bigint PRIMARY KEY, name text);
      CREATE TABLE tasks (id uuid PRIMARY KEY, user_id bigint, title text);
      CREATE TABLE notes (id int, task_id uuid, PRIMARY KEY (task_id, id));
      SELECT create_reference_table('users');
      SELECT create_distributed_table('tasks', 'id', shard_count => 8);
      SELECT create_distributed_table('notes', 'task_id', colocate_with => 'none', shard_count => 4);
    `);
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await cluster?.drop();
  });

  it("reads each table's kind, distribution column, colocation and shard count on the coordinator", async () => {
    const t = await readCitusTopology(db);
    expect(t?.role).toBe("coordinator");
    expect(t?.coordinator).toMatch(/:\d+$/);
    expect(t?.tables.get("public.users")).toMatchObject({ kind: "reference", column: null, shardCount: 1 });
    expect(t?.tables.get("public.tasks")).toMatchObject({ kind: "distributed", column: "id", shardCount: 8 });
    expect(t?.tables.get("public.notes")).toMatchObject({ kind: "distributed", column: "task_id", shardCount: 4 });
    expect(t?.tables.get("public.notes")?.colocationId).not.toBe(t?.tables.get("public.tasks")?.colocationId);
  });

  it("knows a worker for one, and names the coordinator", async () => {
    const w = await openDb(cluster.workers[0]);
    try {
      const t = await readCitusTopology(w);
      expect(t?.role).toBe("worker");
      expect(t?.coordinator).toBe((await readCitusTopology(db))?.coordinator);
    } finally {
      await w.close();
    }
  });
});

describe("Citus topology without Citus", () => {
  it("is null on a plain PostgreSQL database", async () => {
    const d = await createTestDatabase();
    const db = await openDb(d.url);
    try {
      expect(await readCitusTopology(db)).toBeNull();
    } finally {
      await db.close();
      await d.drop();
    }
  });
});
