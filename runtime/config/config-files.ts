import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import type { Plan } from "../plan.js";
import { compileConfigStep } from "./config-transform.js";
import { ConfigInputError } from "./yaml-doc.js";

/** One file a migration writes: where, the new bytes, and what was there before. */
export interface FileChange {
  readonly migration: string;
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
 * Every file the plans' config steps would write, computed in memory: nothing is written, so bad
 * input (ConfigInputError) leaves the target folder exactly as it was.
 */
export function planConfigFiles(plans: readonly Plan[], from: string, to: string): FileChange[] {
  const changes: FileChange[] = [];
  const seen = new Map<string, string>();
  for (const plan of plans) {
    for (const step of plan.config) {
      const t = compileConfigStep(step);
      for (const rel of matchSources(from, step.source)) {
        const target = step.target ?? rel;
        const sourcePath = join(from, rel);
        const text = readFileSync(sourcePath, "utf8");
        const display = relative(process.cwd(), sourcePath) || sourcePath;
        const content = Buffer.from(t.transform(display.startsWith("..") ? sourcePath : display, text), "utf8");
        if (seen.has(target)) throw new ConfigInputError(sourcePath, null, 1, 1, `both ${seen.get(target)} and ${rel} would write ${target}`, "give each config step its own target");
        seen.set(target, rel);
        const targetPath = join(to, target);
        changes.push({ migration: plan.id, path: posix.normalize(target), content, before: existsSync(targetPath) ? readFileSync(targetPath) : null });
      }
    }
  }
  return changes;
}

const tmpName = (path: string) => join(dirname(path), `.${path.split(/[\\/]/).pop()}.kmig-tmp`);

/** Writes every change to a temporary name first; returns a commit (rename all) and an abort. */
export function stageFiles(to: string, changes: readonly FileChange[]): { commit: () => void; abort: () => void } {
  const staged: string[] = [];
  try {
    for (const c of changes) {
      const path = join(to, c.path);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(tmpName(path), c.content);
      staged.push(path);
    }
  } catch (e) {
    for (const p of staged) rmSync(tmpName(p), { force: true });
    throw e;
  }
  return {
    commit: () => {
      for (const p of staged) renameSync(tmpName(p), p);
    },
    abort: () => {
      for (const p of staged) rmSync(tmpName(p), { force: true });
    },
  };
}

/** Puts files back as they were: removes created ones, restores overwritten ones (atomically per file). */
export function restoreFiles(to: string, records: readonly { path: string; before: Buffer | null }[]): void {
  for (const r of records) {
    const path = join(to, r.path);
    if (r.before === null) rmSync(path, { force: true });
    else {
      writeFileSync(tmpName(path), r.before);
      renameSync(tmpName(path), path);
    }
  }
}
