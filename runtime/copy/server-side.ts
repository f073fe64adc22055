import type pg from "pg";
import { RunError } from "../errors.js";
import type { DbTarget } from "../db/target.js";
import type { ServerTarget } from "../db/postgres.js";

/**
 * One side of a copy (the source or the target): a database on a PostgreSQL server, with what
 * kmig needs to reach it three ways — the driver, the server's maintenance database (to create or
 * drop it), and libpq's command-line tools (`pg_dump`, `pg_restore`).
 */
export interface ServerSide {
  readonly role: "source" | "target";
  readonly database: string;
  readonly where: string;
  /** For the driver. */
  readonly server: ServerTarget;
  /** The same server's `postgres` database, for CREATE/DROP DATABASE. */
  readonly maintenance: ServerTarget;
  /** libpq's `-d` value for pg_dump and pg_restore (a URL, or a bare name read with PG* variables). */
  readonly dumpArg: string;
}

/** A database target as a server side; an embedded database cannot be copied from or to. */
export function serverSide(t: DbTarget, role: "source" | "target"): ServerSide {
  if (t.kind === "pglite") {
    throw new RunError("K9501", `the ${role} of a copy is an embedded database (${t.where})`, "copy mode copies between two PostgreSQL servers' databases: give postgres:// URLs for source and target");
  }
  if (t.kind === "postgres-name") {
    return { role, database: t.database, where: t.where, server: { database: t.database }, maintenance: { database: "postgres" }, dumpArg: t.database };
  }
  const url = new URL(t.url);
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || url.searchParams.get("dbname") || process.env.PGDATABASE || "postgres";
  const admin = new URL(t.url);
  admin.pathname = "/postgres";
  admin.searchParams.delete("dbname");
  return { role, database, where: t.where, server: { url: t.url }, maintenance: { url: admin.toString() }, dumpArg: t.url };
}

/** The same database on the same server (as far as the URLs tell; the caller also compares system identifiers). */
export function sameDatabase(a: ServerSide, b: ServerSide): boolean {
  const key = (s: ServerSide) => {
    if ("database" in s.server) return `${process.env.PGHOST || "localhost"}:${process.env.PGPORT || "5432"}/${s.database}`;
    const u = new URL(s.server.url);
    const host = u.hostname === "127.0.0.1" || u.hostname === "::1" || u.hostname === "[::1]" ? "localhost" : u.hostname || process.env.PGHOST || "localhost";
    return `${host}:${u.port || "5432"}/${s.database}`;
  };
  return key(a) === key(b);
}

/** The major version of the server a client is connected to (15 for 15.4). */
export async function serverMajor(c: pg.Client): Promise<number> {
  return Math.floor(Number((await c.query<{ v: string }>("SHOW server_version_num")).rows[0].v) / 10000);
}
