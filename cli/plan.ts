import { openDb } from "../runtime/db/open.js";
import { planImpact } from "../runtime/impact/plan-impact.js";
import { previewRollback } from "../runtime/impact/rollback-preview.js";
import { renderPlan, renderRollback } from "./plan-render.js";
import { parseCommandArgs } from "./args.js";
import { printerFor } from "./printer.js";
import { batchOptions, checkDbFlags, DB_OPTIONS, DB_OPTIONS_HELP, lockPolicy, plansOf, checkTo } from "./run-options.js";
import { SILENT } from "../runtime/events.js";
import { withRunErrors } from "./with-run-errors.js";
import { liveLintsIfSource } from "./live-lints-if-source.js";
import { CONFIG_OPTIONS, CONFIG_OPTIONS_HELP, configTarget } from "./config-options.js";

export const PLAN_HELP = `kmig plan <folder> [--to VERSION] [--rollback] [--config-from DIR --config-to DIR]

A dry run that changes nothing. For each pending migration: the SQL of each step in order, and,
from the live database, what it will do: the rows each backfill updates, for each status map the
rows per input value and where each goes (the values that fall to \`else\` listed by name), the
rows that would break a new NOT NULL, unique, check or foreign key constraint (computing mapped
columns over the live rows), and warnings (steps rollback cannot undo, tables without a primary
key, raw SQL). Before it, the safety lints of the pending migrations (as \`kmig check\` reports them),
for the server's PostgreSQL version, a lock, scan or rewrite on a small table a note or dropped
(kmig.yaml \`lint-ignore-below-rows\`, \`lint-note-below-rows\`). It reads in one read-only transaction. With --rollback: what \`kmig rollback\` would
undo, and the data written since the migration that it would destroy; for that it runs the
rollback inside a transaction it then rolls back (taking, for that moment, the locks rollback takes).
With config folders (as apply takes them): each file the config steps would write, as a unified
diff against what the target folder holds now; bad input stops the plan with apply's error. With
--rollback: each config file rollback would put back. No file is written either way.
Exit code: 0 apply (or rollback) would succeed, 1 it would fail or refuse, 2 usage error.

${DB_OPTIONS_HELP}
  --to VERSION         plan up to the migration that reaches VERSION (with --rollback: back to it)
  --rollback           plan \`kmig rollback\` instead of \`kmig apply\`
  --try                also try the statements apply runs (each step's SQL, a backfill on its first
                       rows by key) in a transaction that is rolled back, reporting what the server
                       refuses on the step's line; it takes their locks for that moment (waiting at
                       most 2 s). On by default on Citus, where a SELECT does not show what the
                       cluster refuses in an UPDATE; --no-try turns it off
${CONFIG_OPTIONS_HELP}`;

/** \`kmig plan\`. */
export async function runPlan(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("plan", argv, { ...DB_OPTIONS, ...CONFIG_OPTIONS, to: { type: "string" }, rollback: { type: "boolean" }, try: { type: "boolean" }, "no-try": { type: "boolean" } });
  if (values.help) {
    process.stdout.write(PLAN_HELP + "\n");
    return 0;
  }
  checkDbFlags(values);
  const json = values.json ?? false;
  const target = configTarget(values, values.rollback ?? false);
  const out = printerFor(json);
  const plans = await plansOf("plan", positionals, out);
  if (!plans) return 1;
  checkTo(values.to, plans);
  return withRunErrors(out, SILENT, target.db.where, async () => {
    const { lockTimeoutMs } = lockPolicy(values);
    // With --json the plan is one JSON document on one line: a note would break it, so there is none.
    const db = await openDb(target.db, { command: "kmig plan", lockTimeoutMs, onNote: json ? undefined : (m) => out.note(m) });
    try {
      if (values.rollback) {
        const r = await previewRollback(db, plans, { to: values.to ?? null, lockTimeoutMs, configTo: target.to });
        const ok = r.losses.length === 0 && r.error === null;
        process.stdout.write(json ? JSON.stringify({ type: "rollback-plan", ...r, ok }) + "\n" : renderRollback(r));
        return ok ? 0 : 1;
      }
      // The safety lints, for this server's version and its tables' sizes (not in --json: one document).
      if (!json) out.diagnostics(await liveLintsIfSource(db, positionals[0]));
      const p = await planImpact(db, plans, { to: values.to ?? null, batchSize: batchOptions(values).batchSize, runAt: new Date().toISOString(), config: target.config, ...(values.try ? { tryStatements: true } : values["no-try"] ? { tryStatements: false } : {}) });
      const ok = p.violations.length === 0;
      process.stdout.write(json ? JSON.stringify({ type: "plan", ...p, ok }) + "\n" : renderPlan(p));
      return ok ? 0 : 1;
    } finally {
      await db.close();
    }
  });
}
