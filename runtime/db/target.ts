/**
 * What a database value (`--db`, DATABASE_URL, a run file's `source.database_url`) means. kmig
 * speaks PostgreSQL only, so it takes exactly these forms and refuses everything else before it
 * connects anywhere:
 *
 * - `postgres://user:password@host:port/dbname?params` (or `postgresql://`): a server; the
 *   parameters are libpq's (`sslmode`, `connect_timeout`, `host=/run/postgresql` for a Unix
 *   socket, `application_name`…). A Unix socket may also be the host, percent-encoded
 *   (`postgres://%2Frun%2Fpostgresql/dbname`).
 * - a bare database name (`mydb`, psql's habit): that database on the server the libpq variables
 *   name — PGHOST (else localhost), PGPORT (else 5432), PGUSER (else the operating-system user),
 *   PGPASSWORD, PGSSLMODE.
 * - `pglite:DIR`: an embedded PostgreSQL (PGlite) kept in the folder DIR.
 */
export type DbTarget =
  | { readonly kind: "postgres"; readonly url: string; readonly where: string }
  | { readonly kind: "postgres-name"; readonly database: string; readonly where: string }
  | { readonly kind: "pglite"; readonly dir: string; readonly where: string };

/** A value that is none of the forms above: what is wrong with it, and what a good one looks like. */
export interface BadTarget {
  readonly kind: "invalid";
  readonly message: string;
  readonly help: string;
}

/** The embedded database used when nothing names one. */
export const DEFAULT_PGLITE_DIR = ".kmig/pglite";

/** What every refusal ends with: the forms kmig takes. */
export const TARGET_FORMS = "give postgres://user:password@host:5432/dbname, a database name on the default server (PGHOST, else localhost), or pglite:DIR for an embedded database";

/** A word psql would take as a database name: no scheme, no path, no host syntax. */
const BARE_NAME = /^[A-Za-z_][A-Za-z0-9_$-]*$/;

/**
 * The database `value` names (`source` says where the value came from, for messages: `--db`, a
 * run file…). No value is DATABASE_URL's (an empty one counts as unset), else the embedded
 * database in `.kmig/pglite`.
 */
export function parseTarget(value: string | undefined, source = "--db", env: NodeJS.ProcessEnv = process.env): DbTarget | BadTarget {
  if (value === undefined && env.DATABASE_URL) return parseValue(env.DATABASE_URL, "DATABASE_URL", env);
  if (value === undefined) return { kind: "pglite", dir: DEFAULT_PGLITE_DIR, where: `embedded PGlite in ${DEFAULT_PGLITE_DIR}` };
  return parseValue(value, source, env);
}

function parseValue(value: string, source: string, env: NodeJS.ProcessEnv): DbTarget | BadTarget {
  const text = value.trim();
  if (text === "") return bad(`${source} is empty`);
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(text)?.[1].toLowerCase();
  if (scheme === "pglite") return pgliteTarget(text.slice("pglite:".length), source);
  if (scheme === "postgres" || scheme === "postgresql") return urlTarget(text, source);
  if (scheme !== undefined && text.slice(scheme.length + 1).startsWith("//")) return bad(`${source}: kmig works with PostgreSQL only, and \`${scheme}:\` is not a PostgreSQL URL`);
  if (BARE_NAME.test(text)) {
    const host = env.PGHOST || "localhost";
    return { kind: "postgres-name", database: text, where: `database ${text} on ${host}:${env.PGPORT || "5432"}` };
  }
  return bad(`${source} \`${hidePassword(text)}\` is not a database URL${guess(text)}`);
}

function pgliteTarget(dir: string, source: string): DbTarget | BadTarget {
  if (dir === "") return bad(`${source} \`pglite:\` names no folder`);
  if (dir.startsWith("//")) return bad(`${source} \`pglite:${dir}\`: write pglite:DIR, without \`//\` (e.g. pglite:.kmig/pglite)`);
  return { kind: "pglite", dir, where: `embedded PGlite in ${dir}` };
}

function urlTarget(text: string, source: string): DbTarget | BadTarget {
  try {
    new URL(text);
  } catch {
    return bad(`${source} \`${hidePassword(text)}\` is not a valid URL${urlProblem(text)}`);
  }
  return { kind: "postgres", url: text, where: hidePassword(text) };
}

/** The part of a malformed `postgres://` URL that is wrong, as far as a look at it can tell. */
function urlProblem(text: string): string {
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(text)?.[1];
  if (authority === undefined) return ": it must start with postgres:// (two slashes)";
  const hostPort = authority.slice(authority.lastIndexOf("@") + 1);
  const port = /^(?:\[[^\]]*\]|[^:]*):(.*)$/.exec(hostPort)?.[1];
  if (port !== undefined && port !== "" && !(/^\d+$/.test(port) && Number(port) <= 65535)) return `: the port \`${port}\` is not a number from 1 to 65535`;
  if (/\s/.test(authority)) return ": the host part holds a space";
  return ": a character in it must be percent-encoded (e.g. `@` as %40 or `/` as %2F in a password)";
}

/** A likely meaning of a value in none of the forms: `host:5432/db`, `user@host/db`, a path. */
function guess(text: string): string {
  if (/^[^/\s]*[@:][^\s]*$/.test(text) && !text.includes("://")) return `; did you mean postgres://${text}?`;
  if (text.includes("/") || text.startsWith(".")) return `; for an embedded database in that folder, write pglite:${text}`;
  return "";
}

/** The value with any password replaced by `***`, for messages. */
export function hidePassword(text: string): string {
  return text.replace(/^([a-z]+:\/\/[^:@/]*):[^@/]*@/i, "$1:***@").replace(/([?&]password=)[^&]*/i, "$1***");
}

function bad(message: string): BadTarget {
  return { kind: "invalid", message, help: TARGET_FORMS };
}
