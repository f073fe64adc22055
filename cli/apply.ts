import { apply } from "../runtime/apply.js";
import { openDb } from "../runtime/db/open.js";
import { parseCommandArgs } from "./args.js";
import { batchOptions, checkDbFlags, DB_OPTIONS, DB_OPTIONS_HELP, fixturesOf, lockPolicy, plansOf, checkTo, sinceProcessStart } from "./run-options.js";
import { printerFor } from "./printer.js";
import { reporterFor } from "./reporter.js";
import { withRunErrors } from "./with-run-errors.js";
import { liveLintsIfSource } from "./live-lints-if-source.js";
import { CONFIG_OPTIONS, CONFIG_OPTIONS_HELP, COPY_OPTIONS, COPY_OPTIONS_HELP, configTarget, jobsOf } from "./config-options.js";
import { afterApply, beforeApply, checkCheckpoint, checkInPlaceVersion, runTo } from "./run-setup.js";

export const APPLY_HELP = `kmig apply <folder> [--to VERSION] [--fixtures]

Applies every pending migration of the spec folder (the .kmig files directly in it) in order,
resuming one a crashed run left half-done. On an empty database kmig first creates the baseline
(and, with --fixtures, loads the spec's fixtures/*.sql). A failing step stops the run and undoes
the migration.

${DB_OPTIONS_HELP}
  --to VERSION         stop after the migration that reaches VERSION
  --fixtures           load <folder>/fixtures/*.sql after creating the baseline on an empty database
${CONFIG_OPTIONS_HELP}
${COPY_OPTIONS_HELP}`;

export async function runApply(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("apply", argv, { ...DB_OPTIONS, ...CONFIG_OPTIONS, ...COPY_OPTIONS, to: { type: "string" }, fixtures: { type: "boolean" } });
  if (values.help) {
    process.stdout.write(APPLY_HELP + "\n");
    return 0;
  }
  checkDbFlags(values);
  const target = configTarget(values);
  const out = printerFor(values.json ?? false);
  const plans = await plansOf("apply", positionals, out);
  if (!plans) return 1;
  const to = runTo(values.to, target, plans);
  checkTo(to, plans);
  checkCheckpoint(target);
  const jobs = jobsOf(values);
  const reporter = reporterFor(values.json ?? false);
  return withRunErrors(out, reporter, target.db.where, async () => {
    if (target.copyTo || target.backup) reporter.emit({ type: "run-start", command: "apply", database: target.copyTo ? `${target.copyTo.where} (copy of ${target.source.where})` : target.db.where });
    await beforeApply(target, plans, { force: values.force ?? false, jobs, lockTimeoutMs: lockPolicy(values).lockTimeoutMs }, reporter);
    const db = await openDb(target.db, { command: "kmig apply", lockTimeoutMs: lockPolicy(values).lockTimeoutMs, onNote: (message) => reporter.emit({ type: "info", message }) });
    try {
      if (!(target.copyTo || target.backup)) reporter.emit({ type: "run-start", command: "apply", database: db.where });
      const policy = lockPolicy(values);
      await checkInPlaceVersion(target, db, plans);
      // The safety lints of what is about to run, for this server's version and its tables' sizes.
      // Notes (a lint on a table too small to matter much) are `kmig plan`'s: apply shows what still warns.
      if (!out.json) out.diagnostics((await liveLintsIfSource(db, positionals[0])).filter((d) => d.severity !== "note"));
      const r = await apply(db, plans, { lock: policy, batch: batchOptions(values), to: to ?? null, lockTimeoutMs: policy.lockTimeoutMs, fixtures: values.fixtures ? fixturesOf(positionals[0]) : [], runAt: new Date().toISOString(), config: target.config }, reporter);
      if (r.applied.length === 0) reporter.emit({ type: "info", message: "nothing to apply: the database is up to date" });
      afterApply(target, reporter);
      reporter.emit({ type: "run-done", ok: true, ms: sinceProcessStart() });
      return 0;
    } finally {
      await db.close();
    }
  });
}
