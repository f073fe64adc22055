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

/** The server's `server_version_num` (150020 for 15.20, 170004 for 17.4). */
export async function serverVersionNum(c: pg.Client): Promise<number> {
  return Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v);
}

/** The major version of the server a client is connected to (15 for 15.4). */
export async function serverMajor(c: pg.Client): Promise<number> {
  return Math.floor((await serverVersionNum(c)) / 10000);
}

/**
 * A target on an older PostgreSQL major than the source (K9504): what pg_dump reads from a newer
 * server may use what the older one does not have, and PostgreSQL supports no downgrade.
 * Arguments are `server_version_num`s; the same major, or a newer one, is fine.
 */
export function olderTarget(sourceNum: number, targetNum: number): RunError | null {
  const major = (n: number) => Math.floor(n / 10000);
  if (major(targetNum) >= major(sourceNum)) return null;
  return new RunError("K9504", `the target's server runs PostgreSQL ${major(targetNum)}, older than the source's (${major(sourceNum)})`, "copy into a server of the same or a newer major version; nothing was written");
}
