import type { Db } from "./db/connection.js";
import { snapshotSchema, type SchemaSnapshot } from "./introspect.js";
import { stepFailure } from "./run-step.js";
import type { Plan } from "../core/plan.js";

const SCRATCH = "kmig_expected";
/** Where kmig's own schema is moved for the length of the replay (the rename is rolled back with it). */
const ASIDE = "kmig_expected_aside";

/**
 * The schema the spec says the database has after `plans`: their SQL replayed in a scratch schema
 * inside a transaction that is always rolled back, so PostgreSQL itself normalises every definition.
 *
 * Steps that keep a stash (a dropped column, a dropped table, a narrowed type) write it into kmig's
 * own schema, where the real runs' stashes already are under the same names: for the replay, the
 * real `kmig` schema is renamed aside, so the replay's stashes go into a `kmig` of its own. Both the
 * rename and everything replayed are undone by the rollback; other sessions never see either.
 */
export async function expectedSchema(db: Db, plans: readonly Plan[]): Promise<SchemaSnapshot> {
  await db.query("BEGIN");
  try {
    const kmig = await db.query<{ t: string | null }>(`SELECT to_regnamespace('"kmig"')::text AS t`);
    if (kmig.rows[0]?.t) await db.query(`ALTER SCHEMA "kmig" RENAME TO "${ASIDE}"`);
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
