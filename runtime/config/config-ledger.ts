import { resolve } from "node:path";
import type { Db } from "../db/connection.js";
import type { FileChange } from "./config-files.js";
import { sha256 } from "./config-files.js";

/** Files a migration wrote, with the bytes that were there before: kept under kmig's control. */
export async function ensureConfigLedger(db: Db): Promise<void> {
  await db.exec(`CREATE TABLE IF NOT EXISTS "kmig"."config_files" (
    "migration" text NOT NULL,
    "target_dir" text NOT NULL,
    "path" text NOT NULL,
    "existed" boolean NOT NULL,
    "before" bytea,
    "before_sha256" text,
    "written_sha256" text NOT NULL,
    PRIMARY KEY ("migration", "path")
  );
  -- 'staged': written beside the target under a temporary name, not yet renamed into place; the
  -- bytes kept so that a run stopped between the database's commit and the rename can finish it.
  ALTER TABLE "kmig"."config_files" ADD COLUMN IF NOT EXISTS "state" text NOT NULL DEFAULT 'written';
  ALTER TABLE "kmig"."config_files" ADD COLUMN IF NOT EXISTS "written" bytea;
  CREATE TABLE IF NOT EXISTS "kmig"."config_dirs" (
    "migration" text NOT NULL,
    "target_dir" text NOT NULL,
    "path" text NOT NULL,
    PRIMARY KEY ("migration", "path")
  )`);
}

/** Folders a migration's config files needed and that did not exist: its rollback removes them again. */
export async function recordDirs(db: Db, migration: string, to: string, dirs: readonly string[]): Promise<void> {
  for (const d of dirs) {
    await db.query(`INSERT INTO "kmig"."config_dirs" ("migration", "target_dir", "path") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [migration, resolve(to), d]);
  }
}

export async function recordedDirs(db: Db, migration: string): Promise<string[]> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('"kmig"."config_dirs"')::text AS t`);
  if (!exists.rows[0]?.t) return [];
  const r = await db.query<{ path: string }>(`SELECT "path" FROM "kmig"."config_dirs" WHERE "migration" = $1`, [migration]);
  return r.rows.map((x) => x.path);
}

/** Records files about to be staged (state 'staged', with their new bytes): see markWritten. */
export async function recordFiles(db: Db, to: string, changes: readonly FileChange[]): Promise<void> {
  for (const c of changes) {
    await db.query(
      `INSERT INTO "kmig"."config_files" ("migration", "target_dir", "path", "existed", "before", "before_sha256", "written_sha256", "state", "written") VALUES ($1, $2, $3, $4, decode($5, 'base64'), $6, $7, 'staged', decode($8, 'base64'))`,
      [c.migration, resolve(to), c.path, c.before !== null, c.before ? c.before.toString("base64") : null, c.before ? sha256(c.before) : null, sha256(c.content), c.content.toString("base64")],
    );
  }
}

/** A migration's files are in place: its staged records become plain records of what it wrote. */
export async function markWritten(db: Db, migration: string): Promise<void> {
  await db.query(`UPDATE "kmig"."config_files" SET "state" = 'written', "written" = NULL WHERE "migration" = $1`, [migration]);
}

/** Whether kmig ever wrote config files on this database (its tables exist). */
export async function hasConfigLedger(db: Db): Promise<boolean> {
  const exists = await db.query<{ t: string | null }>(`SELECT to_regclass('"kmig"."config_files"')::text AS t`);
  return Boolean(exists.rows[0]?.t);
}

export interface RecordedFile {
  readonly path: string;
  readonly targetDir: string;
  readonly before: Buffer | null;
  readonly writtenSha256: string;
}

export async function recordedFiles(db: Db, migration: string): Promise<RecordedFile[]> {
  const r = await db.query<{ path: string; target_dir: string; before: string | null; written_sha256: string }>(
    `SELECT "path", "target_dir", encode("before", 'base64') AS "before", "written_sha256" FROM "kmig"."config_files" WHERE "migration" = $1 ORDER BY "path"`,
    [migration],
  );
  return r.rows.map((x) => ({ path: x.path, targetDir: x.target_dir, before: x.before === null ? null : Buffer.from(x.before, "base64"), writtenSha256: x.written_sha256 }));
}

export async function forgetFiles(db: Db, migration: string): Promise<void> {
  await db.query(`DELETE FROM "kmig"."config_files" WHERE "migration" = $1`, [migration]);
  await db.query(`DELETE FROM "kmig"."config_dirs" WHERE "migration" = $1`, [migration]);
}

/** The files a migration wrote, or none when kmig never wrote config files here (no ledger table). */
export async function recordedFilesIfAny(db: Db, migration: string): Promise<RecordedFile[]> {
  return (await hasConfigLedger(db)) ? recordedFiles(db, migration) : [];
}
