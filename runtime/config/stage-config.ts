import type { Db } from "../db/connection.js";
import { plannedDirs, stageFiles, type FileChange, type Staged } from "./config-files.js";
import { ensureConfigLedger, forgetFiles, recordDirs, recordFiles } from "./config-ledger.js";

/**
 * Stages a run's config files: first records them (state 'staged', with their bytes) and the
 * folders they need in one committed transaction, then writes them under temporary names. A run
 * killed at any moment after this leaves nothing the next run's recovery does not know of.
 */
export async function stageConfig(db: Db, to: string, files: readonly FileChange[]): Promise<Staged> {
  await ensureConfigLedger(db);
  const dirs = plannedDirs(to, files);
  await db.query("BEGIN");
  try {
    await recordFiles(db, to, files);
    for (const d of dirs) await recordDirs(db, d.migration, to, [d.path]);
    await db.query("COMMIT");
  } catch (e) {
    await db.query("ROLLBACK").catch(() => undefined);
    throw e;
  }
  try {
    return stageFiles(to, files, dirs);
  } catch (e) {
    // stageFiles took back what it wrote; the records go too.
    for (const m of new Set(files.map((f) => f.migration))) await forgetFiles(db, m);
    throw e;
  }
}
