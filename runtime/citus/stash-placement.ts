import type { Db } from "../db/connection.js";
import type { BackfillStep } from "../../core/plan.js";
import { ident as q } from "../../core/sql-quote.js";
import { readCitusTopology, type CitusTable } from "./topology.js";

/**
 * On Citus, the tables a backfill keeps in kmig's schema (its stash of originals, the values it
 * wrote) are placed as the table they are keyed to is: distributed by the same column and colocated
 * with it, or a reference table beside a reference table. The compiled plan creates them as plain
 * tables, as on any PostgreSQL; placed here, right after they are made (in the same transaction),
 * the batches' INSERT … SELECT and the restore's join on the key run on each shard where the row
 * is, instead of pulling rows to the coordinator (a coordinator-local stash joined to a distributed
 * table is refused by the restore, or planned as a distributed subplan per row).
 *
 * Nothing happens without Citus, on a table Citus does not manage (or a Citus local table, which
 * stays beside a local stash on the coordinator), or for a table already placed (a resumed run).
 * The key is the table's primary key, which Citus requires to hold the distribution column; were
 * it missing, the stash stays local, which Citus still joins (recursively planned), only slower.
 */
export async function placeBackfillTables(db: Db, step: BackfillStep): Promise<void> {
  const made = keptTables(step);
  if (made.length === 0) return;
  const citus = await readCitusTopology(db);
  if (!citus || citus.role !== "coordinator") return;
  const where = await db.query<{ schema: string }>(`SELECT n.nspname AS schema FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`, [q(step.table)]);
  const schema = where.rows[0]?.schema;
  const table = schema === undefined ? undefined : citus.tables.get(`${schema}.${step.table}`);
  if (!table || table.kind === "local") return;
  for (const t of made) {
    if (citus.tables.has(`${t.schema}.${t.table}`)) continue;
    await place(db, `${q(t.schema)}.${q(t.table)}`, table, step);
  }
}

async function place(db: Db, kept: string, like: CitusTable, step: BackfillStep): Promise<void> {
  if (like.kind === "reference") {
    await db.query(`SELECT create_reference_table($1)`, [kept]);
    return;
  }
  if (like.column === null || !step.key.some((k) => k.column === like.column)) return;
  await db.query(`SELECT create_distributed_table($1, $2, colocate_with => $3)`, [kept, like.column, `${q(like.schema)}.${q(like.table)}`]);
}

/** The tables in kmig's schema that a backfill's prepare statements create (`CREATE TABLE IF NOT EXISTS "kmig"."…"`). */
export function keptTables(step: BackfillStep): { schema: string; table: string }[] {
  const out: { schema: string; table: string }[] = [];
  for (const s of step.batch.prepare) {
    const m = /^CREATE TABLE IF NOT EXISTS "((?:[^"]|"")+)"\."((?:[^"]|"")+)"/.exec(s);
    if (m) out.push({ schema: m[1].replace(/""/g, '"'), table: m[2].replace(/""/g, '"') });
  }
  return out;
}
