import type { Db } from "../db/connection.js";
import { qualified } from "../../core/sql-quote.js";

/** One shard of a distributed table: where it is and the tables colocated with it there. */
export interface Shard {
  readonly id: string;
  /** Its hash range: rows whose distribution value hashes into [lo, hi]. */
  readonly lo: number;
  readonly hi: number;
  /** The node holding its one placement. */
  readonly host: string;
  readonly port: number;
  /** The shard table's name on that node (unqualified: it is in the table's own schema). */
  readonly table: string;
  /** For each colocated table asked for (`schema.table`), its shard with the same hash range. */
  readonly colocated: ReadonlyMap<string, string>;
}

/**
 * The shards of `table` (`schema.table`) from Citus's metadata (`pg_dist_shard`,
 * `pg_dist_placement`, `pg_dist_node`), in hash order, or a reason why kmig cannot write them one
 * by one: a shard with several placements (statement replication) must be written through the
 * coordinator, which keeps its copies alike.
 */
export async function readShards(db: Db, table: { schema: string; table: string }, colocated: readonly { schema: string; table: string }[]): Promise<Shard[] | { refused: string }> {
  const rel = (t: { schema: string; table: string }) => qualified(t.schema, t.table);
  const r = await db.query<{ id: string; lo: string; hi: string; host: string; port: string; placements: string }>(
    `SELECT s.shardid::text AS id, s.shardminvalue AS lo, s.shardmaxvalue AS hi, min(n.nodename) AS host, min(n.nodeport)::text AS port, count(*)::text AS placements
     FROM pg_catalog.pg_dist_shard s JOIN pg_catalog.pg_dist_placement p ON p.shardid = s.shardid JOIN pg_catalog.pg_dist_node n ON n.groupid = p.groupid AND n.noderole = 'primary'
     WHERE s.logicalrelid = $1::regclass GROUP BY s.shardid, s.shardminvalue, s.shardmaxvalue ORDER BY s.shardminvalue::int`,
    [rel(table)],
  );
  if (r.rows.some((x) => x.placements !== "1")) return { refused: `a shard of ${table.table} has several placements (statement replication)` };
  const others = new Map<string, Map<string, string>>();
  for (const c of colocated) {
    const o = await db.query<{ lo: string; id: string }>(`SELECT shardminvalue AS lo, shardid::text AS id FROM pg_catalog.pg_dist_shard WHERE logicalrelid = $1::regclass`, [rel(c)]);
    others.set(`${c.schema}.${c.table}`, new Map(o.rows.map((x) => [x.lo, shardTableName(c.table, x.id)])));
  }
  const shards: Shard[] = [];
  for (const x of r.rows) {
    const co = new Map<string, string>();
    for (const [name, byLo] of others) {
      const s = byLo.get(x.lo);
      if (!s) return { refused: `${name} is not colocated with ${table.table}` };
      co.set(name, s);
    }
    shards.push({ id: x.id, lo: Number(x.lo), hi: Number(x.hi), host: x.host, port: Number(x.port), table: shardTableName(table.table, x.id), colocated: co });
  }
  return shards;
}

/**
 * A shard's table name as Citus makes it: the table's name and `_<shard id>`. Citus shortens a name
 * that would pass PostgreSQL's 63 bytes with a hash; kmig does not guess that hash, and callers
 * take such tables through the coordinator (see fitsShardName).
 */
export function shardTableName(table: string, shardId: string): string {
  return `${table}_${shardId}`;
}

/** Whether every shard name of `table` keeps its full spelling (below PostgreSQL's 63 bytes). */
export function fitsShardName(table: string): boolean {
  return Buffer.byteLength(`${table}_${"9".repeat(12)}`, "utf8") <= 63;
}
