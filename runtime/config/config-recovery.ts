import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Db } from "../db/connection.js";
import type { Reporter } from "../events.js";
import { removeCreatedDirs, sha256, tmpName } from "./config-files.js";
import { checkTarget } from "./contained-path.js";
import { forgetFiles, hasConfigLedger, markWritten, recordedDirs } from "./config-ledger.js";

interface StagedRow {
  readonly migration: string;
  readonly target_dir: string;
  readonly path: string;
  readonly before: string | null;
  readonly written: string | null;
  readonly written_sha256: string;
  /** The migration's state in the ledger; null when it is not there. */
  readonly ledger_state: string | null;
}

/**
 * Puts right what a run stopped by a kill left of its config files. A run records the files it
 * stages (state 'staged') before it writes them under temporary names, and renames them into
 * place once their migration is recorded as applied. So: a staged file of an applied migration
 * is renamed into place now (or written from the recorded bytes if its temporary copy is gone);
 * the staged files of a migration that is not applied are removed with the folders made for them,
 * and forgotten. Runs under the run lock, before the run reads the target folder.
 */
export async function recoverStagedConfig(db: Db, reporter: Reporter): Promise<void> {
  if (!(await hasConfigLedger(db))) return;
  const r = await db.query<StagedRow>(
    `SELECT f."migration", f."target_dir", f."path", encode(f."before", 'base64') AS "before", encode(f."written", 'base64') AS "written", f."written_sha256",
            l."state" AS "ledger_state"
       FROM "kmig"."config_files" f LEFT JOIN "kmig"."ledger" l ON l."id" = f."migration"
      WHERE f."state" = 'staged' ORDER BY f."migration", f."path"`,
  );
  const byMigration = new Map<string, StagedRow[]>();
  for (const row of r.rows) byMigration.set(row.migration, [...(byMigration.get(row.migration) ?? []), row]);
  // A link made since the run stopped must not carry a file outside its folder: all checked first.
  for (const row of r.rows) checkTarget(row.target_dir, row.path, null);
  for (const [migration, rows] of byMigration) {
    const dir = rows[0].target_dir;
    if (rows[0].ledger_state === "applied") {
      for (const row of rows) finishFile(row, reporter);
      await markWritten(db, migration);
      reporter.emit({ type: "info", message: `finished writing ${rows.length} config file(s) of ${migration} in ${dir}: a stopped run had applied it but not yet put them in place` });
    } else {
      for (const row of rows) rmSync(tmpName(join(dir, row.path)), { force: true });
      removeCreatedDirs(dir, await recordedDirs(db, migration));
      await forgetFiles(db, migration);
      reporter.emit({ type: "info", message: `removed ${rows.length} config file(s) a stopped run had staged for ${migration} in ${dir}` });
    }
  }
}

/** One staged file of an applied migration, put in place unless someone has since changed it. */
function finishFile(row: StagedRow, reporter: Reporter): void {
  const path = join(row.target_dir, row.path);
  const tmp = tmpName(path);
  if (existsSync(tmp) && sha256(readFileSync(tmp)) === row.written_sha256) return renameSync(tmp, path);
  rmSync(tmp, { force: true });
  const now = existsSync(path) ? readFileSync(path) : null;
  if (now !== null && sha256(now) === row.written_sha256) return;
  const before = row.before === null ? null : Buffer.from(row.before, "base64");
  const untouched = now === null ? before === null : before !== null && now.equals(before);
  if (untouched && row.written !== null) {
    writeFileSync(tmp, Buffer.from(row.written, "base64"));
    return renameSync(tmp, path);
  }
  reporter.emit({ type: "warning", message: `${path} changed since a stopped run staged it: left as it is (rollback will report it)` });
}
