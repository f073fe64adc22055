import { userInfo } from "node:os";
import type pg from "pg";
import { parse as parseConnectionString, toClientConfig } from "pg-connection-string";
import { RunError } from "../errors.js";
import type { Db, QueryResult } from "./connection.js";
import { connectFailure } from "./failures.js";

/** Every value as PostgreSQL's text output: no Date objects, no float rounding. */
const TEXT_TYPES = { getTypeParser: () => (v: string) => v } as unknown as pg.CustomTypesConfig;

/** How long opening a connection may take when neither the URL nor PGCONNECT_TIMEOUT says: libpq waits forever. */
export const DEFAULT_CONNECT_TIMEOUT_S = 10;

/** A server connection: a `postgres://` URL, or a bare database name on the server the PG* variables name. */
export type ServerTarget = { readonly url: string } | { readonly database: string };

/**
 * A connection to a PostgreSQL server. `command` goes into application_name (with this process's
 * id), so that a run waiting for kmig's lock can say which run holds it. `where` names the server
 * in messages (password hidden). A failure to connect is a RunError saying what went wrong.
 */
export async function openPostgres(target: ServerTarget | string, command = "kmig", where?: string): Promise<Db> {
  const { client, shown } = await connectPgClient(target, command, where);
  const db = await wrapClient(client, shown);
  return { ...db, connectNode: (host, port) => openPostgresAt(target, { host, port }, command) };
}

/** The same target's settings (user, password, database, TLS) on another server: a Citus worker. */
async function openPostgresAt(target: ServerTarget | string, at: { host: string; port: number }, command: string): Promise<Db> {
  const t = typeof target === "string" ? { url: target } : target;
  const shown = `${at.host}:${at.port}/${"url" in t ? (clientConfig(t, "").config.database ?? "") : t.database}`;
  const { client } = await connectPgClient(t, command, shown, false, at);
  return wrapClient(client, shown);
}

/**
 * A raw `pg` client (for what the Db interface does not carry: COPY streams), connected with the
 * same settings and failures as openPostgres; `readOnly` makes the server refuse every write.
 */
export async function connectPgClient(target: ServerTarget | string, command = "kmig", where?: string, readOnly = false, at?: { host: string; port: number }): Promise<{ client: pg.Client; shown: string }> {
  const t = typeof target === "string" ? { url: target } : target;
  const shown = where ?? ("url" in t ? t.url.replace(/:[^:@/]*@/, ":***@") : t.database);
  const found = clientConfig(t, shown);
  const { timeoutS, fallbackToPlain } = found;
  const config = at ? { ...found.config, host: at.host, port: at.port } : found.config;
  // Loaded on first use: `kmig check` never pays for the driver.
  const { default: driver } = await import("pg");
  const connect = async (c: pg.ClientConfig) => {
    const client = new driver.Client({ ...c, types: TEXT_TYPES, application_name: `${command} (pid ${process.pid})`.slice(0, 63), connectionTimeoutMillis: timeoutS * 1000, ...(readOnly ? { options: "-c default_transaction_read_only=on" } : {}) });
    // A lost connection surfaces as a query error, not as an unhandled event.
    client.on("error", () => undefined);
    await client.connect();
    return client;
  };
  let client: pg.Client;
  try {
    client = await connect(config);
  } catch (e) {
    // libpq's `prefer` and `allow` fall back to a plain connection when the server has no TLS.
    if (!(fallbackToPlain && /does not support SSL/.test((e as Error).message))) throw connectFailure(e, shown, timeoutS) ?? e;
    try {
      client = await connect({ ...config, ssl: false });
    } catch (e2) {
      throw connectFailure(e2, shown, timeoutS) ?? e2;
    }
  }
  return { client, shown };
}

/** The runtime's Db over a connected client: UTC, text values. */
export async function wrapClient(client: pg.Client, shown: string): Promise<Db> {
  await client.query("SET TimeZone = 'UTC'");
  return {
    kind: "postgres",
    where: shown,
    async query<R>(sql: string, params: readonly unknown[] = []): Promise<QueryResult<R>> {
      // Text with several statements (no parameters: the simple query protocol) gives one result each.
      const all = await client.query(sql, params as unknown[]);
      const r = Array.isArray(all) ? ((all as pg.QueryResult[]).at(-1) ?? { rows: [], rowCount: 0 }) : all;
      return { rows: r.rows as R[], rowCount: r.rowCount ?? 0 };
    },
    async exec(sql: string): Promise<void> {
      await client.query(sql);
    },
    async close(): Promise<void> {
      await client.end().catch(() => undefined);
    },
  };
}

/**
 * The driver's settings for a target. A URL is read with libpq's meaning of `sslmode` (`require`
 * encrypts without checking the certificate, as psql does). A bare name leaves host, port, user
 * and password to the driver, which reads PGHOST, PGPORT, PGUSER and PGPASSWORD as libpq does.
 */
function clientConfig(t: ServerTarget, where: string): { config: pg.ClientConfig; timeoutS: number; fallbackToPlain: boolean } {
  const envTimeout = Number(process.env.PGCONNECT_TIMEOUT);
  if (!("url" in t)) {
    const mode = process.env.PGSSLMODE;
    return { config: { database: t.database, user: defaultUser() }, timeoutS: envTimeout > 0 ? envTimeout : DEFAULT_CONNECT_TIMEOUT_S, fallbackToPlain: mode === undefined || mode === "prefer" || mode === "allow" };
  }
  let parsed: ReturnType<typeof parseConnectionString>;
  try {
    parsed = parseConnectionString(t.url, /[?&]uselibpqcompat=/i.test(t.url) ? {} : { useLibpqCompat: true });
  } catch (e) {
    // sslrootcert, sslcert or sslkey name a file that cannot be read, or a contradictory sslmode.
    throw new RunError("K9026", `cannot connect to ${where}: the TLS settings of the URL cannot be used: ${(e as Error).message}`, "check the sslmode, sslrootcert, sslcert and sslkey parameters of the URL", null, (e as Error).message);
  }
  const urlTimeout = Number(parsed.connect_timeout);
  const timeoutS = urlTimeout > 0 ? urlTimeout : envTimeout > 0 ? envTimeout : DEFAULT_CONNECT_TIMEOUT_S;
  const mode = typeof parsed.sslmode === "string" ? parsed.sslmode : undefined;
  const config = toClientConfig(parsed);
  return { config: { ...config, user: config.user || defaultUser() }, timeoutS, fallbackToPlain: mode === "prefer" || mode === "allow" };
}

/** The user when none is named: PGUSER, else the operating-system user, as libpq (the driver alone reads only $USER). */
function defaultUser(): string | undefined {
  if (process.env.PGUSER || process.env.USER) return process.env.PGUSER || process.env.USER;
  try {
    return userInfo().username;
  } catch {
    return undefined;
  }
}
