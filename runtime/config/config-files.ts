import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative, resolve, sep } from "node:path";
import type { ConfigStep, Plan } from "../../core/plan.js";
import { compileConfigStep } from "./config-transform.js";
import { ConfigInputError } from "./yaml-doc.js";
import { checkSource, checkStepPaths, checkTarget } from "./contained-path.js";

/** One file a migration writes: where, the new bytes, and what was there before. */
export interface FileChange {
  readonly migration: string;
  /** The config step that writes it (for `kmig plan`; the ledger does not keep it). */
  readonly step: ConfigStep;
  /** The source file it is made from, relative to the source folder, with `/`. */
  readonly source: string;
  /** Relative to the target folder, with `/`. */
  readonly path: string;
  readonly content: Buffer;
  readonly before: Buffer | null;
}

export const sha256 = (b: Buffer | string): string => createHash("sha256").update(b).digest("hex");

/** Source files matching a step's path or glob (`*` and `?` within a segment), relative, sorted. */
export function matchSources(root: string, pattern: string): string[] {
  const segments = pattern.split("/").filter((s) => s.length > 0 && s !== ".");
  const out: string[] = [];
  const walk = (dir: string, i: number, rel: string[]) => {
    if (i === segments.length) {
      if (existsSync(dir) && statSync(dir).isFile()) out.push(rel.join("/"));
      return;
    }
    const seg = segments[i];
    if (!/[*?]/.test(seg)) return walk(join(dir, seg), i + 1, [...rel, seg]);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
    const re = new RegExp(`^${seg.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "[^/]*").replace(/\?/g, "[^/]")}$`);
    for (const name of readdirSync(dir).sort()) if (re.test(name) && !name.startsWith(".")) walk(join(dir, name), i + 1, [...rel, name]);
  };
  walk(root, 0, []);
  return out;
}

/**
 * Where a matched source file is written: its own relative path, or the step's target with each
 * `*` standing for what the source's `*` matched, in order (`agents/*.yml` -> `agents/*.yaml`).
 */
export function targetOf(pattern: string, target: string | null, rel: string): string {
  if (target === null) return rel;
  if (!target.includes("*")) return target;
  const re = new RegExp(`^${pattern.split("/").filter((x) => x.length > 0 && x !== ".").join("/").replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, "([^/]*)").replace(/\?/g, "[^/]")}$`);
  const parts = re.exec(rel)?.slice(1) ?? [];
  let i = 0;
  return target.replace(/\*/g, () => parts[i++] ?? "");
}

/**
 * Every file the plans' config steps would write, computed in memory: nothing is written, so bad
 * input (ConfigInputError) leaves the target folder exactly as it was.
 */
export function planConfigFiles(plans: readonly Plan[], from: string, to: string): FileChange[] {
  const changes: FileChange[] = [];
  const seen = new Map<string, string>();
  for (const plan of plans) {
    for (const step of plan.config) {
      checkStepPaths(step);
      const t = compileConfigStep(step);
      const sources = matchSources(from, step.source);
      if (sources.length === 0 && !/[*?]/.test(step.source)) throw new ConfigInputError(join(from, step.source), null, 0, 0, `the source folder has no ${step.source}`, `the spec's config step needs it (${step.origin.file}:${step.origin.line}); check --config-from`);
      for (const rel of sources) {
        const target = targetOf(step.source, step.target, rel);
        checkSource(from, rel, step.origin);
        checkTarget(to, target, step.origin);
        const sourcePath = join(from, rel);
        const text = readFileSync(sourcePath, "utf8");
        const display = relative(process.cwd(), sourcePath) || sourcePath;
        const content = Buffer.from(t.transform(display.startsWith("..") ? sourcePath : display, text), "utf8");
        if (seen.has(target)) throw new ConfigInputError(sourcePath, null, 1, 1, `both ${seen.get(target)} and ${rel} would write ${target}`, "give each config step its own target");
        seen.set(target, rel);
        const targetPath = join(to, target);
        changes.push({ migration: plan.id, step, source: rel, path: posix.normalize(target), content, before: existsSync(targetPath) ? readFileSync(targetPath) : null });
      }
    }
  }
  return changes;
}

/** Where a file is staged before it is renamed into place: beside it, hidden. */
export const tmpName = (path: string) => join(dirname(path), `.${path.split(/[\\/]/).pop()}.kmig-tmp`);

/** What staging leaves for the run to finish: rename files into place, or take them back. */
export interface Staged {
  /** Renames the staged files of `migration` (of every migration when none is given) into place. */
  readonly commit: (migration?: string) => void;
  /** Removes the staged files not yet committed, and the folders only they needed (if empty). */
  readonly abort: () => void;
  /**
   * Folders staging had to create, relative to the target (`.` for the target itself), parents
   * first, each with the migration whose file needed it.
   */
  readonly createdDirs: readonly { readonly migration: string; readonly path: string }[];
}

/**
 * The folders that writing `changes` under `to` will create, parents first, each with the first
 * migration whose file needs it: known before anything is written, so that a run can record them
 * first and a run killed while staging leaves nothing it cannot find again.
 */
export function plannedDirs(to: string, changes: readonly FileChange[]): { migration: string; path: string }[] {
  const out: { migration: string; path: string }[] = [];
  const seen = new Set<string>();
  for (const c of changes) {
    const missing: string[] = [];
    for (let d = dirname(join(to, c.path)); !existsSync(d); d = dirname(d)) {
      missing.unshift(d);
      if (dirname(d) === d) break;
    }
    for (const d of missing) {
      const rel = relative(to, d).split(sep).join("/") || ".";
      if (!seen.has(rel)) out.push({ migration: c.migration, path: rel });
      seen.add(rel);
    }
  }
  return out;
}

/**
 * Writes every change to a temporary name first, making the folders `createdDirs` (plannedDirs,
 * computed before by a caller that records them); returns a commit (rename) and an abort.
 */
export function stageFiles(to: string, changes: readonly FileChange[], createdDirs = plannedDirs(to, changes)): Staged {
  const pending = new Map<string, string[]>();
  const committed = new Set<string>();
  const abort = () => {
    for (const paths of pending.values()) for (const p of paths) rmSync(tmpName(p), { force: true });
    pending.clear();
    removeCreatedDirs(to, createdDirs.filter((d) => !committed.has(d.migration)).map((d) => d.path));
  };
  try {
    for (const c of changes) {
      const path = join(to, c.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(tmpName(path), c.content);
      pending.set(c.migration, [...(pending.get(c.migration) ?? []), path]);
    }
  } catch (e) {
    abort();
    throw e;
  }
  return {
    commit: (migration?: string) => {
      for (const m of migration === undefined ? [...pending.keys()] : [migration]) {
        for (const p of pending.get(m) ?? []) renameSync(tmpName(p), p);
        pending.delete(m);
        committed.add(m);
      }
    },
    abort,
    createdDirs,
  };
}

/**
 * Removes folders a run created, deepest first, each only if it is empty: a folder the user has
 * since put a file of their own in stays, with that file.
 */
export function removeCreatedDirs(to: string, dirs: readonly string[]): void {
  // Deepest first by where each folder is: a target's parents (`..`) come after the target itself.
  const depth = (d: string) => resolve(to, d).split(sep).length;
  for (const d of [...dirs].sort((a, b) => depth(b) - depth(a))) {
    try {
      rmdirSync(join(to, d));
    } catch {
      // Not empty, or already gone: either way not kmig's to remove.
    }
  }
}

/** Puts files back as they were: removes created ones, restores overwritten ones (atomically per file). */
export function restoreFiles(to: string, records: readonly { path: string; before: Buffer | null }[]): void {
  // Every file is checked before the first is touched: a link that leaves the folder changes nothing.
  for (const r of records) checkTarget(to, r.path, null);
  for (const r of records) {
    const path = join(to, r.path);
    if (r.before === null) rmSync(path, { force: true });
    else {
      writeFileSync(tmpName(path), r.before);
      renameSync(tmpName(path), path);
    }
  }
}
