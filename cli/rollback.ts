import { rollback } from "../runtime/rollback.js";
import { openDb } from "../runtime/db/open.js";
import { parseCommandArgs } from "./args.js";
import { batchOptions, checkDbFlags, DB_OPTIONS, DB_OPTIONS_HELP, lockPolicy, plansOf, checkTo, sinceProcessStart } from "./run-options.js";
import { printerFor } from "./printer.js";
import { reporterFor } from "./reporter.js";
import { withRunErrors } from "./with-run-errors.js";
import { UsageError } from "./files.js";
import { switchBack } from "./switch-back.js";
import { CONFIG_OPTIONS, CONFIG_OPTIONS_HELP, configTarget } from "./config-options.js";

export const ROLLBACK_HELP = `kmig rollback <folder> [--to VERSION] [--accept-data-loss]

Undoes the last applied migration (or every migration after VERSION) with its derived down steps,
restoring stashed originals exactly. Never passes the baseline. If data written after the
migration would be lost, says what and refuses (changing nothing) unless --accept-data-loss.
Once its transaction has committed, it rebuilds dropped indexes CONCURRENTLY and refills
backfilled columns in batches of --batch-size rows; a run stopped there is finished by the next
kmig rollback.

${DB_OPTIONS_HELP}
  --to VERSION         roll back every migration after VERSION
  --accept-data-loss   roll back even if data written since the migration is lost
  --drop-target        copy mode: drop the target database (the source was never written)
${CONFIG_OPTIONS_HELP}

In copy mode (--target-db, or a run file whose target names another database) rollback is a
switch back: the source was only read, so it still is the old version; kmig says so, checks it,
and with --drop-target drops the target.`;

export async function runRollback(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("rollback", argv, { ...DB_OPTIONS, ...CONFIG_OPTIONS, to: { type: "string" }, "accept-data-loss": { type: "boolean" }, "drop-target": { type: "boolean" } });
  if (values.help) {
    process.stdout.write(ROLLBACK_HELP + "\n");
    return 0;
  }
  checkDbFlags(values);
  const target = configTarget(values, true);
  const out = printerFor(values.json ?? false);
  const plans = await plansOf("rollback", positionals, out);
  if (!plans) return 1;
  checkTo(values.to, plans);
  const reporter = reporterFor(values.json ?? false);
  if (target.copyTo) return withRunErrors(out, reporter, target.db.where, () => switchBack(target, plans, values["drop-target"] ?? false, reporter));
  if (values["drop-target"]) throw new UsageError("--drop-target is for copy mode", "give --target-db URL (or a run file whose target.database_url names another database)");
  return withRunErrors(out, reporter, target.db.where, async () => {
    const db = await openDb(target.db, { command: "kmig rollback", lockTimeoutMs: lockPolicy(values).lockTimeoutMs });
    try {
      reporter.emit({ type: "run-start", command: "rollback", database: db.where });
      const policy = lockPolicy(values);
      const r = await rollback(db, plans, { to: values.to ?? null, acceptDataLoss: values["accept-data-loss"] ?? false, lockTimeoutMs: policy.lockTimeoutMs, dryRun: false, configTo: target.to, batch: batchOptions(values) }, reporter);
      for (const l of r.losses) reporter.emit({ type: "warning", message: `lost (accepted): ${l.rows} ${l.what}` });
      reporter.emit({ type: "run-done", ok: true, ms: sinceProcessStart() });
      return 0;
    } finally {
      await db.close();
    }
  });
}
