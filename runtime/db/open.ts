import type { Db } from "./connection.js";

/** Where the database is: `--db`, else DATABASE_URL, else the embedded PGlite in `.kmig/pglite`. */
export function resolveTarget(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { kind: "postgres"; url: string } | { kind: "pglite"; dir: string } {
  const url = flag ?? env.DATABASE_URL;
  if (url && !url.startsWith("pglite:")) return { kind: "postgres", url };
  return { kind: "pglite", dir: url?.startsWith("pglite:") ? url.slice("pglite:".length) : ".kmig/pglite" };
}

/** Who opens the database (`kmig apply`), and how long to wait for an embedded one another run has open. */
export interface OpenOptions {
  readonly command?: string;
  readonly lockTimeoutMs?: number;
  /** Told when opening takes long for a reason worth saying (a new embedded database is initialised). */
  readonly onNote?: (message: string) => void;
}

export async function openDb(flag: string | undefined, opts: OpenOptions = {}): Promise<Db> {
  const t = resolveTarget(flag);
  const command = opts.command ?? "kmig";
  if (t.kind === "postgres") return (await import("./postgres.js")).openPostgres(t.url, command);
  return (await import("./pglite.js")).openPglite(t.dir, { command, lockTimeoutMs: opts.lockTimeoutMs ?? 5000, onNote: opts.onNote });
}
