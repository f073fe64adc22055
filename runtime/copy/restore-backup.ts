import { createReadStream, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { ident, identList } from "../../core/sql-quote.js";
import { connectPgClient } from "../db/postgres.js";
import { RunError } from "../errors.js";
import type { Reporter } from "../events.js";
import { runTool, usableDumpTools } from "./dump-tools.js";
import { verifyOwnDump, type OwnDumpManifest } from "./own-dump.js";
import { serverMajor, type ServerSide } from "./server-side.js";
import { hasUserObjects } from "./target-database.js";

export interface RestoreResult {
  readonly created: boolean;
  readonly tables: number;
  readonly rows: number;
  readonly kind: "kmig-dump" | "pg_dump archive";
}

/**
 * `kmig restore-backup`: a backup kmig wrote, restored into an empty database (created when it
 * does not exist). kmig's own dump folder is checked file by file against its manifest first, then
 * loaded in one transaction — the schema before the rows, COPY for each table, keys, indexes,
 * triggers and sequence positions after — and each table's rows counted against the manifest; a
 * pg_dump archive goes through `pg_restore --single-transaction`. A failure leaves nothing: the
 * transaction is rolled back, and a database kmig created for it is dropped.
 */
export async function restoreBackup(path: string, target: ServerSide, reporter: Reporter): Promise<RestoreResult> {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch (e) {
    throw new RunError("K9541", `the backup ${path} does not exist (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, "give the folder (<database>-<time>.kmigdump) or archive (<database>-<time>.dump) that kmig's backup wrote");
  }
  const manifest = isDir ? await verifyOwnDump(path) : null;
  if (manifest) reporter.emit({ type: "info", message: `${path}: every file matches its manifest (SHA-256 and row counts)` });
  const created = await prepareEmpty(target, manifest);
  try {
    if (!manifest) {
      const major = await (async () => {
        const c = (await connectPgClient(target.server, "kmig restore-backup", target.where)).client;
        return serverMajor(c).finally(() => c.end().catch(() => undefined));
      })();
      const tools = usableDumpTools(major, "restoring a pg_dump archive");
      await runTool(tools.pgRestore, ["--single-transaction", "--exit-on-error", "--dbname", target.dumpArg, path], "restoring the archive", "the restore ran in one transaction and was rolled back: fix the cause and run it again");
      return { created, tables: 0, rows: 0, kind: "pg_dump archive" };
    }
    const r = await loadOwnDump(path, manifest, target, reporter);
    return { created, ...r, kind: "kmig-dump" };
  } catch (e) {
    if (created) await dropCreated(target);
    if (e instanceof RunError) throw e;
    throw new RunError("K9543", `restoring ${path} into ${target.where} failed: ${(e as Error).message}`, created ? "the database kmig created for it was dropped again; fix the cause and run it again" : "the restore ran in one transaction and was rolled back: the database is empty as before", null, (e as Error).message);
  }
}

/** Creates the database if it does not exist; an existing one must hold nothing of a user's (K9542). */
async function prepareEmpty(target: ServerSide, manifest: OwnDumpManifest | null): Promise<boolean> {
  const admin = (await connectPgClient(target.maintenance, "kmig restore-backup", `${target.where} (its server's postgres database)`)).client;
  let created = false;
  try {
    const exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [target.database])).rowCount! > 0;
    if (!exists) {
      await admin.query(`CREATE DATABASE ${ident(target.database)}`);
      created = true;
    }
  } finally {
    await admin.end().catch(() => undefined);
  }
  if (created) return true;
  const c = (await connectPgClient(target.server, "kmig restore-backup", target.where, true)).client;
  try {
    if (await hasUserObjects(c)) throw new RunError("K9542", `the database ${target.database} is not empty`, `restore into a new database (kmig creates it) or an empty one${manifest ? ` — the backup is of ${manifest.database}` : ""}; nothing was changed`);
  } finally {
    await c.end().catch(() => undefined);
  }
  return false;
}

async function loadOwnDump(dir: string, m: OwnDumpManifest, target: ServerSide, reporter: Reporter): Promise<{ tables: number; rows: number }> {
  const c = (await connectPgClient(target.server, "kmig restore-backup", target.where)).client;
  const copyStreams = await import("pg-copy-streams");
  const cs = copyStreams.default ?? copyStreams;
  let rows = 0;
  const tables = m.files.filter((f) => f.table);
  try {
    await c.query("BEGIN");
    await c.query(readFileSync(join(dir, "schema-pre.sql"), "utf8"));
    for (const f of tables) {
      const t = f.table!;
      const name = `${ident(t.schema)}.${ident(t.name)}`;
      const started = Date.now();
      if (t.columns.length > 0) await pipeline(createReadStream(join(dir, f.path)), c.query(cs.from(`COPY ${name} (${identList(t.columns)}) FROM STDIN`)));
      else await c.query(`INSERT INTO ${name} SELECT FROM generate_series(1, $1::int)`, [t.rows]);
      await countRows(c, name, t.rows, f.path);
      rows += t.rows;
      reporter.emit({ type: "copy-table-done", table: `${t.schema}.${t.name}`, rows: t.rows, bytes: f.bytes, ms: Date.now() - started });
    }
    await c.query(readFileSync(join(dir, "schema-post.sql"), "utf8"));
    await c.query("COMMIT");
  } catch (e) {
    await c.query("ROLLBACK").catch(() => undefined);
    throw e;
  } finally {
    await c.end().catch(() => undefined);
  }
  return { tables: tables.length, rows };
}

async function countRows(c: pg.Client, name: string, rows: number, path: string): Promise<void> {
  const n = Number((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ONLY ${name}`)).rows[0].n);
  if (n !== rows) throw new RunError("K9543", `restoring ${path} into ${name} gave ${n} row(s); the manifest says ${rows}`, "the restore was rolled back; the backup may be damaged");
}

async function dropCreated(target: ServerSide): Promise<void> {
  const admin = (await connectPgClient(target.maintenance, "kmig restore-backup", target.where)).client;
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${ident(target.database)}`);
  } catch {
    /* reported with the restore's own failure */
  } finally {
    await admin.end().catch(() => undefined);
  }
}
