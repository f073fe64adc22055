import type { Plan } from "../core/plan.js";
import { serverSide } from "../runtime/copy/server-side.js";
import { sourceReport } from "../runtime/copy/source-status.js";
import { dropTarget } from "../runtime/copy/target-database.js";
import { RunError } from "../runtime/errors.js";
import type { Reporter } from "../runtime/events.js";
import type { RunTarget } from "./config-options.js";

/**
 * Rollback in copy mode: the source was only ever read, so rolling back is switching the
 * application back to it. kmig checks that the source still is a version of the chain, says so,
 * and drops the target when asked (`--drop-target`); it never writes to the source.
 */
export async function switchBack(t: RunTarget, plans: readonly Plan[], drop: boolean, reporter: Reporter): Promise<number> {
  const source = serverSide(t.source, "source");
  const target = serverSide(t.copyTo!, "target");
  reporter.emit({ type: "run-start", command: "rollback", database: `${target.where} (copy of ${source.where})` });
  const started = Date.now();
  const s = await sourceReport(source, null, plans);
  if (s.problem) throw new RunError("K9503", `the source ${source.where} cannot be read as a version of the chain: ${s.problem}`, "kmig never writes to the source in copy mode: check who changed it");
  reporter.emit({ type: "info", message: `copy mode: the source ${source.where} was only read by kmig and is still at version ${s.version}; switch your application back to it` });
  if (drop) {
    await dropTarget(target);
    reporter.emit({ type: "info", message: `dropped the target database ${target.database}` });
  } else {
    reporter.emit({ type: "info", message: `the target ${target.where} is left as it is: run again with --drop-target to drop it` });
  }
  reporter.emit({ type: "run-done", ok: true, ms: Date.now() - started });
  return 0;
}
