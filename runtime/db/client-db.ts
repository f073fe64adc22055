import type { Db, QueryResult } from "./connection.js";
import { openDb } from "./open.js";

/** A `pg` client as the runtime uses it (pg.Client, or a client checked out of a pg.Pool). */
export interface PgClientLike {
  query(config: { text: string; values?: unknown[]; types?: unknown }): Promise<unknown>;
}

/** A `pg` pool: a client is checked out for the whole run (kmig's lock is held by one session). */
export interface PgPoolLike {
  connect(): Promise<PgClientLike & { release(err?: boolean | Error): void }>;
  readonly totalCount: number;
}

/** A PGlite instance (`new PGlite(...)`), as the runtime uses it. */
export interface PgliteLike {
  query(sql: string, params?: unknown[], options?: { parsers?: Record<number, (v: string) => unknown> }): Promise<{ rows: unknown[]; affectedRows?: number }>;
  exec(sql: string, options?: { parsers?: Record<number, (v: string) => unknown> }): Promise<{ rows: unknown[]; affectedRows?: number }[]>;
  readonly waitReady: Promise<void>;
}

/**
 * The database a library call works on: a `pg` client or pool, a PGlite instance (each owned by
 * the caller: kmig never closes it), or a `--db` value (a `postgres://` URL, a database name,
 * `pglite:DIR`), which kmig opens and closes itself.
 */
export type Database = PgClientLike | PgPoolLike | PgliteLike | string;

/** Every value as PostgreSQL's text output, as kmig's own connections read them (stdlib/builtin.ts). */
const TEXT_TYPES = { getTypeParser: () => (v: string) => v };

/**
 * Runs `work` on the database: a caller's client for the whole run in UTC (its time zone is put
 * back afterwards), a pool's client checked out and released, or a connection kmig opens from a
 * `--db` value and closes.
 */
export async function withDatabase<T>(database: Database, command: string, lockTimeoutMs: number, work: (db: Db) => Promise<T>): Promise<T> {
  if (typeof database === "string") {
    const db = await openDb(database, { command, lockTimeoutMs });
    try {
      return await work(db);
    } finally {
      await db.close();
    }
  }
  if (isPglite(database)) return inUtc(await pgliteOf(database), work);
  if (isPool(database)) {
    const client = await database.connect();
    try {
      return await inUtc(pgOf(client, "a pg pool's client"), work);
    } finally {
      client.release();
    }
  }
  return inUtc(pgOf(database, "a pg client"), work);
}

const isPglite = (x: object): x is PgliteLike => "exec" in x && "waitReady" in x;
const isPool = (x: object): x is PgPoolLike => "totalCount" in x && typeof (x as PgPoolLike).connect === "function";

/** The session in UTC while kmig works (as its own connections are), then as the caller had it. */
async function inUtc<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T> {
  const { rows } = await db.query<{ tz: string }>("SELECT current_setting('TimeZone') AS tz");
  await db.query("SET TimeZone = 'UTC'");
  try {
    return await work(db);
  } finally {
    await db.query("SELECT set_config('TimeZone', $1, false)", [rows[0]?.tz ?? "UTC"]).catch(() => undefined);
  }
}

function pgOf(client: PgClientLike, where: string): Db {
  return {
    kind: "postgres",
    where,
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      // Without parameters: the simple query protocol, so that text with several statements runs.
      const all = (await client.query({ text: sql, values: params.length > 0 ? [...params] : undefined, types: TEXT_TYPES })) as unknown;
      const r = (Array.isArray(all) ? (all.at(-1) ?? { rows: [], rowCount: 0 }) : all) as { rows: R[]; rowCount: number | null };
      return { rows: r.rows, rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query({ text: sql, types: TEXT_TYPES });
    },
    close: async () => undefined,
  };
}

async function pgliteOf(pg: PgliteLike): Promise<Db> {
  await pg.waitReady;
  const { types } = await import("@electric-sql/pglite");
  const oids = Object.values(types as unknown as Record<string, unknown>).filter((v): v is number => typeof v === "number");
  const parsers = Object.fromEntries(oids.map((oid) => [oid, (v: string) => v]));
  return {
    kind: "pglite",
    where: "a PGlite instance",
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      const r = params.length === 0 ? ((await pg.exec(sql, { parsers })).at(-1) ?? { rows: [], affectedRows: 0 }) : await pg.query(sql, [...params], { parsers });
      return { rows: r.rows as R[], rowCount: Math.max(r.affectedRows ?? 0, r.rows.length) };
    },
    async exec(sql: string): Promise<void> {
      await pg.exec(sql, { parsers });
    },
    close: async () => undefined,
  };
}
