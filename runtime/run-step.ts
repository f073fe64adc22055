import type { Db } from "./db/connection.js";
import { isDbError } from "./db/connection.js";
import { RunError } from "./errors.js";
import type { Reporter } from "./events.js";
import { STEP_DONE_SQL } from "./ledger.js";
import type { Step } from "../core/plan.js";
import { runBackfill, type BatchOptions } from "./run-backfill.js";
import { inTransaction, outsideTransaction, type LockPolicy } from "./transaction.js";
import { withoutUserTriggers } from "./triggers.js";
import { CLOSED_MAP_HINT, CLOSED_MAP_SQLSTATE } from "../core/closed-map.js";

export interface StepOptions {
  readonly lock: LockPolicy;
  readonly batch: BatchOptions;
}

/** Runs one step forward and records it in the ledger (in the same transaction where possible). */
export async function runStep(db: Db, migration: string, index: number, step: Step, opts: StepOptions, reporter: Reporter): Promise<void> {
  const started = Date.now();
  reporter.emit({ type: "step-start", migration, step: step.id, summary: step.summary, kind: step.kind });
  try {
    if (step.kind === "backfill") await runBackfill(db, migration, index, step, opts.batch, opts.lock, reporter);
    else if (step.transactional) {
      await inTransaction(db, opts.lock, step.id, reporter, async () => {
        await withoutUserTriggers(db, step, step.up, step.fireTriggers === true, async () => {
          for (const s of step.up) await db.query(s);
        });
        await db.query(STEP_DONE_SQL, [migration, index + 1]);
      });
    } else {
      await outsideTransaction(db, opts.lock, step.up);
      await db.query(STEP_DONE_SQL, [migration, index + 1]);
    }
  } catch (e) {
    throw stepFailure(step, e, "failed");
  }
  reporter.emit({ type: "step-done", migration, step: step.id, summary: step.summary, ms: Date.now() - started });
}

/** A step's failure as a RunError naming its spec line and the database's own message. */
export function stepFailure(step: Step, e: unknown, verb: string): RunError {
  if (e instanceof RunError) return e;
  const raw = e instanceof Error ? e.message : String(e);
  // A closed map's unlisted value: SQLSTATE KM001, whose message names the map and the value (core/closed-map.ts).
  const closedMap = isDbError(e) && e.code === CLOSED_MAP_SQLSTATE;
  const dbMessage = helperNotNull(step, raw) ?? raw;
  const detail = isDbError(e) && e.detail ? ` (${e.detail})` : "";
  const code = isDbError(e) ? ` [SQLSTATE ${e.code}]` : "";
  const hint = closedMap ? CLOSED_MAP_HINT : dbMessage !== raw ? hintFor(Object.assign(new Error(dbMessage), { code: "23502" })) : hintFor(e);
  return new RunError("K9101", `step \`${step.summary}\` ${verb}: ${dbMessage}${detail}${code}`, hint, step.origin, dbMessage);
}

/**
 * A failed validation of the helper check kmig puts before SET NOT NULL (compiler/ops/safe-lowering.ts)
 * is a NULL in the column: said as PostgreSQL says it for SET NOT NULL.
 */
function helperNotNull(step: Step, raw: string): string | null {
  const m = /^check that (.+)\.(.+) holds no NULL \(validate /.exec(step.summary);
  if (!m || !/^check constraint ".*kmig_not_null\d*" of relation ".*" is violated by some row$/.test(raw)) return null;
  return `column "${m[2]}" of relation "${m[1]}" contains null values`;
}

function hintFor(e: unknown): string | null {
  if (!isDbError(e)) return "the connection may have been lost: run the command again to resume";
  switch (e.code) {
    case "23502":
      return "rows hold NULL where the spec now requires a value: map them (`col := col ?? …`) or keep the column nullable";
    case "23505":
      return "rows violate the new unique constraint: `kmig plan` lists them";
    case "23503":
      return "rows violate the new foreign key: `kmig plan` lists them";
    case "23514":
      return "rows violate the new check constraint: `kmig plan` lists them";
    case "55P03":
      return "another session held a lock this step needs for longer than --lock-timeout, several times: retry when the database is quieter";
    case "22001":
      return "a value is longer than its varchar column allows: widen the column or shorten the value in the mapping";
    case "42704":
    case "42883":
      return "this server does not have what the step uses (an operator class, a type, a function, an extension's): install it, or change the spec";
    default:
      return "PostgreSQL's message says what it rejected; `kmig explain <folder>` shows the step's SQL";
  }
}
