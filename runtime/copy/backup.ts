import { cpSync, existsSync, mkdirSync, rmSync, statfsSync } from "node:fs";
import { join } from "node:path";
import { spawnSync } from "node:child_process";
import { connectPgClient } from "../db/postgres.js";
import type { DbTarget } from "../db/target.js";
import { RunError } from "../errors.js";
import type { Reporter } from "../events.js";
import { findDumpTools, runTool, usableDumpTools } from "./dump-tools.js";
import { writeOwnDump } from "./own-dump.js";
import { serverMajor, serverSide } from "./server-side.js";
import { copyFolder } from "./copy-folder.js";

export interface BackupResult {
  readonly archive: string;
  readonly config: string | null;
}

const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");

/**
 * The backup a run takes before it changes anything: a pg_dump custom-format archive of the
 * database — where pg_dump is not installed (or older than the server), kmig's own COPY-based dump
 * (own-dump.ts) — or, of an embedded database, a copy of its folder, taken while kmig holds it
 * closed; and a copy of the config folder the run reads. With `verify`, the archive's table of
 * contents is read back and must list every table's data (the own dump: every file is read back
 * against its SHA-256 and row count). A failure leaves no half-written file behind.
 */
export async function writeBackup(db: DbTarget, dir: string, verify: boolean, configFolder: string | null, reporter: Reporter, now = new Date()): Promise<BackupResult> {
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw new RunError("K9520", `cannot create the backup folder ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "choose a folder kmig may write (--backup DIR or backup.path); nothing was changed");
  }
  const config = configFolder ? join(dir, `config-${stamp(now)}`) : null;
  let archive: string;
  if (db.kind === "pglite") {
    archive = join(dir, `pglite-${stamp(now)}`);
    guard(archive, () => cpSync(db.dir, archive, { recursive: true }));
  } else {
    const side = serverSide(db, "source");
    const c = (await connectPgClient(side.server, "kmig backup", side.where, true)).client;
    let size = 0;
    let tables = 0;
    let major = 0;
    try {
      size = Number((await c.query<{ n: string }>("SELECT pg_database_size(current_database())::text AS n")).rows[0].n);
      tables = Number((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%'`)).rows[0].n);
      major = await serverMajor(c);
    } finally {
      await c.end().catch(() => undefined);
    }
    const free = freeBytes(dir);
    // A custom-format archive is compressed; a quarter of the database's size is a floor seen in practice
    // (kmig's own dump is not compressed: if the disk fills up while it is written, it is removed).
    if (free !== null && free < size / 4 + 16e6) {
      throw new RunError("K9520", `the backup folder ${dir} has ${(free / 1e6).toFixed(0)} MB free; the database takes ${(size / 1e6).toFixed(0)} MB`, "free space there or choose another backup path; nothing was changed");
    }
    const tools = findDumpTools();
    if (!tools.pgDump || !tools.pgRestore || tools.pgDump.major < major) {
      archive = join(dir, `${side.database}-${stamp(now)}.kmigdump`);
      const why = !tools.pgDump ? "pg_dump is not installed" : !tools.pgRestore ? "pg_restore is not installed" : `pg_dump ${tools.pgDump.major} cannot read a PostgreSQL ${major} server`;
      reporter.emit({ type: "info", message: `backing up ${side.where} into ${archive} (${why}: kmig's own COPY-based dump)` });
      try {
        await writeOwnDump(side, archive, verify, reporter);
      } catch (e) {
        if (e instanceof RunError) throw e;
        const err = e as NodeJS.ErrnoException;
        if (!err.syscall) throw new RunError("K9520", `cannot back up ${side.where}: ${err.message}`, "nothing was written to the backup folder and nothing was changed", null, err.message);
        throw new RunError("K9520", `cannot write the backup ${archive}: ${err.code ?? err.message}`, "free space in the backup folder (or choose another); nothing was written there and nothing was changed");
      }
    } else {
      const t = usableDumpTools(major, "the backup");
      archive = join(dir, `${side.database}-${stamp(now)}.dump`);
      reporter.emit({ type: "info", message: `backing up ${side.where} into ${archive}` });
      try {
        await runTool(t.pgDump, ["--format=custom", "--file", archive, "--dbname", side.dumpArg], "the backup", "free space in the backup folder (or choose another); nothing was changed");
      } catch (e) {
        rmSync(archive, { force: true });
        throw new RunError("K9520", (e as Error).message, "free space in the backup folder (or choose another); nothing was changed");
      }
      if (verify) verifyArchive(t.pgRestore, archive, tables);
    }
  }
  if (config && configFolder) guard(config, () => copyFolder(configFolder, config, true));
  reporter.emit({ type: "info", message: `backup written: ${archive}${config ? ` and ${config}` : ""}${verify ? " (verified)" : ""}` });
  return { archive, config };
}

/** The archive's table of contents, read back by pg_restore: every table's data must be in it. */
function verifyArchive(pgRestore: string, archive: string, tables: number): void {
  const r = spawnSync(pgRestore, ["--list", archive], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const data = r.status === 0 ? r.stdout.split("\n").filter((l) => / TABLE DATA /.test(l)).length : -1;
  if (data < tables) {
    rmSync(archive, { force: true });
    throw new RunError("K9520", `the backup ${archive} did not verify: ${r.status !== 0 ? `pg_restore --list failed: ${(r.stderr || "").trim().split("\n")[0]}` : `its table of contents lists ${data} tables' data, the database has ${tables} tables`}`, "the archive was removed and nothing was changed; run again (a disk that fills up while writing shows as this)");
  }
}

/** Runs a copy into `path`; a failure removes what it wrote. */
function guard(path: string, body: () => void): void {
  try {
    body();
  } catch (e) {
    if (existsSync(path)) rmSync(path, { recursive: true, force: true });
    if (e instanceof RunError) throw e;
    throw new RunError("K9520", `cannot write the backup ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "free space in the backup folder (or choose another); nothing was changed");
  }
}

function freeBytes(dir: string): number | null {
  try {
    const s = statfsSync(dir);
    return s.bavail * s.bsize;
  } catch {
    return null;
  }
}
