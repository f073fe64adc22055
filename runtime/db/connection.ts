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
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (fixtures, SQL files). */
  exec(sql: string): Promise<void>;
  close(): Promise<void>;
}

/** A database error with PostgreSQL's own code and message. */
export interface DbError extends Error {
  code?: string;
  detail?: string;
  hint?: string;
  position?: string;
}

export function isDbError(e: unknown): e is DbError {
  return e instanceof Error && typeof (e as DbError).code === "string";
}

/** SQLSTATE of "lock not available" (lock_timeout expired). */
export const LOCK_NOT_AVAILABLE = "55P03";
