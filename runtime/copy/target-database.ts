import type pg from "pg";
import { connectPgClient } from "../db/postgres.js";
import { RunError } from "../errors.js";
import { olderTarget, serverMajor, type ServerSide } from "./server-side.js";
import { ident as quote } from "../../core/sql-quote.js";

/** The target's record of a copy in progress: kmig's own schema there, never copied from the source. */
export const COPY_SCHEMA = "kmig_copy";

/** How far a copy into the target got. */
export type CopyPhase = "new" | "schema" | "data" | "done";

export interface TargetState {
  /** kmig created the database in this run (dropped again if the run fails before the copy starts). */
  readonly created: boolean;
  readonly phase: CopyPhase;
  /** Tables already copied (schema.name), for a resumed copy. */
  readonly copied: ReadonlySet<string>;
}


/** Who the source is, so that a resumed copy continues from the same database and no other. */
export async function sourceIdentity(source: pg.Client): Promise<string> {
  const r = await source.query<{ id: string }>("SELECT (SELECT system_identifier::text FROM pg_control_system()) || '/' || current_database() AS id");
  return r.rows[0].id;
}

/**
 * The target database, ready for a copy from `sourceId`: created when it does not exist; a copy of
 * the same source that stopped is resumed; any other non-empty database is refused unless `force`
 * (then dropped and created anew). Returns its state; the connection it leaves open holds kmig's
 * copy lock until the caller ends it.
 */
export async function prepareTarget(target: ServerSide, sourceId: string, force: boolean, sourceMajor: number): Promise<TargetState & { client: pg.Client }> {
  const admin = (await connectPgClient(target.maintenance, "kmig apply (copy)", `${target.where} (its server's postgres database)`)).client;
  let created = false;
  try {
    const problem = olderTarget(sourceMajor * 10000, (await serverMajor(admin)) * 10000);
    if (problem) throw problem;
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [target.database])).rowCount! > 0;
    if (exists) {
      const peek = (await connectPgClient(target.server, "kmig apply (copy)", target.where, true)).client;
      const same = (await sourceIdentity(peek).finally(() => peek.end().catch(() => undefined))) === sourceId;
      if (same) throw new RunError("K9501", `the source and the target are the same database (${target.where})`, "copy mode builds the new version beside the old one: give another database as the target, or leave the target out to migrate in place");
    } else {
      await admin.query(`CREATE DATABASE ${quote(target.database)}`);
      created = true;
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
  let client = (await connectPgClient(target.server, "kmig apply (copy)", target.where)).client;
  await lockCopy(client, target);
  const state = await readState(client, sourceId);
  if (state.phase === "new" && !created && (await hasUserObjects(client))) {
    if (!force) {
      await client.end().catch(() => undefined);
      throw new RunError("K9502", `the target database ${target.database} is not empty, and it is not a copy of this source that kmig started`, "give an empty (or new) target database, or --force to drop it and copy anew");
    }
    await client.end().catch(() => undefined);
    await recreate(target);
    created = true;
    client = (await connectPgClient(target.server, "kmig apply (copy)", target.where)).client;
    await lockCopy(client, target);
  }
  await client.query(`CREATE SCHEMA IF NOT EXISTS ${quote(COPY_SCHEMA)}`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${quote(COPY_SCHEMA)}."state" ("source" text PRIMARY KEY, "phase" text NOT NULL, "started_at" timestamptz NOT NULL DEFAULT now())`);
  await client.query(`CREATE TABLE IF NOT EXISTS ${quote(COPY_SCHEMA)}."tables" ("name" text PRIMARY KEY, "rows" bigint NOT NULL, "bytes" bigint NOT NULL, "copied_at" timestamptz NOT NULL DEFAULT now())`);
  await client.query(`INSERT INTO ${quote(COPY_SCHEMA)}."state" ("source", "phase") VALUES ($1, 'new') ON CONFLICT ("source") DO NOTHING`, [sourceId]);
  return { ...state, created, client };
}

/** The phase of a copy from `sourceId` recorded in the target, and its copied tables. */
async function readState(client: pg.Client, sourceId: string): Promise<TargetState> {
  const has = (await client.query<{ t: string | null }>(`SELECT to_regclass('${COPY_SCHEMA}.state')::text AS t`)).rows[0].t !== null;
  if (!has) return { created: false, phase: "new", copied: new Set() };
  const r = await client.query<{ source: string; phase: CopyPhase }>(`SELECT "source", "phase" FROM ${quote(COPY_SCHEMA)}."state"`);
  const mine = r.rows.find((x) => x.source === sourceId);
  if (!mine) {
    const other = r.rows[0]?.source ?? "another database";
    throw new RunError("K9502", `the target database holds a copy of another source (${other})`, "give another target database, or --force to drop it and copy anew");
  }
  const tables = await client.query<{ name: string }>(`SELECT "name" FROM ${quote(COPY_SCHEMA)}."tables"`);
  return { created: false, phase: mine.phase, copied: new Set(tables.rows.map((t) => t.name)) };
}

export async function setPhase(client: pg.Client, sourceId: string, phase: CopyPhase): Promise<void> {
  await client.query(`UPDATE ${quote(COPY_SCHEMA)}."state" SET "phase" = $2 WHERE "source" = $1`, [sourceId, phase]);
}

/** Anything of a user's in the database: a relation, type or function outside the system's and kmig's schemas. */
export async function hasUserObjects(client: pg.Client): Promise<boolean> {
  const r = await client.query(
    `SELECT 1 FROM pg_namespace n WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', '${COPY_SCHEMA}') AND n.nspname NOT LIKE 'pg\\_temp\\_%' AND n.nspname NOT LIKE 'pg\\_toast\\_temp\\_%'
       AND (EXISTS (SELECT 1 FROM pg_class c WHERE c.relnamespace = n.oid) OR EXISTS (SELECT 1 FROM pg_proc p WHERE p.pronamespace = n.oid) OR EXISTS (SELECT 1 FROM pg_type t WHERE t.typnamespace = n.oid))
     LIMIT 1`,
  );
  return (r.rowCount ?? 0) > 0;
}

/** Two copies into one target at once would interleave: the second waits for nothing and stops. */
async function lockCopy(client: pg.Client, target: ServerSide): Promise<void> {
  const r = await client.query<{ ok: boolean | string }>("SELECT pg_try_advisory_lock(1802332519, 2) AS ok");
  const ok = r.rows[0].ok;
  if (ok === true || ok === "t" || ok === "true") return;
  await client.end().catch(() => undefined);
  throw new RunError("K9002", `another kmig run is copying into ${target.where}`, "wait for it to finish; a stopped copy resumes where it stopped when you run the command again");
}

async function recreate(target: ServerSide): Promise<void> {
  const admin = (await connectPgClient(target.maintenance, "kmig apply (copy)", target.where)).client;
  try {
    await admin.query(`DROP DATABASE ${quote(target.database)}`);
    await admin.query(`CREATE DATABASE ${quote(target.database)}`);
  } catch (e) {
    throw new RunError("K9502", `cannot drop the target database ${target.database} to copy anew: ${(e as Error).message}`, "close the other sessions on it (or drop it yourself), then run the command again");
  } finally {
    await admin.end().catch(() => undefined);
  }
}

/** Drops the target database (a failed first copy that kmig created, or `kmig rollback --drop-target`). */
export async function dropTarget(target: ServerSide): Promise<void> {
  const admin = (await connectPgClient(target.maintenance, "kmig", target.where)).client;
  try {
    const inUse = await admin.query<{ n: string }>("SELECT count(*)::text AS n FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [target.database]);
    if (Number(inUse.rows[0].n) > 0) throw new RunError("K9506", `the target database ${target.database} has ${inUse.rows[0].n} open session(s)`, "stop the application that uses it (or end the sessions), then drop it again; nothing was changed");
    await admin.query(`DROP DATABASE IF EXISTS ${quote(target.database)}`);
  } finally {
    await admin.end().catch(() => undefined);
  }
}
