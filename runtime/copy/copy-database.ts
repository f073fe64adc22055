import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type pg from "pg";
import { connectPgClient, wrapClient } from "../db/postgres.js";
import { RunError } from "../errors.js";
import type { Reporter } from "../events.js";
import type { Plan } from "../../core/plan.js";
import { copySequences, copyTable, keyOf, tablesToCopy, type CopyWorker, type TableToCopy } from "./copy-tables.js";
import { checkCatalogCopyable, openSchemaCopy } from "./schema-copy.js";
import type { ServerSide } from "./server-side.js";
import { olderTarget, sameDatabase, serverMajor, serverVersionNum } from "./server-side.js";
import { checkSource, type SourceState } from "./source-check.js";
import { dropTarget, prepareTarget, setPhase, sourceIdentity } from "./target-database.js";

export interface CopyOptions {
  /** Tables copied at once (each a source and a target connection). */
  readonly jobs: number;
  /** Drop a non-empty target that is not a copy of this source, and copy anew. */
  readonly force: boolean;
}

export interface CopyResult {
  readonly source: SourceState;
  /** The target already held a finished copy of this source: nothing was copied now. */
  readonly alreadyCopied: boolean;
  readonly tables: number;
  readonly rows: number;
}

/**
 * Copy mode's first half: the source, checked against the chain without a single write (its
 * sessions are read-only: the server itself refuses any write), is copied into the target as of
 * one moment — the schema by pg_dump/pg_restore, or without them from the source's catalog
 * (schema-copy.ts; `pre-data` before the rows, `post-data`: indexes,
 * constraints and triggers, after them, as pg_restore orders it), the rows by COPY streamed
 * between the two servers, several tables at once, every worker in the snapshot the first session
 * exported, sequences set to the source's values. Each phase and each table is recorded in the
 * target, so a killed copy resumes where it stopped.
 */
export async function copyDatabase(source: ServerSide, target: ServerSide, plans: readonly Plan[], opts: CopyOptions, reporter: Reporter, checked?: CopyPreflight): Promise<CopyResult> {
  const pre = checked ?? (await preflightCopy(source, target, plans));
  const coordinator = (await connectPgClient(source.server, "kmig apply (copy source)", source.where, true)).client;
  const clients: pg.Client[] = [coordinator];
  let targetClient: pg.Client | null = null;
  try {
    const sourceMajor = await serverMajor(coordinator);
    const sourceId = await sourceIdentity(coordinator);
    const prepared = await prepareTarget(target, sourceId, opts.force, sourceMajor);
    targetClient = prepared.client;
    let state: SourceState;
    try {
      state = pre.state ?? (await checkSource(await wrapClient(coordinator, source.where), await wrapClient(prepared.client, target.where), plans));
    } catch (e) {
      if (prepared.created) {
        await prepared.client.end().catch(() => undefined);
        targetClient = null;
        await dropTarget(target).catch(() => undefined);
      }
      throw e;
    }
    if (prepared.phase === "done") {
      reporter.emit({ type: "info", message: `the target ${target.where} already holds the copy of the source: going on with its migrations` });
      return { source: state, alreadyCopied: true, tables: 0, rows: 0 };
    }
    reporter.emit({ type: "info", message: `${prepared.phase === "new" ? "copying" : "resuming the copy of"} ${source.where} (version ${state.version}) into ${target.where}${prepared.created ? " (created)" : ""}; the source is only read` });
    if (prepared.phase !== "new") reporter.emit({ type: "warning", message: "the copy resumes from a new snapshot of the source: if the source was written since the stop, the tables copied before it are as of then" });
    await coordinator.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    const snapshot = (await coordinator.query<{ s: string }>("SELECT pg_export_snapshot() AS s")).rows[0].s;
    const dir = mkdtempSync(join(tmpdir(), "kmig-copy-"));
    try {
      const schema = await openSchemaCopy(source, target, coordinator, snapshot, sourceMajor, dir);
      if (schema.by === "catalog") reporter.emit({ type: "info", message: "pg_dump is not installed (or older than the source's server): the schema is read from the source's catalog" });
      if (prepared.phase === "new") {
        await schema.pre();
        await setPhase(prepared.client, sourceId, "schema");
      }
      const tables = (await tablesToCopy(coordinator)).filter((t) => !prepared.copied.has(keyOf(t)));
      let rows = 0;
      if (prepared.phase === "new" || prepared.phase === "schema") {
        rows = await copyAll(source, target, snapshot, tables, opts.jobs, reporter, clients);
        await setPhase(prepared.client, sourceId, "data");
      }
      reporter.emit({ type: "info", message: "creating indexes, constraints and triggers in the target" });
      await schema.post();
      const seqs = await copySequences(coordinator, prepared.client);
      await setPhase(prepared.client, sourceId, "done");
      reporter.emit({ type: "info", message: `copied ${tables.length} table(s), ${rows} row(s) and ${seqs} sequence position(s)` });
      return { source: state, alreadyCopied: false, tables: tables.length, rows };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  } finally {
    for (const c of clients) await c.end().catch(() => undefined);
    if (targetClient) await targetClient.end().catch(() => undefined);
  }
}

/** What a copy checks before anything is written anywhere (see preflightCopy). */
export interface CopyPreflight {
  /** The source checked against the chain; null when the check had to wait for the target (see preflightCopy). */
  readonly state: SourceState | null;
}

/**
 * The bad inputs of a copy, refused before anything is written — before the backup, before the
 * target is created: the same database on both sides (K9501), a source or target that cannot be
 * reached (K902x), a target server of an older major than the source's (K9504), without usable
 * pg_dump a source with objects the catalog reader cannot describe (K9540), a source that does not
 * match the chain (K9503). The source's expected
 * schema is replayed on the target's server (the target database if it exists, else the server's
 * `postgres` database) in a transaction that is rolled back; where the user may not create a
 * schema there, that check waits until the target exists (and a target created for it is dropped
 * again if the check fails).
 */
export async function preflightCopy(source: ServerSide, target: ServerSide, plans: readonly Plan[]): Promise<CopyPreflight> {
  if (sameDatabase(source, target)) throw new RunError("K9501", `the source and the target are the same database (${target.where})`, "copy mode builds the new version beside the old one: give another database as the target, or leave the target out to migrate in place");
  const s = (await connectPgClient(source.server, "kmig apply (copy source)", source.where, true)).client;
  try {
    const sourceNum = await serverVersionNum(s);
    const sourceId = await sourceIdentity(s);
    let exists: boolean;
    const admin = (await connectPgClient(target.maintenance, "kmig apply (copy)", `${target.where} (its server's postgres database)`, true)).client;
    try {
      const problem = olderTarget(sourceNum, await serverVersionNum(admin));
      if (problem) throw problem;
      exists = (await admin.query("SELECT 1 FROM pg_database WHERE datname = $1", [target.database])).rowCount! > 0;
    } finally {
      await admin.end().catch(() => undefined);
    }
    if (exists) {
      const peek = (await connectPgClient(target.server, "kmig apply (copy)", target.where, true)).client;
      const same = (await sourceIdentity(peek).finally(() => peek.end().catch(() => undefined))) === sourceId;
      if (same) throw new RunError("K9501", `the source and the target are the same database (${target.where})`, "copy mode builds the new version beside the old one: give another database as the target, or leave the target out to migrate in place");
    }
    await checkCatalogCopyable(s, source.where, Math.floor(sourceNum / 10000));
    const scratch = (await connectPgClient(exists ? target.server : target.maintenance, "kmig apply (copy check)", target.where)).client;
    try {
      return { state: await checkSource(await wrapClient(s, source.where), await wrapClient(scratch, target.where), plans) };
    } catch (e) {
      if (e instanceof RunError && e.code === "K9503") throw e;
      // No right to create the replay's scratch schema there: checked again once the target exists.
      return { state: null };
    } finally {
      await scratch.end().catch(() => undefined);
    }
  } finally {
    await s.end().catch(() => undefined);
  }
}

/** The tables, largest first, through `jobs` workers, each in the exported snapshot. */
async function copyAll(source: ServerSide, target: ServerSide, snapshot: string, tables: readonly TableToCopy[], jobs: number, reporter: Reporter, clients: pg.Client[]): Promise<number> {
  if (tables.length === 0) return 0;
  const copyStreams = await import("pg-copy-streams");
  const queue = [...tables];
  let rows = 0;
  const worker = async (): Promise<void> => {
    const w: CopyWorker = {
      source: (await connectPgClient(source.server, "kmig apply (copy source)", source.where, true)).client,
      target: (await connectPgClient(target.server, "kmig apply (copy)", target.where)).client,
    };
    clients.push(w.source, w.target);
    await w.source.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await w.source.query(`SET TRANSACTION SNAPSHOT '${snapshot.replace(/'/g, "''")}'`);
    for (let t = queue.shift(); t; t = queue.shift()) {
      const r = await copyTable(w, t, reporter, copyStreams.default ?? copyStreams);
      rows += r.rows;
      reporter.emit({ type: "copy-table-done", table: keyOf(t), rows: r.rows, bytes: r.bytes, ms: r.ms });
    }
    await w.source.query("COMMIT");
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(jobs, tables.length)) }, worker));
  return rows;
}
