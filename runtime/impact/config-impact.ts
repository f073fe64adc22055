import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Db } from "../db/connection.js";
import { planConfigFiles } from "../config/config-files.js";
import { asRunError } from "../config/config-errors.js";
import { recordedFilesIfAny } from "../config/config-ledger.js";
import { unifiedDiff } from "../config/unified-diff.js";
import type { Plan } from "../../core/plan.js";
import type { ConfigFileImpact, ConfigRestoreImpact } from "./types.js";

/** The config folders of a run: the source read and the target written (the same for in-place). */
export interface ConfigFolders {
  readonly from: string;
  readonly to: string;
}

/**
 * What `kmig apply` would write into the target folder, per migration: each file with its action
 * and a unified diff against what is there now. Computed in memory as apply computes it, so bad
 * input stops the plan with apply's own error (K9401: file, key, line:col); nothing is written.
 */
export function configImpact(pending: readonly Plan[], folders: ConfigFolders): Map<string, ConfigFileImpact[]> {
  let changes: ReturnType<typeof planConfigFiles>;
  try {
    changes = planConfigFiles(pending, folders.from, folders.to);
  } catch (e) {
    throw asRunError(e);
  }
  const inPlace = resolve(folders.from) === resolve(folders.to);
  const out = new Map<string, ConfigFileImpact[]>();
  for (const c of changes) {
    const before = c.before?.toString("utf8") ?? null;
    const after = c.content.toString("utf8");
    const diff = unifiedDiff(c.path, before, after);
    const action = before === null ? "create" : diff === "" ? "unchanged" : c.step.patch && inPlace ? "patch" : "overwrite";
    const list = out.get(c.migration) ?? [];
    list.push({ path: c.path, source: c.source, action, origin: c.step.origin, diff });
    out.set(c.migration, list);
  }
  return out;
}

/**
 * What `kmig rollback` would put back in the config folder for one migration, from the originals
 * the ledger keeps: each file's diff from what is there now to what rollback leaves (a file apply
 * created is removed). Empty when the migration wrote no config files.
 */
export async function configRestoreImpact(db: Db, migration: string, configTo: string | null): Promise<{ dir: string | null; files: ConfigRestoreImpact[] }> {
  const recorded = await recordedFilesIfAny(db, migration);
  const dir = configTo ?? recorded[0]?.targetDir ?? null;
  if (dir === null) return { dir, files: [] };
  const files = recorded.map((f): ConfigRestoreImpact => {
    const path = join(dir, f.path);
    const now = existsSync(path) ? readFileSync(path, "utf8") : null;
    const restored = f.before?.toString("utf8") ?? null;
    const action = restored === null ? (now === null ? "unchanged" : "remove") : now === restored ? "unchanged" : "restore";
    return { path: f.path, action, diff: unifiedDiff(f.path, now, restored) };
  });
  return { dir, files };
}
