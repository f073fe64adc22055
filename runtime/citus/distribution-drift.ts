import type { Plan } from "../../core/plan.js";
import type { ChangeOf } from "../../core/plan-change.js";
import type { Db } from "../db/connection.js";
import { readCitusTopology, type CitusTopology } from "./topology.js";

/**
 * How the live database spreads each table the plans distribute (`distributed by`, `colocate
 * with`, `create reference table`), against what they say: one line per difference. Tables the
 * plans say nothing about are not compared. Empty where they distribute nothing.
 */
export async function distributionDrift(db: Db, plans: readonly Plan[]): Promise<string[]> {
  const said = plans.flatMap((p) => p.steps.flatMap((s) => (s.kind === "sql" && s.change?.op === "distribute-table" ? [s.change] : [])));
  if (said.length === 0) return [];
  const live = await readCitusTopology(db);
  if (!live) return [`the spec distributes ${said.map((d) => d.table).join(", ")} with Citus, and the database has no Citus`];
  return said.flatMap((d) => differs(live, d));
}

type Said = ChangeOf<"distribute-table">;

function differs(live: CitusTopology, d: Said): string[] {
  const t = live.tables.get(`public.${d.table}`);
  const want = d.kind === "reference" ? "a reference table" : `distributed by (${d.column})`;
  if (!t) return [`${d.table}: the spec says ${want}, the database has it on the coordinator only (not a Citus table)`];
  const has = t.kind === "reference" ? "a reference table" : t.kind === "distributed" ? `distributed by (${t.column})` : "a Citus local table";
  if (t.kind !== d.kind || (d.kind === "distributed" && t.column !== d.column)) return [`${d.table}: the spec says ${want}, the database has it ${has}`];
  if (d.colocateWith === null) return [];
  const other = live.tables.get(`public.${d.colocateWith}`);
  if (!other || other.colocationId !== t.colocationId) return [`${d.table}: the spec says colocate with ${d.colocateWith}, the database does not colocate them`];
  return [];
}
