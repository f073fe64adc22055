import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { hasErrors, sortDiagnostics } from "../core/diagnostics/diagnostic.js";
import type { Db } from "../runtime/db/connection.js";
import { readLedger } from "../runtime/ledger.js";
import { isCompiledFolder } from "../runtime/load/compiled-plans.js";
import { lintUnit } from "../compiler/lint/index.js";
import { NEWEST_PG, OLDEST_PG } from "../compiler/lint/lock-claims.js";
import { SIZE_BOUND_CODES, type TableSize } from "../compiler/lint/live-size.js";
import { lintConfigFor } from "./lint-config.js";
import { loadChainFolder } from "./load-chains.js";
import { ident } from "../core/sql-quote.js";

/** What the live server tells the lints: its major version and the public tables' sizes. */
export interface LiveServer {
  readonly pgVersion: number;
  readonly sizes: ReadonlyMap<string, TableSize>;
}

/**
 * `server_version_num` (within the versions the lints know) and each public table's estimated rows
 * and bytes. A table the server has no estimate for (never analyzed) is counted, reading at most
 * `countUpTo` rows: more than that is left unknown (its lints stay as configured).
 */
export async function liveServer(db: Db, countUpTo = 10_000): Promise<LiveServer> {
  const v = Number((await db.query<{ v: string }>(`SELECT current_setting('server_version_num') AS v`)).rows[0]?.v ?? 0);
  const major = Math.min(NEWEST_PG, Math.max(OLDEST_PG, Math.floor(v / 10000)));
  const r = await db.query<{ t: string; rows: string; bytes: string }>(
    `SELECT c.relname AS t, c.reltuples::bigint::text AS rows, pg_relation_size(c.oid)::text AS bytes
     FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
  );
  // reltuples is -1 (PostgreSQL 14+) or 0 with pages (older) before the first ANALYZE or VACUUM: no estimate.
  const sizes = new Map(r.rows.map((x) => [x.t, { rows: Number(x.rows) < 0 || (Number(x.rows) === 0 && Number(x.bytes) > 0) ? null : Number(x.rows), bytes: Number(x.bytes) }] as const));
  for (const [t, size] of sizes) {
    if (size.rows !== null) continue;
    const n = Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM (SELECT 1 FROM ${ident("public")}.${ident(t)} LIMIT ${Math.max(1, Math.floor(countUpTo))}) AS x`)).rows[0]?.n ?? 0);
    if (n < countUpTo) sizes.set(t, { ...size, rows: n });
  }
  return { pgVersion: major, sizes };
}

/**
 * The size-bound safety lints (locks, scans, rewrites) of the migrations not yet applied to `db`, for
 * `kmig plan` and `kmig apply`: as `kmig check` finds them, but for the live server's version and graded
 * by its table's live size (kmig.yaml `lint-ignore-below-rows`, `lint-note-below-rows`). None for a
 * compiled folder (no source to point at), or a folder whose kmig.yaml has errors (`kmig check` says).
 */
export async function liveLints(db: Db, folder: string): Promise<Diagnostic[]> {
  if (isCompiledFolder(folder)) return [];
  const loaded = loadChainFolder("plan", [folder]);
  const chain = loaded.chains[0]?.result;
  if (!chain || !chain.complete || hasErrors(chain.diagnostics)) return [];
  const version = lintConfigFor(folder, null);
  const server = await liveServer(db, version.options.sizeThresholds?.noteBelowRows);
  const config = lintConfigFor(folder, server.pgVersion);
  if (hasErrors(config.diagnostics)) return [];
  const applied = new Set((await readLedger(db)).filter((r) => r.state === "applied").map((r) => r.id));
  const options = { ...config.options, sizes: server.sizes };
  // Only the lints whose cost grows with the rows: the others (client breaks, type choices) are `kmig check`'s.
  return sortDiagnostics(chain.units.filter((u) => !applied.has(u.plan.id)).flatMap((u) => lintUnit(u, options)).filter((d) => SIZE_BOUND_CODES.includes(d.code)));
}
