import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { identList } from "../../core/sql-quote.js";
import { RunError } from "../errors.js";
import type { Reporter } from "../events.js";
import { connectPgClient } from "../db/postgres.js";
import { tablesToCopy, keyOf, qualified } from "./copy-tables.js";
import { readSchemaSql } from "./dump-schema.js";
import type { ServerSide } from "./server-side.js";

/**
 * kmig's own backup, for where pg_dump is not installed: a folder holding the schema as SQL
 * (`schema-pre.sql` before the rows, `schema-post.sql` after them), each table's rows in COPY's
 * text format (`data/NNNN.copy`), `restore.sql` (a psql script that loads it all), and
 * `manifest.json` (written last: a folder without it is not a backup) with every file's size,
 * SHA-256 and, for a table, its row count. Everything is read in one read-only `REPEATABLE READ`
 * transaction, so the files are the database as of one moment. Restore with
 * `kmig restore-backup DIR --db URL`, or `cd DIR && psql -X -1 -v ON_ERROR_STOP=1 -d URL -f restore.sql`.
 */

export const OWN_DUMP_FORMAT = "kmig-dump";

export interface OwnDumpFile {
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** A table's rows: the table (schema.name), its columns as COPY lists them, and how many rows. */
  readonly table?: { readonly schema: string; readonly name: string; readonly columns: readonly string[]; readonly rows: number };
}

export interface OwnDumpManifest {
  readonly format: typeof OWN_DUMP_FORMAT;
  readonly version: 1;
  readonly database: string;
  readonly serverVersion: string;
  readonly takenAt: string;
  readonly files: readonly OwnDumpFile[];
  /** What a restore of this folder does not bring back. */
  readonly notIncluded: readonly string[];
}

/** Session settings the SQL files start with and a restore runs under (as pg_dump's). */
export const RESTORE_SETTINGS = [
  "SET statement_timeout = 0;",
  "SET lock_timeout = 0;",
  "SET client_encoding = 'UTF8';",
  "SET standard_conforming_strings = on;",
  "SELECT pg_catalog.set_config('search_path', '', false);",
  "SET check_function_bodies = false;",
  "SET client_min_messages = warning;",
  "SET DateStyle = ISO;",
  "SET IntervalStyle = postgres;",
];

const NOT_INCLUDED = [
  "owners and privileges (the restored objects belong to the user who restores them)",
  "roles, tablespaces and database-level settings (ALTER DATABASE … SET): they belong to the server",
  `kmig's copy record (schema kmig_copy) of a database that was a copy mode target`,
];

/** Hashes, counts lines (rows of COPY's text format: a newline in a value is written `\n`) and bytes. */
export class Digest extends Transform {
  readonly hash = createHash("sha256");
  rows = 0;
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, data?: Buffer) => void): void {
    this.hash.update(chunk);
    this.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.rows++;
    done(null, chunk);
  }
}

/**
 * Writes the dump of `side` into the folder `dir` (which must not exist): into `dir.partial`
 * first, renamed when complete; any failure removes it. With `verify`, every table's row count
 * is also counted by the database in the same snapshot, and the written files are read back.
 */
export async function writeOwnDump(side: ServerSide, dir: string, verify: boolean, reporter: Reporter): Promise<OwnDumpManifest> {
  const partial = `${dir}.partial`;
  rmSync(partial, { recursive: true, force: true });
  const c = (await connectPgClient(side.server, "kmig backup", side.where, true)).client;
  try {
    await c.query("SET search_path = pg_catalog; SET DateStyle = ISO; SET IntervalStyle = postgres; SET extra_float_digits = 3; SET client_encoding = 'UTF8'");
    await c.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const schema = await readSchemaSql(c);
    if (schema.unsupported.length > 0) {
      throw new RunError("K9540", `kmig's own backup cannot describe every object of ${side.where}: it has ${schema.unsupported.join(", ")}`, "install PostgreSQL's client tools (pg_dump, pg_restore) so that the backup is a pg_dump archive, or take the backup yourself and run without backup; nothing was changed");
    }
    const tables = await tablesToCopy(c);
    if (tables.length > 0) await c.query(`LOCK TABLE ${tables.map((t) => `ONLY ${qualified(t)}`).join(", ")} IN ACCESS SHARE MODE`);
    const serverVersion = (await c.query<{ v: string }>("SHOW server_version")).rows[0].v;
    mkdirSync(join(partial, "data"), { recursive: true });
    const files: OwnDumpFile[] = [];
    const text = (path: string, body: string) => {
      const buf = Buffer.from(body, "utf8");
      writeFileSync(join(partial, path), buf);
      files.push({ path, bytes: buf.length, sha256: createHash("sha256").update(buf).digest("hex") });
    };
    const header = (what: string) => `-- kmig backup of ${side.database}: ${what}\n${RESTORE_SETTINGS.join("\n")}\n\n`;
    text("schema-pre.sql", header("the schema before the rows") + schema.pre.join("\n\n") + "\n");
    const copyStreams = await import("pg-copy-streams");
    const cs = copyStreams.default ?? copyStreams;
    const copies: string[] = [];
    let n = 0;
    for (const t of tables) {
      n++;
      const path = `data/${String(n).padStart(4, "0")}.copy`;
      const started = Date.now();
      const d = new Digest();
      if (t.columns.length > 0) {
        await pipeline(c.query(cs.to(`COPY ${qualified(t)} (${identList(t.columns)}) TO STDOUT`)), d, createWriteStream(join(partial, path)));
      } else {
        // A table without columns still has rows; COPY cannot carry them: the manifest counts them.
        writeFileSync(join(partial, path), "");
        d.rows = Number((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ONLY ${qualified(t)}`)).rows[0].n);
      }
      if (verify) await checkCount(c, t, d.rows);
      files.push({ path, bytes: d.bytes, sha256: d.hash.digest("hex"), table: { schema: t.schema, name: t.name, columns: t.columns, rows: d.rows } });
      reporter.emit({ type: "copy-table-done", table: keyOf(t), rows: d.rows, bytes: d.bytes, ms: Date.now() - started });
      copies.push(t.columns.length > 0 ? `\\copy ${qualified(t)} (${identList(t.columns)}) FROM '${path}'` : `-- ${keyOf(t)}: ${d.rows} row(s) without columns\nINSERT INTO ${qualified(t)} SELECT FROM generate_series(1, ${d.rows});`);
    }
    text("schema-post.sql", header("keys, indexes, foreign keys, triggers and sequence positions, after the rows") + schema.post.join("\n\n") + "\n");
    text(
      "restore.sql",
      `-- Restores this kmig backup into an empty database, in one transaction:\n--   cd ${dir}\n--   psql -X -1 -v ON_ERROR_STOP=1 -d postgres://…/new_database -f restore.sql\n-- (or: kmig restore-backup ${dir} --db postgres://…/new_database, which also checks every file's SHA-256)\n\\i schema-pre.sql\n${RESTORE_SETTINGS.join("\n")}\n${copies.join("\n")}\n\\i schema-post.sql\n`,
    );
    await c.query("COMMIT");
    const manifest: OwnDumpManifest = { format: OWN_DUMP_FORMAT, version: 1, database: side.database, serverVersion, takenAt: new Date().toISOString(), files, notIncluded: NOT_INCLUDED };
    writeFileSync(join(partial, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
    if (verify) await verifyOwnDump(partial);
    if (existsSync(dir)) throw new RunError("K9520", `the backup ${dir} already exists`, "choose another backup path; nothing was changed");
    renameSync(partial, dir);
    return manifest;
  } catch (e) {
    rmSync(partial, { recursive: true, force: true });
    throw e;
  } finally {
    await c.end().catch(() => undefined);
  }
}

async function checkCount(c: pg.Client, t: { schema: string; name: string }, rows: number): Promise<void> {
  const n = Number((await c.query<{ n: string }>(`SELECT count(*)::text AS n FROM ONLY ${qualified(t)}`)).rows[0].n);
  if (n !== rows) throw new RunError("K9520", `the backup of table ${keyOf(t)} did not verify: ${rows} row(s) written, the table has ${n}`, "nothing was changed; run again (and report this: COPY and count(*) read the same snapshot)");
}

/** The manifest of a dump folder (K9541 if it is not one). */
export function readManifest(dir: string, read: (path: string) => string): OwnDumpManifest {
  let m: OwnDumpManifest;
  try {
    m = JSON.parse(read(join(dir, "manifest.json"))) as OwnDumpManifest;
  } catch (e) {
    throw new RunError("K9541", `${dir} is not a backup kmig wrote: ${join(dir, "manifest.json")} ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "does not exist" : `cannot be read (${(e as Error).message})`}`, "give the folder `kmig apply --backup` (or backup.path) wrote, named <database>-<time>.kmigdump; a folder without its manifest.json was not finished");
  }
  if (m.format !== OWN_DUMP_FORMAT || m.version !== 1 || !Array.isArray(m.files)) throw new RunError("K9541", `${dir}/manifest.json is not a kmig backup manifest (format ${String(m.format)}, version ${String(m.version)})`, "give a folder kmig's backup wrote");
  return m;
}

/** Reads every file back: its size, SHA-256 and (a table's) row count must be the manifest's (K9541 if not). */
export async function verifyOwnDump(dir: string): Promise<OwnDumpManifest> {
  const { readFileSync } = await import("node:fs");
  const m = readManifest(dir, (p) => readFileSync(p, "utf8"));
  const bad: string[] = [];
  for (const f of m.files) {
    if (f.path.includes("..") || f.path.startsWith("/")) {
      bad.push(`${f.path}: not a path inside the backup`);
      continue;
    }
    const d = new Digest();
    try {
      await pipeline(createReadStream(join(dir, f.path)), d, async function* (src) {
        for await (const _ of src) void _;
      });
    } catch (e) {
      bad.push(`${f.path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
      continue;
    }
    const sha = d.hash.digest("hex");
    if (d.bytes !== f.bytes || sha !== f.sha256) bad.push(`${f.path}: ${d.bytes} bytes, SHA-256 ${sha.slice(0, 12)}…; the manifest says ${f.bytes} bytes, ${f.sha256.slice(0, 12)}…`);
    else if (f.table && f.table.columns.length > 0 && d.rows !== f.table.rows) bad.push(`${f.path}: ${d.rows} rows; the manifest says ${f.table.rows}`);
  }
  if (bad.length > 0) throw new RunError("K9541", `the backup ${dir} does not match its manifest: ${bad.length} file(s) differ`, "the folder was changed or damaged after it was written: restore from another backup", null, null, { notes: bad });
  return m;
}
