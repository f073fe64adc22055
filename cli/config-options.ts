import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import { UsageError } from "./files.js";

/** Flags for config-file steps, and the run file in the shape of the guide's migration-config.yml. */
export const CONFIG_OPTIONS = {
  "config-from": { type: "string" },
  "config-to": { type: "string" },
  run: { type: "string" },
} as const;

export const CONFIG_OPTIONS_HELP = `  --config-from DIR    the v1 config folder the config steps read
  --config-to DIR      the folder they write (may be the same folder: in-place)
  --run FILE           a run file like the guide's migration-config.yml (source.database_url,
                       source.config_path, target.config_path); flags win over it`;

interface RunFile {
  readonly db: string | null;
  readonly from: string | null;
  readonly to: string | null;
}

function readRunFile(path: string): RunFile {
  if (!existsSync(path)) throw new UsageError(`no such run file: ${path}`);
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`${path} is not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
  const get = (a: string, b: string): string | null => {
    const section = (doc as Record<string, unknown> | null)?.[a];
    const v = section && typeof section === "object" ? (section as Record<string, unknown>)[b] : undefined;
    return typeof v === "string" ? v : null;
  };
  const base = dirname(path);
  const rel = (p: string | null) => (p === null ? null : resolve(base, p));
  return { db: get("source", "database_url"), from: rel(get("source", "config_path")), to: rel(get("target", "config_path")) };
}

/** The config folders and database the flags (and run file) name. */
export function configTarget(values: { "config-from"?: string; "config-to"?: string; run?: string; db?: string }, forRollback = false): { db: string | undefined; config: { from: string; to: string } | null; to: string | null } {
  const file = values.run ? readRunFile(values.run) : { db: null, from: null, to: null };
  const from = values["config-from"] ?? file.from;
  const to = values["config-to"] ?? file.to;
  const db = values.db ?? file.db ?? undefined;
  if (forRollback) return { db, config: null, to };
  if ((from === null) !== (to === null)) throw new UsageError("give both --config-from and --config-to (or neither)");
  if (from !== null && (!existsSync(from) || !statSync(from).isDirectory())) throw new UsageError(`--config-from ${from} is not a folder`);
  return { db, config: from !== null && to !== null ? { from, to } : null, to };
}
