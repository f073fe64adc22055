import type { Db } from "../db/connection.js";

/**
 * What Citus (distributed PostgreSQL) says about the database kmig runs on: which node this is and
 * how each table is spread. Read from Citus's own metadata (`pg_dist_local_group`, `pg_dist_node`,
 * `pg_dist_partition`); null where the extension is not installed, which is every database but a Citus one.
 */
export interface CitusTopology {
  /** The extension's version, e.g. `13.2-1`. */
  readonly version: string;
  /** A worker holds shards; kmig runs only on the coordinator, which holds the metadata. */
  readonly role: "coordinator" | "worker";
  /** `host:port` of the coordinator as the cluster's metadata names it (null if not registered). */
  readonly coordinator: string | null;
  /** Every Citus table, keyed by `schema.table` as PostgreSQL spells them (unquoted). */
  readonly tables: ReadonlyMap<string, CitusTable>;
}

/** How one table is spread over the cluster. */
export interface CitusTable {
  readonly schema: string;
  readonly table: string;
  /** `distributed`: hash shards by `column`; `reference`: a copy on every node; `local`: a Citus local table on the coordinator. */
  readonly kind: "distributed" | "reference" | "local";
  /** The distribution column of a distributed table (null for the others). */
  readonly column: string | null;
  /** Tables with the same colocation id keep matching shards on the same node (joins stay local). */
  readonly colocationId: number;
  readonly shardCount: number;
}

/** Citus's metadata as kmig needs it, or null where the database has no Citus. */
export async function readCitusTopology(db: Db): Promise<CitusTopology | null> {
  const ext = await db.query<{ v: string }>(`SELECT extversion AS v FROM pg_extension WHERE extname = 'citus'`);
  if (ext.rows.length === 0) return null;
  const group = await db.query<{ g: string }>(`SELECT groupid::text AS g FROM pg_catalog.pg_dist_local_group`);
  // Group 0 is the coordinator; a worker added to the cluster has its own group id.
  const role = group.rows[0]?.g === "0" ? "coordinator" : "worker";
  const coord = await db.query<{ at: string }>(`SELECT nodename || ':' || nodeport AS at FROM pg_catalog.pg_dist_node WHERE groupid = 0 LIMIT 1`);
  const tables = new Map<string, CitusTable>();
  if (role === "coordinator") {
    // pg_dist_partition, not the `citus_tables` view: the view lives in the schema the extension was
    // created in, and hides tables the user cannot see. Method `h` is hash distribution; `n` with
    // replication model `t` is a reference table, with `s` a Citus local table.
    const r = await db.query<{ schema: string; table: string; kind: string; col: string | null; colo: string; shards: string }>(`
      SELECT n.nspname AS schema, c.relname AS table,
             CASE WHEN p.partmethod = 'h' THEN 'distributed' WHEN p.repmodel = 't' THEN 'reference' ELSE 'local' END AS kind,
             CASE WHEN p.partmethod = 'h' THEN pg_catalog.column_to_column_name(p.logicalrelid, p.partkey) END AS col,
             p.colocationid::text AS colo,
             (SELECT count(*) FROM pg_catalog.pg_dist_shard s WHERE s.logicalrelid = p.logicalrelid)::text AS shards
      FROM pg_catalog.pg_dist_partition p JOIN pg_catalog.pg_class c ON c.oid = p.logicalrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace`);
    for (const row of r.rows) {
      const kind = row.kind === "distributed" || row.kind === "reference" ? row.kind : "local";
      tables.set(`${row.schema}.${row.table}`, { schema: row.schema, table: row.table, kind, column: kind === "distributed" ? row.col : null, colocationId: Number(row.colo), shardCount: Number(row.shards) });
    }
  }
  return { version: ext.rows[0].v, role, coordinator: coord.rows[0]?.at ?? null, tables };
}
