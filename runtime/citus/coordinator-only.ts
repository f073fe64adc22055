import type { Db } from "../db/connection.js";
import { RunError } from "../errors.js";
import { rememberCitus } from "./propagate-settings.js";
import { readCitusTopology, type CitusTopology } from "./topology.js";

/**
 * Every database command's first look at the database: on a Citus worker it stops (K9032), naming
 * the coordinator. A worker holds shards, not the cluster's tables: kmig would see no ledger, its
 * advisory lock would exclude no run on the coordinator, and its DDL would change one node's shards.
 * Returns the topology (null without Citus) for the command's own use.
 */
export async function refuseCitusWorker(db: Db): Promise<CitusTopology | null> {
  const topology = await readCitusTopology(db);
  rememberCitus(db, topology !== null);
  if (topology?.role === "worker") {
    const at = topology.coordinator;
    throw new RunError(
      "K9032",
      `${db.where} is a Citus worker node: kmig runs only on the cluster's coordinator${at ? `, ${at}` : ""}`,
      at ? `give --db the coordinator (${at}) with this database's name` : "give --db the cluster's coordinator (the worker does not know it: it is not registered in pg_dist_node)",
    );
  }
  return topology;
}
