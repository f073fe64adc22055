import type { Db } from "./db/connection.js";
import { snapshotSchema, type SchemaSnapshot } from "./introspect.js";
import { stepFailure } from "./run-step.js";
import type { Plan, Step } from "../core/plan.js";

export const SCRATCH = "kmig_expected";
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
export async function expectedSchema(db: Db, plans: readonly Plan[], keep = false): Promise<SchemaSnapshot> {
  const key = await cacheKey(db, plans);
  const cached = await readCached(db, key);
  if (cached) return cached;
  const snapshot = await replayedSchema(db, plans);
  if (keep) await writeCached(db, key, snapshot);
  return snapshot;
}

/**
 * Replaying a large baseline is as slow as creating its tables (a 1,000-table schema: seconds to
 * a minute on a busy server), and what it gives depends only on the plans' meaning, the server's
 * version and the external types it resolves: so it is kept in `kmig.expected_schema`, keyed by
 * those: `kmig baseline` (which writes anyway) keeps it (`keep`), and `status` reads it back
 * instead of replaying, but writes nothing itself. A read-only database just replays every time.
 */
async function cacheKey(db: Db, plans: readonly Plan[]): Promise<string> {
  const v = await db.query<{ v: string }>("SELECT current_setting('server_version_num') AS v");
  const parts = plans.map((p) => `${p.id}:${p.checksum}:${p.steps.length}`);
  const { createHash } = await import("node:crypto");
  return createHash("sha256").update(`${v.rows[0].v}\n${parts.join("\n")}`).digest("hex");
}

async function readCached(db: Db, key: string): Promise<SchemaSnapshot | null> {
  const t = await db.query<{ t: string | null }>(`SELECT to_regclass('"kmig"."expected_schema"')::text AS t`);
  if (!t.rows[0]?.t) return null;
  const r = await db.query<{ s: string }>(`SELECT "snapshot"::text AS s FROM "kmig"."expected_schema" WHERE "key" = $1`, [key]);
  return r.rows[0] ? (JSON.parse(r.rows[0].s) as SchemaSnapshot) : null;
}

async function writeCached(db: Db, key: string, snapshot: SchemaSnapshot): Promise<void> {
  const kmig = await db.query<{ n: string | null }>(`SELECT to_regnamespace('"kmig"')::text AS n`);
  if (!kmig.rows[0]?.n) return;
  try {
    await db.query("BEGIN");
    await db.query(`CREATE TABLE IF NOT EXISTS "kmig"."expected_schema" ("key" text PRIMARY KEY, "snapshot" jsonb NOT NULL, "at" timestamptz NOT NULL DEFAULT now())`);
    // One entry per chain state is enough: older ones are of states the database has left.
    await db.query(`DELETE FROM "kmig"."expected_schema" WHERE "at" < now() - interval '30 days'`);
    await db.query(`INSERT INTO "kmig"."expected_schema" ("key", "snapshot") VALUES ($1, $2::jsonb) ON CONFLICT ("key") DO NOTHING`, [key, JSON.stringify(snapshot)]);
    await db.query("COMMIT");
  } catch {
    // A read-only server or a missing privilege: the cache is only an optimisation.
    await db.query("ROLLBACK").catch(() => undefined);
  }
}

/** The replay itself (see expectedSchema). */
async function replayedSchema(db: Db, plans: readonly Plan[]): Promise<SchemaSnapshot> {
  return inScratchSchema(db, async () => {
    for (const p of plans) for (const s of p.steps) await replayStep(db, s);
    return snapshotSchema(db, SCRATCH, ["public"]);
  });
}

/**
 * Runs `body` with a scratch schema first on the search path, inside a transaction that is always
 * rolled back, kmig's own schema renamed aside for its length (see expectedSchema).
 */
export async function inScratchSchema<T>(db: Db, body: () => Promise<T>): Promise<T> {
  await db.query("BEGIN");
  try {
    const kmig = await db.query<{ t: string | null }>(`SELECT to_regnamespace('"kmig"')::text AS t`);
    if (kmig.rows[0]?.t) await db.query(`ALTER SCHEMA "kmig" RENAME TO "${ASIDE}"`);
    await db.query(`CREATE SCHEMA "${SCRATCH}"`);
    // The live schema after the scratch one: a spec's columns may have types, and its views
    // functions, that are declared external (they exist only there).
    await db.query(`SELECT set_config('search_path', '"${SCRATCH}", public', true)`);
    return await body();
  } finally {
    await db.query("ROLLBACK");
  }
}

/**
 * Replays statements of step `s` (by default its `up`) in the scratch schema; a statement the server
 * rejects names the step's line. Citus's distribution is not replayed: it does not change the schema
 * the replay learns (it would make shards on every worker for a scratch table); kmig baseline
 * compares it with Citus's metadata instead (runtime/citus/distribution-drift.ts).
 */
export async function replayStep(db: Db, s: Step, statements: readonly string[] = s.kind === "backfill" || s.op === "distribute-table" ? [] : s.up): Promise<void> {
  try {
    for (const sql of statements) await db.query(sql.replace(/ CONCURRENTLY /, " ").replace(/SET SCHEMA public/g, `SET SCHEMA "${SCRATCH}"`));
  } catch (e) {
    // The spec says something this server rejects (a GiST index on a text column): name its line.
    throw stepFailure(s, e, "is rejected by the database (replaying the spec to learn the schema it describes)");
  }
}
