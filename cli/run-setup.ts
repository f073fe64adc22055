import { existsSync } from "node:fs";
import type { Plan } from "../core/plan.js";
import { baseline } from "../runtime/baseline.js";
import { writeBackup } from "../runtime/copy/backup.js";
import { copyDatabase, preflightCopy } from "../runtime/copy/copy-database.js";
import { copyFolder } from "../runtime/copy/copy-folder.js";
import { serverSide } from "../runtime/copy/server-side.js";
import type { Db } from "../runtime/db/connection.js";
import { RunError } from "../runtime/errors.js";
import type { Reporter } from "../runtime/events.js";
import { ledgerVersion } from "../runtime/ledger.js";
import type { RunTarget } from "./config-options.js";
import { UsageError } from "./files.js";
import type { At } from "./run-file.js";

/**
 * The version `apply` stops at: `--to`, else the run file's `target.version` (which must be one of
 * the chain's); both given, they must agree.
 */
export function runTo(flag: string | undefined, t: RunTarget, plans: readonly Plan[]): string | undefined {
  const v = t.runFile?.target.version ?? null;
  if (v === null) return flag;
  if (!plans.some((p) => p.to === v.value)) throw versionError(v, `no migration of the chain reaches version ${v.value}`, `the chain's versions: ${plans.map((p) => p.to).join(", ")}`);
  if (flag !== undefined && flag !== v.value) throw new UsageError(`--to ${flag} and the run file's target.version ${v.value} disagree`, "leave one of them out");
  return v.value;
}

/** In place, kmig's checkpoint is the backup: `rollback.create_checkpoint: true` needs one. */
export function checkCheckpoint(t: RunTarget): void {
  const c = t.runFile?.createCheckpoint;
  if (!c || !c.value || t.copyTo || t.backup) return;
  throw new RunError("K9512", `\`rollback.create_checkpoint: true\` cannot be honoured in place without a backup`, "enable the backup section (its archive is the checkpoint), or give target.database_url: in copy mode the untouched source is the checkpoint", c.at, null, { label: "needs a backup or a target" });
}

function versionError(v: At<string>, message: string, help: string): RunError {
  return new RunError("K9513", message, help, v.at, null, { label: "this version" });
}

/**
 * Everything before the migrations run: in copy mode the checks that refuse bad input before
 * anything is written (preflightCopy), the backup (of the database as it is), then in copy mode
 * the copy of the source into the target (the source's version checked against the run file's
 * `source.version`), and the baseline recorded in the target when the source had no ledger.
 */
export async function beforeApply(t: RunTarget, plans: readonly Plan[], opts: { force: boolean; jobs: number; lockTimeoutMs: number }, reporter: Reporter): Promise<void> {
  // In copy mode the bad inputs (same database, an unreachable or older target, a source off the chain) are refused before the backup is written.
  const sides = t.copyTo ? { source: serverSide(t.source, "source"), target: serverSide(t.copyTo, "target") } : null;
  const checked = sides ? await preflightCopy(sides.source, sides.target, plans) : undefined;
  const want = t.runFile?.source.version ?? null;
  if (want && checked?.state && want.value !== checked.state.version) throw versionError(want, `the source database is at version ${checked.state.version}, not ${want.value}`, "fix source.version in the run file (or point source.database_url at the right database); nothing was written");
  if (t.backup) await writeBackup(t.source, t.backup.path, t.backup.verify, t.config?.from ?? null, reporter);
  if (!sides || !t.copyTo) return;
  const copied = await copyDatabase(sides.source, sides.target, plans, { jobs: opts.jobs, force: opts.force }, reporter, checked);
  if (want && want.value !== copied.source.version) throw versionError(want, `the source database is at version ${copied.source.version}, not ${want.value}`, "fix source.version in the run file (or point source.database_url at the right database); the target keeps the copy and the source was not changed");
  if (!copied.source.hasLedger && !copied.alreadyCopied) {
    const { openDb } = await import("../runtime/db/open.js");
    const db = await openDb(t.copyTo, { command: "kmig apply (copy)" });
    try {
      await baseline(db, plans, null, opts.lockTimeoutMs, reporter);
    } finally {
      await db.close();
    }
  }
}

/** In place, the database must be at the run file's `source.version` (an empty one: the baseline's). */
export async function checkInPlaceVersion(t: RunTarget, db: Db, plans: readonly Plan[]): Promise<void> {
  const want = t.runFile?.source.version ?? null;
  if (!want || t.copyTo) return;
  const at = await ledgerVersion(db, plans);
  if (at !== want.value) throw versionError(want, `the database is at version ${at}, not ${want.value}`, "fix source.version in the run file (or point source.database_url at the right database); nothing was changed");
}

/** After the migrations: the run file's data folder copied into the target's (copy mode), verified. */
export function afterApply(t: RunTarget, reporter: Reporter): void {
  const from = t.runFile?.source.dataPath ?? null;
  const to = t.runFile?.target.dataPath ?? null;
  if (!from || !to || from.value === to.value) return;
  if (!existsSync(from.value)) throw new RunError("K9530", `the source data folder ${from.value} does not exist`, "fix source.data_path, or remove it and target.data_path", from.at, null, { label: "this folder" });
  let lastReport = 0;
  let done = 0;
  const r = copyFolder(from.value, to.value, true, (_rel, bytes) => {
    done += bytes;
    if (Date.now() - lastReport > 2000) {
      lastReport = Date.now();
      reporter.emit({ type: "info", message: `  … data folder: ${(done / 1e6).toFixed(1)} MB copied` });
    }
  });
  reporter.emit({ type: "info", message: `  ✓ copied the data folder ${from.value} → ${to.value}: ${r.files} file(s), ${(r.bytes / 1e6).toFixed(1)} MB, each verified (SHA-256)${r.skipped ? `; ${r.skipped} already there` : ""}` });
}
