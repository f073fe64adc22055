import { RunError } from "../errors.js";
import { isDbError } from "./connection.js";

/**
 * Failures that are the database's or the network's, not kmig's, turned into the RunError a user
 * can act on: each kind its own code, a message naming the database, and what to do. An error
 * this does not recognise is returned as null (and is then a bug in kmig: K8001).
 */

/** Node's socket and DNS error codes, and pg's own connection errors, by kind. */
const REFUSED = new Set(["ECONNREFUSED"]);
const UNKNOWN_HOST = new Set(["ENOTFOUND", "EAI_AGAIN", "EAI_NONAME", "EAI_FAIL"]);
const UNREACHABLE = new Set(["ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "EHOSTDOWN", "ENETDOWN"]);
const LOST = new Set(["ECONNRESET", "EPIPE", "ECONNABORTED"]);
/** SQLSTATEs of a server that ended the session: admin shutdown, crash shutdown, connection failure. */
const LOST_SQLSTATE = new Set(["57P01", "57P02", "08006", "08003", "08001", "08004"]);

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));
const codeOf = (e: unknown): string | undefined => (e as { code?: unknown })?.code as string | undefined;

/** True for an error from TLS: negotiation, certificates, a server without SSL. */
function isTls(e: unknown): boolean {
  const code = codeOf(e) ?? "";
  return /SSL|TLS|CERT|EPROTO/.test(code) || /\bSSL\b|certificate|TLS/.test(messageOf(e));
}

/** A failure while opening a session on a PostgreSQL server (`where` names it, password hidden). */
export function connectFailure(e: unknown, where: string, timeoutS: number): RunError | null {
  const code = codeOf(e);
  const msg = messageOf(e);
  const at = `cannot connect to ${where}`;
  if (isTls(e)) return new RunError("K9026", `${at}: TLS failed: ${msg}`, "check sslmode (disable, allow, prefer, require, verify-ca, verify-full, as libpq) and the certificate parameters in the URL", null, msg);
  if (code && REFUSED.has(code)) return new RunError("K9021", `${at}: connection refused (${msg.replace(/^connect /, "")})`, "is the server running, and listening on that host and port? check --db (or DATABASE_URL)", null, msg);
  if (code && UNKNOWN_HOST.has(code)) return new RunError("K9022", `${at}: the host name \`${(e as { hostname?: string }).hostname ?? "?"}\` does not resolve`, "check the host in --db (or DATABASE_URL, PGHOST); a server on this machine is localhost or 127.0.0.1", null, msg);
  if ((code && UNREACHABLE.has(code)) || /timeout/i.test(msg)) {
    const why = code && UNREACHABLE.has(code) && code !== "ETIMEDOUT" ? `the server is unreachable (${msg})` : `no answer within ${timeoutS} s`;
    return new RunError("K9023", `${at}: ${why}`, "check the host and port, and that no firewall drops the connection; connect_timeout=SECONDS in the URL (or PGCONNECT_TIMEOUT) sets how long kmig waits", null, msg);
  }
  if (code === "28P01" || code === "28000" || /password/i.test(msg)) {
    return new RunError("K9024", `${at}: authentication failed: ${msg}`, "check the user and password in the URL (or PGUSER, PGPASSWORD); the server's pg_hba.conf decides who may connect from where", null, msg);
  }
  if (code === "3D000") {
    const name = /database "(.*)" does not exist/.exec(msg)?.[1] ?? "NAME";
    return new RunError("K9025", `${at}: ${msg}`, `create it (\`createdb ${name}\`, or CREATE DATABASE in psql), or name a database that exists`, null, msg);
  }
  if ((code && LOST.has(code)) || /terminated|closed/i.test(msg)) {
    return new RunError("K9027", `${at}: the server closed the connection before kmig could log in (${msg})`, "check the host and port: is a PostgreSQL server listening there? (a server shutting down, a firewall or a proxy in between also close connections)", null, msg);
  }
  if (isDbError(e)) return new RunError("K9010", `${at}: the server refused the session: ${msg} [SQLSTATE ${code}]`, "wait and retry (the server may be starting, or at its connection limit), or ask its administrator", null, msg);
  return null;
}

/**
 * A failure in the middle of a command that is the database's: the connection was lost, or the
 * server refused something kmig needs outside any step (a privilege, a read-only server, a full
 * disk). Null for anything else.
 */
export function sessionFailure(e: unknown, where: string): RunError | null {
  if (e instanceof RunError) return e;
  const code = codeOf(e);
  const msg = messageOf(e);
  if ((code && (LOST.has(code) || LOST_SQLSTATE.has(code))) || /Connection terminated|Client has encountered a connection error|not queryable/i.test(msg)) {
    return new RunError("K9027", `the connection to ${where} was lost: ${msg}`, "check the server, then run the command again: an interrupted apply resumes where it stopped", null, msg);
  }
  if (!isDbError(e)) return null;
  switch (code) {
    case "42501":
      return new RunError("K9029", `${where} refused: ${msg} [SQLSTATE 42501]`, "kmig needs to create its schema `kmig` and to change the tables of the spec: connect as a user who may, or grant the privileges", null, msg);
    case "25006":
      return new RunError("K9029", `${where} is read-only: ${msg} [SQLSTATE 25006]`, "connect to the primary server, not a read-only replica", null, msg);
    case "53100":
    case "53200":
    case "53300":
      return new RunError("K9029", `${where} is out of resources: ${msg} [SQLSTATE ${code}]`, "free disk space or memory on the server (or wait for connections to close), then run the command again", null, msg);
    default:
      return null;
  }
}

/** A failure to open (or create) the embedded database in `dir`: always the folder's, never kmig's. */
export function embeddedFailure(e: unknown, dir: string): RunError {
  if (e instanceof RunError) return e;
  const code = codeOf(e);
  const msg = messageOf(e);
  const at = `cannot open the embedded database in ${dir}`;
  switch (code) {
    case "ENOTDIR":
    case "EEXIST":
      return new RunError("K9028", `${at}: ${dir} or a folder above it is a file`, "pglite:DIR needs a folder (kmig creates it if it does not exist)", null, msg);
    case "EACCES":
    case "EPERM":
    case "EROFS":
    case "ENOENT":
      return new RunError("K9028", `${at}: kmig may not create or write files there (${msg})`, "choose a folder kmig can write, with pglite:DIR", null, msg);
    case "ENOSPC":
      return new RunError("K9028", `${at}: the disk is full`, "free some space, or choose a folder on another disk with pglite:DIR", null, msg);
    default:
      return new RunError("K9028", `${at}: ${msg}`, "the folder does not hold a database this kmig can open (another PGlite version's, or damaged): use another folder, or delete this one to start again", null, msg);
  }
}
