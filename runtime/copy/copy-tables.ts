import { Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type pg from "pg";
import { RunError } from "../errors.js";
import type { Reporter } from "../events.js";
import { COPY_SCHEMA } from "./target-database.js";
import { textArray } from "../db/text-array.js";
import { ident as q } from "../../core/sql-quote.js";

/** A table whose rows are copied: every stored column (generated ones are computed again on the target). */
export interface TableToCopy {
  readonly schema: string;
  readonly name: string;
  readonly columns: readonly string[];
  /** PostgreSQL's estimate of its rows and its size on disk, for ETA and ordering. */
  readonly estimatedRows: number;
  readonly bytes: number;
}

export const qualified = (t: { schema: string; name: string }) => `${q(t.schema)}.${q(t.name)}`;
export const keyOf = (t: { schema: string; name: string }) => `${t.schema}.${t.name}`;

/** Schemas that are the system's, and the copy's own record on the target. */
const NOT_COPIED = `n.nspname NOT IN ('pg_catalog', 'information_schema', '${COPY_SCHEMA}') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp\\_%'`;

/**
 * The tables holding rows, in the source's snapshot: plain tables and the leaves of partitioned
 * ones, not a partitioned parent (it holds none), a view, a foreign table or an extension's table.
 */
export async function tablesToCopy(source: pg.Client): Promise<TableToCopy[]> {
  const r = await source.query<{ schema: string; name: string; columns: string[] | string; rows: string; bytes: string }>(`
    SELECT n.nspname AS schema, c.relname AS name, greatest(c.reltuples, 0)::bigint::text AS rows,
           pg_total_relation_size(c.oid)::text AS bytes,
           coalesce((SELECT array_agg(a.attname::text ORDER BY a.attnum) FROM pg_attribute a
                     WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''), '{}') AS columns
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'r' AND ${NOT_COPIED}
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
    ORDER BY pg_total_relation_size(c.oid) DESC, 1, 2`);
  return r.rows.map((x) => ({ schema: x.schema, name: x.name, columns: textArray(x.columns), estimatedRows: Number(x.rows), bytes: Number(x.bytes) }));
}

/** Counts the rows (lines of COPY's text format: a newline in a value is written `\n`) and bytes going through. */
class Counter extends Transform {
  rows = 0;
  bytes = 0;
  override _transform(chunk: Buffer, _enc: BufferEncoding, done: (e?: Error | null, data?: Buffer) => void): void {
    this.bytes += chunk.length;
    for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) this.rows++;
    done(null, chunk);
  }
}

export interface CopyWorker {
  readonly source: pg.Client;
  readonly target: pg.Client;
}

/**
 * Copies one table: in one target transaction the table is emptied (what a killed copy left),
 * filled through COPY streamed from the source's snapshot, and recorded as copied — so a copy
 * stopped at any moment resumes table by table.
 */
export async function copyTable(w: CopyWorker, t: TableToCopy, reporter: Reporter, copyStreams: typeof import("pg-copy-streams")): Promise<{ rows: number; bytes: number; ms: number }> {
  const cols = t.columns.map(q).join(", ");
  const started = Date.now();
  const counter = new Counter();
  let last = 0;
  const timer = setInterval(() => {
    if (counter.bytes === last) return;
    last = counter.bytes;
    const s = (Date.now() - started) / 1000;
    const rate = counter.rows / s;
    // Rows left by the planner's estimate; a table never analysed has none: bytes left on disk then.
    const eta = rate > 0 && t.estimatedRows > counter.rows ? (t.estimatedRows - counter.rows) / rate : t.estimatedRows === 0 && t.bytes > counter.bytes ? (t.bytes - counter.bytes) / (counter.bytes / s) : null;
    reporter.emit({ type: "copy-progress", table: keyOf(t), rows: counter.rows, estimatedRows: t.estimatedRows, mbPerSecond: counter.bytes / 1e6 / s, etaSeconds: eta === null ? null : Math.round(eta) });
  }, 1000);
  await w.target.query("BEGIN");
  try {
    await w.target.query(`TRUNCATE ONLY ${qualified(t)}`);
    if (t.columns.length > 0) {
      const from = w.source.query(copyStreams.to(`COPY ${qualified(t)} (${cols}) TO STDOUT`));
      const into = w.target.query(copyStreams.from(`COPY ${qualified(t)} (${cols}) FROM STDIN`));
      await pipeline(from, counter, into);
    } else {
      // A table without columns still has rows: COPY cannot carry them, INSERT … SELECT can't reach across servers.
      const n = await w.source.query<{ n: string }>(`SELECT count(*)::text AS n FROM ONLY ${qualified(t)}`);
      for (let i = 0; i < Number(n.rows[0].n); i++) await w.target.query(`INSERT INTO ${qualified(t)} DEFAULT VALUES`);
      counter.rows = Number(n.rows[0].n);
    }
    await w.target.query(`INSERT INTO ${q(COPY_SCHEMA)}."tables" ("name", "rows", "bytes") VALUES ($1, $2, $3) ON CONFLICT ("name") DO UPDATE SET "rows" = EXCLUDED."rows", "bytes" = EXCLUDED."bytes", "copied_at" = now()`, [keyOf(t), counter.rows, counter.bytes]);
    await w.target.query("COMMIT");
  } catch (e) {
    await w.target.query("ROLLBACK").catch(() => undefined);
    throw new RunError("K9505", `copying table ${keyOf(t)} failed: ${(e as Error).message}`, "the tables copied before it are kept: fix the cause and run the command again to resume the copy", null, (e as Error).message);
  } finally {
    clearInterval(timer);
  }
  return { rows: counter.rows, bytes: counter.bytes, ms: Date.now() - started };
}

/** Every sequence's position in the source, set on the target (after the data, as pg_restore orders it). */
export async function copySequences(source: pg.Client, target: pg.Client): Promise<number> {
  const seqs = await source.query<{ schema: string; name: string }>(`
    SELECT n.nspname AS schema, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE c.relkind = 'S' AND ${NOT_COPIED}
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')`);
  for (const s of seqs.rows) {
    const v = await source.query<{ last_value: string; is_called: string | boolean }>(`SELECT last_value::text, is_called FROM ${qualified(s)}`);
    const called = v.rows[0].is_called === true || v.rows[0].is_called === "t" || v.rows[0].is_called === "true";
    await target.query(`SELECT setval($1, $2::bigint, $3)`, [qualified(s), v.rows[0].last_value, called]);
  }
  return seqs.rows.length;
}
