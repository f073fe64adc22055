import { RunError } from "../errors.js";
import type { Db } from "./connection.js";
import { embeddedFailure } from "./failures.js";
import { parseTarget, type DbTarget } from "./target.js";

/** Who opens the database (`kmig apply`), and how long to wait for an embedded one another run has open. */
export interface OpenOptions {
  readonly command?: string;
  readonly lockTimeoutMs?: number;
  /** Told when opening takes long for a reason worth saying (a new embedded database is initialised). */
  readonly onNote?: (message: string) => void;
}

/**
 * Where the database is: `flag` (a `--db` value), else DATABASE_URL, else the embedded PGlite in
 * `.kmig/pglite` (see runtime/db/target.ts). A value kmig does not take is a RunError (K9020).
 */
export function resolveTarget(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): DbTarget {
  const t = parseTarget(flag, "--db", env);
  if (t.kind === "invalid") throw new RunError("K9020", t.message, t.help);
  return t;
}

/** Opens the database `flag` names (see resolveTarget), or the target already resolved. */
export async function openDb(flag: string | undefined | DbTarget, opts: OpenOptions = {}): Promise<Db> {
  const t = typeof flag === "object" ? flag : resolveTarget(flag);
  const command = opts.command ?? "kmig";
  switch (t.kind) {
    case "postgres":
      return (await import("./postgres.js")).openPostgres({ url: t.url }, command, t.where);
    case "postgres-name":
      return (await import("./postgres.js")).openPostgres({ database: t.database }, command, t.where);
    case "pglite":
      try {
        return await (await import("./pglite.js")).openPglite(t.dir, { command, lockTimeoutMs: opts.lockTimeoutMs ?? 5000, onNote: opts.onNote });
      } catch (e) {
        throw embeddedFailure(e, t.dir);
      }
  }
}
