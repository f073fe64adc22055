import type { Db } from "./connection.js";

/** Where the database is: `--db`, else DATABASE_URL, else the embedded PGlite in `.kmig/pglite`. */
export function resolveTarget(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): { kind: "postgres"; url: string } | { kind: "pglite"; dir: string } {
  const url = flag ?? env.DATABASE_URL;
  if (url && !url.startsWith("pglite:")) return { kind: "postgres", url };
  return { kind: "pglite", dir: url?.startsWith("pglite:") ? url.slice("pglite:".length) : ".kmig/pglite" };
}

export async function openDb(flag: string | undefined): Promise<Db> {
  const t = resolveTarget(flag);
  if (t.kind === "postgres") return (await import("./postgres.js")).openPostgres(t.url);
  return (await import("./pglite.js")).openPglite(t.dir);
}
