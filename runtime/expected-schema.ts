import type { Db } from "./db/connection.js";
import { snapshotSchema, type SchemaSnapshot } from "./introspect.js";
import { stepFailure } from "./run-step.js";
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
    // The live schema after the scratch one: a spec's columns may have types, and its views
    // functions, that are declared external (they exist only there).
    await db.query(`SELECT set_config('search_path', '"${SCRATCH}", public', true)`);
    for (const p of plans) {
      for (const s of p.steps) {
        try {
          for (const sql of s.kind === "backfill" ? [] : s.up) await db.query(sql.replace(/ CONCURRENTLY /, " ").replace(/SET SCHEMA public/g, `SET SCHEMA "${SCRATCH}"`));
        } catch (e) {
          // The spec says something this server rejects (a GiST index on a text column): name its line.
          throw stepFailure(s, e, "is rejected by the database (replaying the spec to learn the schema it describes)");
        }
      }
    }
    return await snapshotSchema(db, SCRATCH, ["public"]);
  } finally {
    await db.query("ROLLBACK");
  }
}
