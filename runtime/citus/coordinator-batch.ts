import { RANGE_MARKER, type BackfillStep } from "../../core/plan.js";
import { ident as q, literal } from "../../core/sql-quote.js";
import { RUN_AT_SQL } from "../../stdlib/support/run-time.js";

/**
 * A backfill's batch statements in the form Citus runs through the coordinator (reference tables,
 * and distributed ones when the workers cannot be reached directly). Citus plans an UPDATE on a
 * Citus table by sending it to every placement, and refuses, in its SET list, STABLE functions
 * over columns (`to_jsonb(col)`, `jsonb_build_object(…, col)`: each node could print a value
 * differently) and any non-IMMUTABLE call inside CASE/COALESCE (kmig's `now()` reads the run's
 * time with `current_setting`). So:
 *
 * - the run's time is a constant in the statement, not `current_setting('kmig.run_at')`: the
 *   nodes Citus sends the statement to never saw kmig's setting and would read their own clock;
 * - the UPDATE computes its new values in a sub-select of the same table, joined on the key:
 *   `UPDATE t SET c = kmig_new.c FROM (SELECT key, <mapping> AS c FROM t WHERE true <range>) AS
 *   kmig_new WHERE t.key = kmig_new.key`. Citus checks only the SET list and the WHERE clause of
 *   an UPDATE; the mappings, unchanged, run where the rows are.
 *
 * An UPDATE that is not exactly the one kmig's compiler writes from the step's assignments is
 * left as it is (only the run's time is bound).
 */
export function coordinatorStatements(step: BackfillStep, runAt: string, distributed: boolean): string[] {
  const bound = (s: string) => s.split(RUN_AT_SQL).join(`(${literal(runAt)}::timestamptz)`);
  const plain = `UPDATE ${q(step.table)} SET ${step.assignments.map((a) => `${q(a.column)} = ${a.sql}`).join(", ")} WHERE true ${RANGE_MARKER}`;
  // A mapping that gives another value on each call (gen_random_uuid(), random()) is recorded by
  // an INSERT after the UPDATE (compiler/ops/backfill-written.ts). On a reference table the
  // sub-select would run on every copy, each drawing its own values: Citus refuses the plain
  // UPDATE for that reason, and it is left to refuse it.
  const at = step.batch.perBatch.indexOf(plain);
  const varies = at >= 0 && step.batch.perBatch.slice(at + 1).some((s) => s.startsWith("INSERT"));
  const rewrite = step.key.length > 0 && (distributed || !varies);
  return step.batch.perBatch.map((s) => (s === plain && rewrite ? bound(joinedUpdate(step, distributed)) : bound(s)));
}

/** The UPDATE with its values computed in a keyed sub-select of the same table. */
function joinedUpdate(step: BackfillStep, distributed: boolean): string {
  const t = q(step.table);
  const sets = step.assignments.map((a) => `${q(a.column)} = kmig_new.${q(`kmig_v_${a.column}`)}`).join(", ");
  const values = [...step.key.map((k) => q(k.column)), ...step.assignments.map((a) => `${a.sql} AS ${q(`kmig_v_${a.column}`)}`)].join(", ");
  const join = step.key.map((k) => `${t}.${q(k.column)} = kmig_new.${q(k.column)}`).join(" AND ");
  // On a distributed table, OFFSET 0 keeps the sub-select a sub-select: PostgreSQL's planner would
  // otherwise pull it up into the UPDATE, and Citus, checking the planned query, would find the
  // mappings in the SET list again. Citus then runs it first and joins its result. A reference
  // table's UPDATE is sent whole to its placements and needs no fence (with one, Keiko's agents
  // batch failed on Citus 13.2: "operator does not exist: text = boolean").
  const fence = distributed ? " OFFSET 0" : "";
  return `UPDATE ${t} SET ${sets} FROM (SELECT ${values} FROM ${t} WHERE true ${RANGE_MARKER}${fence}) AS kmig_new WHERE ${join}`;
}
