import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { parse } from "yaml";
import type { DbTarget } from "../runtime/db/target.js";
import { UsageError } from "./files.js";
import { dbTarget } from "./run-options.js";

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

/** What is at `path`: a file, a folder, something else, or nothing. */
function kindOf(path: string): "file" | "folder" | "other" | "missing" {
  try {
    const st = statSync(path);
    return st.isFile() ? "file" : st.isDirectory() ? "folder" : "other";
  } catch {
    return "missing";
  }
}

function readRunFile(path: string): RunFile {
  const kind = kindOf(path);
  if (kind !== "file") throw new UsageError(kind === "missing" ? `no such run file: ${path}` : `--run ${path} is not a file`, "--run takes a YAML file like the guide's migration-config.yml");
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new UsageError(`${path} is not valid YAML: ${(e as Error).message.split("\n")[0]}`, "--run takes a YAML file like the guide's migration-config.yml");
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

/** The config folders and database the flags (and run file) name, each checked before anything runs. */
export function configTarget(values: { "config-from"?: string; "config-to"?: string; run?: string; db?: string }, forRollback = false): { db: DbTarget; config: { from: string; to: string } | null; to: string | null } {
  const file = values.run ? readRunFile(values.run) : { db: null, from: null, to: null };
  const from = values["config-from"] ?? file.from;
  const to = values["config-to"] ?? file.to;
  const db = values.db !== undefined ? dbTarget(values.db) : dbTarget(file.db ?? undefined, `the run file's source.database_url`);
  if (to !== null && !["folder", "missing"].includes(kindOf(to))) throw new UsageError(`--config-to ${to} is not a folder`, "--config-to names the folder the config steps write (kmig creates it if it does not exist)");
  if (forRollback) return { db, config: null, to };
  if ((from === null) !== (to === null)) throw new UsageError("give both --config-from and --config-to (or neither)", "--config-from DIR --config-to DIR (the same folder migrates in place)");
  if (from !== null && kindOf(from) !== "folder") throw new UsageError(`--config-from ${from} is not a folder`, "--config-from names the folder of config files the config steps read");
  return { db, config: from !== null && to !== null ? { from, to } : null, to };
}
