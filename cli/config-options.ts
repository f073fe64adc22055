import { statSync } from "node:fs";
import type { DbTarget } from "../runtime/db/target.js";
import { UsageError } from "./files.js";
import { readRunFile, type RunFile } from "./run-file.js";
import { dbTarget, wholeNumber } from "./run-options.js";

/** Flags for config-file steps, copy mode, backups and the run file (the guide's migration-config.yml). */
export const CONFIG_OPTIONS = {
  "config-from": { type: "string" },
  "config-to": { type: "string" },
  run: { type: "string" },
  "target-db": { type: "string" },
  backup: { type: "string" },
} as const;

export const CONFIG_OPTIONS_HELP = `  --config-from DIR    the v1 config folder the config steps read
  --config-to DIR      the folder they write (may be the same folder: in-place)
  --target-db URL      copy mode: the source (--db) is only read; the target database is created,
                       filled with a copy of the source and migrated (see docs/copy-mode.md)
  --backup DIR         before changing anything, write a pg_dump archive of the database (without
                       pg_dump: kmig's own COPY-based dump) and the config folder into DIR;
                       \`kmig restore-backup\` restores it
  --run FILE           a run file like the guide's migration-config.yml: source and target
                       (database_url, config_path, data_path, version), migration, backup,
                       rollback; every key is honoured or refused (docs/run-file.md); flags win`;

/** Copy-mode flags of apply. */
export const COPY_OPTIONS = {
  force: { type: "boolean" },
  jobs: { type: "string" },
} as const;

export const COPY_OPTIONS_HELP = `  --force              copy mode: drop a non-empty target that is not a copy of this source
  --jobs N             copy mode: tables copied at once (default 4)`;

export interface RunTarget {
  /** The database the command changes: the source in place, the target in copy mode. */
  readonly db: DbTarget;
  /** The database that is only read in copy mode (else the same as db). */
  readonly source: DbTarget;
  /** Copy mode: the target (source and target name different databases). */
  readonly copyTo: DbTarget | null;
  readonly config: { readonly from: string; readonly to: string } | null;
  readonly to: string | null;
  readonly runFile: RunFile | null;
  readonly backup: { readonly path: string; readonly verify: boolean } | null;
}

type Values = { "config-from"?: string; "config-to"?: string; run?: string; db?: string; "target-db"?: string; backup?: string };

/** What is at `path`: a file, a folder, something else, or nothing. */
function kindOf(path: string): "file" | "folder" | "other" | "missing" {
  try {
    const st = statSync(path);
    return st.isFile() ? "file" : st.isDirectory() ? "folder" : "other";
  } catch {
    return "missing";
  }
}

/** The databases, config folders and backup the flags (and run file) name, each checked before anything runs. */
export function configTarget(values: Values, forRollback = false): RunTarget {
  const file = values.run ? readRunFile(values.run) : null;
  const skipConfig = file !== null && !file.migrateConfigs && values["config-from"] === undefined;
  const from = skipConfig ? null : (values["config-from"] ?? file?.source.configPath ?? null);
  const to = skipConfig ? null : (values["config-to"] ?? file?.target.configPath ?? null);
  const source = values.db !== undefined ? dbTarget(values.db) : dbTarget(file?.source.databaseUrl ?? undefined, "the run file's source.database_url");
  const targetValue = values["target-db"] ?? (file?.target.databaseUrl && file.target.databaseUrl !== file.source.databaseUrl ? file.target.databaseUrl : undefined);
  const copyTo = targetValue !== undefined ? dbTarget(targetValue, values["target-db"] !== undefined ? "--target-db" : "the run file's target.database_url") : null;
  const backup = values.backup !== undefined ? { path: values.backup, verify: true } : (file?.backup ?? null);
  if (backup && ["file", "other"].includes(kindOf(backup.path))) throw new UsageError(`the backup path ${backup.path} is not a folder`, "--backup (or backup.path) names the folder the backup is written to (kmig creates it if it does not exist)");
  if (to !== null && !["folder", "missing"].includes(kindOf(to))) throw new UsageError(`--config-to ${to} is not a folder`, "--config-to names the folder the config steps write (kmig creates it if it does not exist)");
  const base = { db: copyTo ?? source, source, copyTo, to, runFile: file, backup };
  if (forRollback) return { ...base, config: null };
  if ((from === null) !== (to === null)) throw new UsageError("give both --config-from and --config-to (or neither)", "--config-from DIR --config-to DIR (the same folder migrates in place)");
  if (from !== null && kindOf(from) !== "folder") throw new UsageError(`--config-from ${from} is not a folder`, "--config-from names the folder of config files the config steps read");
  return { ...base, config: from !== null && to !== null ? { from, to } : null };
}

export function jobsOf(values: { jobs?: string }): number {
  return wholeNumber(values.jobs, "jobs", 4, 1);
}
