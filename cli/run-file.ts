import { readFileSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { isMap, isScalar, LineCounter, parseDocument, type Node as YamlNode } from "yaml";
import { closestMatch } from "../core/diagnostics/suggest.js";
import { RunError } from "../runtime/errors.js";
import { UsageError } from "./files.js";

/**
 * A run file in the shape of the guide's migration-config.yml, read key by key: every key either
 * does what it says or is refused with its place in the file and why. Nothing is ignored.
 */
export interface RunFile {
  readonly path: string;
  readonly source: Side;
  readonly target: Side;
  /** `migration.migrate_configs: false` skips the config steps. */
  readonly migrateConfigs: boolean;
  /** `backup` with `enabled: true`. */
  readonly backup: { readonly path: string; readonly verify: boolean } | null;
  /** `rollback.create_checkpoint`: the untouched source (copy mode) or the backup (in place) is the checkpoint. */
  readonly createCheckpoint: At<boolean> | null;
}

export interface Side {
  readonly version: At<string> | null;
  readonly databaseUrl: string | null;
  readonly configPath: string | null;
  readonly dataPath: At<string> | null;
}

/** A value and where it is in the file, for errors found later (a version the database is not at). */
export interface At<T> {
  readonly value: T;
  readonly at: { readonly file: string; readonly line: number; readonly column: number };
}

type Kind = "string" | "boolean" | "version";
/** What each key takes; a section is a nested table. */
const SHAPE: Record<string, Record<string, Kind>> = {
  source: { version: "version", database_url: "string", config_path: "string", data_path: "string" },
  target: { version: "version", database_url: "string", config_path: "string", data_path: "string" },
  migration: { strategy: "string", preserve_data: "boolean", migrate_configs: "boolean", migrate_users: "boolean", migrate_agents: "boolean", migrate_tasks: "boolean" },
  backup: { enabled: "boolean", path: "string", verify: "boolean" },
  rollback: { enabled: "boolean", create_checkpoint: "boolean" },
};

const HELP = "--run takes a YAML file like the guide's migration-config.yml (docs/run-file.md lists its keys)";

export function readRunFile(path: string): RunFile {
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new UsageError(`--run ${path} is not a file`, HELP);
    text = readFileSync(path, "utf8");
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`no such run file: ${path}`, HELP);
  }
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const at = (node: YamlNode | null | undefined) => {
    const p = lines.linePos(node?.range?.[0] ?? 0);
    return { file: path, line: p.line, column: p.col };
  };
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    const p = lines.linePos(e.pos[0]);
    throw new UsageError(`${path} is not valid YAML: ${e.message.split("\n")[0]} (line ${p.line}, column ${p.col})`, HELP);
  }
  const values = new Map<string, { value: unknown; at: At<unknown>["at"] }>();
  const root = doc.contents;
  if (root !== null && !isMap(root)) throw new RunError("K9511", `the run file must be a table of sections (source, target, migration, backup, rollback)`, HELP, at(root as YamlNode), null, { label: "not a table" });
  for (const section of isMap(root) ? root.items : []) {
    const name = String(isScalar(section.key) ? section.key.value : section.key);
    const keys = SHAPE[name];
    if (!keys) throw unknownKey(name, Object.keys(SHAPE), at(section.key as YamlNode), path);
    if (section.value === null || (isScalar(section.value) && section.value.value === null)) continue;
    if (!isMap(section.value)) throw new RunError("K9511", `\`${name}\` must be a table of keys (${Object.keys(keys).join(", ")})`, HELP, at(section.value as YamlNode), null, { label: "not a table" });
    for (const item of section.value.items) {
      const key = String(isScalar(item.key) ? item.key.value : item.key);
      const where = at(item.key as YamlNode);
      const kind = keys[key];
      if (!kind) throw unknownKey(`${name}.${key}`, Object.keys(keys).map((k) => `${name}.${k}`), where, path);
      const v = isScalar(item.value) ? item.value.value : item.value === null ? null : undefined;
      const valueAt = item.value ? at(item.value as YamlNode) : where;
      const ok = kind === "boolean" ? typeof v === "boolean" : kind === "version" ? typeof v === "string" || typeof v === "number" : typeof v === "string" && v !== "";
      if (!ok) throw new RunError("K9511", `\`${name}.${key}\` takes ${kind === "boolean" ? "true or false" : kind === "version" ? "a version (e.g. \"2.0.0\")" : "a non-empty string"}`, HELP, valueAt, null, { label: "this value" });
      values.set(`${name}.${key}`, { value: kind === "version" ? String(v) : v, at: valueAt });
    }
  }
  const base = dirname(path);
  const str = (k: string) => (values.get(k)?.value as string | undefined) ?? null;
  const bool = (k: string, d: boolean) => (values.get(k)?.value as boolean | undefined) ?? d;
  const atOf = <T>(k: string): At<T> | null => (values.has(k) ? { value: values.get(k)!.value as T, at: values.get(k)!.at } : null);
  const rel = (p: string | null) => (p === null ? null : resolve(base, p));
  const side = (s: string): Side => ({
    version: atOf<string>(`${s}.version`),
    databaseUrl: str(`${s}.database_url`),
    configPath: rel(str(`${s}.config_path`)),
    dataPath: values.has(`${s}.data_path`) ? { value: rel(str(`${s}.data_path`))!, at: values.get(`${s}.data_path`)!.at } : null,
  });
  refuse(values, "migration.strategy", (v) => v !== "automatic", "kmig runs the migration automatically (strategy \"automatic\"); a manual strategy means running the steps yourself: use `kmig plan` to see them");
  refuse(values, "migration.preserve_data", (v) => v === false, "kmig never deletes the old version's data (it keeps what a lossy step destroys, so that rollback is exact); remove the key or set it to true");
  for (const t of ["users", "agents", "tasks"]) refuse(values, `migration.migrate_${t}`, (v) => v === false, `kmig migrates the chain as a whole: to leave ${t} out, leave its steps out of the spec; remove the key or set it to true`);
  refuse(values, "rollback.enabled", (v) => v === false, "kmig always keeps what a rollback needs (the stash of every lossy step); remove the key or set it to true");
  if (bool("backup.enabled", false) && str("backup.path") === null) {
    const a = values.get("backup.enabled")!.at;
    throw new RunError("K9511", `\`backup.enabled\` is true but \`backup.path\` is missing`, "add backup.path: the folder the backup is written to", a, null, { label: "needs backup.path" });
  }
  return {
    path,
    source: side("source"),
    target: side("target"),
    migrateConfigs: bool("migration.migrate_configs", true),
    backup: bool("backup.enabled", false) ? { path: rel(str("backup.path"))!, verify: bool("backup.verify", false) } : null,
    createCheckpoint: atOf<boolean>("rollback.create_checkpoint"),
  };
}

function unknownKey(key: string, known: readonly string[], at: At<unknown>["at"], path: string): RunError {
  const leaf = key.split(".").at(-1)!;
  const match = closestMatch(leaf, known.map((k) => k.split(".").at(-1)!));
  const full = match ? known.find((k) => k === match || k.endsWith(`.${match}`)) : null;
  return new RunError("K9510", `unknown key \`${key}\` in the run file`, full ? `did you mean \`${full}\`? (keys here: ${known.join(", ")})` : `the keys here are ${known.join(", ")}`, at, null, { label: "unknown key" });
}

function refuse(values: Map<string, { value: unknown; at: At<unknown>["at"] }>, key: string, bad: (v: unknown) => boolean, why: string): void {
  const v = values.get(key);
  if (v && bad(v.value)) throw new RunError("K9512", `\`${key}: ${String(v.value)}\` cannot be honoured`, why, v.at, null, { label: "cannot be honoured" });
}
