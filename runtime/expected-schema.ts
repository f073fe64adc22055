import type { Db } from "./db/connection.js";
import { snapshotSchema, type SchemaSnapshot } from "./introspect.js";
import type { Plan } from "../core/plan.js";

const SCRATCH = "kmig_expected";

/**
 * The schema the spec says the database has after `plans`: their SQL replayed in a scratch schema
 * inside a transaction that is always rolled back, so PostgreSQL itself normalises every definition.
 */
export async function expectedSchema(db: Db, plans: readonly Plan[]): Promise<SchemaSnapshot> {
  await db.query("BEGIN");
  try {
    await db.query(`CREATE SCHEMA "${SCRATCH}"`);
    await db.query(`SELECT set_config('search_path', '"${SCRATCH}"', true)`);
    for (const p of plans) for (const s of p.steps) for (const sql of s.kind === "backfill" ? [] : s.up) await db.query(sql.replace(/ CONCURRENTLY /, " ").replace(/SET SCHEMA public/g, `SET SCHEMA "${SCRATCH}"`));
    return await snapshotSchema(db, SCRATCH);
  } finally {
    await db.query("ROLLBACK");
  }
}
