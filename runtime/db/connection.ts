/**
 * One database connection, whichever engine: the PostgreSQL server through `pg`, or the embedded
 * PGlite. The runtime speaks only this interface. Values come back as text (see stdlib/builtin.ts).
 */
export interface QueryResult<R = Record<string, unknown>> {
  readonly rows: R[];
  readonly rowCount: number;
}

export interface Db {
  readonly kind: "postgres" | "pglite";
  /** Where it is, for messages (password hidden). */
  readonly where: string;
  /**
   * One statement with parameters, or, without parameters, text with one or more statements sent
   * as PostgreSQL's simple query (on both engines): the last statement's rows come back.
   */
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (fixtures, SQL files). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
  /**
   * A new connection to another server of the same cluster, as the same user with the same
   * settings (a Citus worker, for the per-shard backfill); absent where kmig does not hold the
   * connection's settings (a caller's client or pool, PGlite).
   */
  readonly connectNode?: (host: string, port: number) => Promise<Db>;
}

/** A database error with PostgreSQL's own code and message. */
export interface DbError extends Error {
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
}

/**
 * True for an error PostgreSQL reported (pg's DatabaseError, PGlite's error): a five-character
 * SQLSTATE. Node's socket errors (`ECONNRESET`, `EPIPE`) also carry a `code`, but with `syscall`.
 */
export function isDbError(e: unknown): e is DbError {
  if (!(e instanceof Error) && !(typeof e === "object" && e !== null && "message" in e)) return false;
  const code = (e as DbError).code;
  return typeof code === "string" && /^[0-9A-Z]{5}$/.test(code) && !("syscall" in (e as object));
}

/** SQLSTATE of "lock not available" (lock_timeout expired). */
export const LOCK_NOT_AVAILABLE = "55P03";
