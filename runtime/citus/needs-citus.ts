import type { Plan } from "../../core/plan.js";
import type { Db } from "../db/connection.js";
import { RunError } from "../errors.js";
import { readCitusTopology } from "./topology.js";

/**
 * K9630: a plan that hands tables to Citus (`distributed by`, `create reference table`) runs only
 * where Citus is. Checked before anything is written, so that a database without Citus is told so
 * up front rather than half-way, by a missing `create_distributed_table`.
 */
export async function requireCitusFor(db: Db, plans: readonly Plan[]): Promise<void> {
  const step = plans.flatMap((p) => p.steps).find((s) => s.kind === "sql" && s.op === "distribute-table");
  if (!step) return;
  if (await readCitusTopology(db)) return;
  throw new RunError(
    "K9630",
    `${step.summary}: the spec distributes tables with Citus, and this database has no Citus`,
    "run it on a Citus coordinator (`CREATE EXTENSION citus` and its workers added), or take `distributed by` / `reference` out of the spec for a single PostgreSQL",
    step.origin,
    null,
    { label: "needs Citus" },
  );
}
