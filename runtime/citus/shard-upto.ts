import type { Db } from "../db/connection.js";
import { RunError } from "../errors.js";
import type { BackfillStep } from "../../core/plan.js";
import { ident as q } from "../../core/sql-quote.js";
import { readCitusTopology } from "./topology.js";
import { readShards } from "./shards.js";

/**
 * The rows a half-done per-shard backfill has transformed, for its restore: on each shard the rows
 * up to that shard's cursor (all of a finished shard's, none of one not started). Not a key range
 * but one per shard; a shard is told by the distribution column's hash, as Citus places rows: the
 * hash function of the column type's default hash operator class (`uuid_hash`, `hashint8`, …),
 * IMMUTABLE, so Citus lets an UPDATE's WHERE call it.
 */
export interface ShardUpto {
  readonly kind: "shards";
  /** `uuid_hash("tasks"."id")`. */
  readonly hash: string;
  /** Per shard with transformed rows: its hash range and cursor (null: every row of it). */
  readonly parts: readonly { readonly lo: number; readonly hi: number; readonly last: readonly unknown[] | null }[];
}

/**
 * The per-shard cursors of a backfill a run left half-done (or failed in), read from the nodes'
 * `kmig.shard_progress` for this migration's run; null where the table is not distributed or no
 * shard has a committed batch.
 */
export async function shardUpto(db: Db, migration: string, step: BackfillStep): Promise<ShardUpto | null> {
  if (db.kind !== "postgres" || !db.connectNode || step.key.length === 0) return null;
  const topology = await readCitusTopology(db);
  if (!topology || topology.role !== "coordinator") return null;
  const found = await db.query<{ schema: string }>(`SELECT n.nspname AS schema FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`, [q(step.table)]);
  const schema = found.rows[0]?.schema;
  const table = schema ? topology.tables.get(`${schema}.${step.table}`) : undefined;
  if (!schema || table?.kind !== "distributed" || !table.column) return null;
  const run = await db.query<{ t: string }>(`SELECT "started_at"::text AS t FROM "kmig"."ledger" WHERE "id" = $1`, [migration]);
  if (run.rows.length === 0) return null;
  const cursors = new Map<string, { last: unknown[] | null; done: boolean }>();
  const nodes = await db.query<{ host: string; port: string }>(`SELECT nodename AS host, nodeport::text AS port FROM pg_catalog.pg_dist_node WHERE noderole = 'primary' AND isactive`);
  for (const n of nodes.rows) {
    const node = await db.connectNode(n.host, Number(n.port));
    try {
      if ((await node.query(`SELECT 1 FROM pg_catalog.pg_class WHERE oid = to_regclass('"kmig"."shard_progress"')`)).rows.length === 0) continue;
      const r = await node.query<{ shard: string; last_key: string | null; done: boolean | string }>(
        `SELECT "shard"::text, "last_key"::text, "done" FROM "kmig"."shard_progress" WHERE "migration" = $1 AND "step" = $2 AND "run_at" = $3::timestamptz`,
        [migration, step.id, run.rows[0].t],
      );
      for (const x of r.rows) cursors.set(x.shard, { last: x.last_key ? (JSON.parse(x.last_key) as unknown[]) : null, done: x.done === true || x.done === "t" || x.done === "true" });
    } finally {
      await node.close();
    }
  }
  if (cursors.size === 0) return null;
  const shards = await readShards(db, { schema, table: step.table }, []);
  if (!Array.isArray(shards)) return null;
  const fn = await db.query<{ f: string }>(
    `SELECT p.amproc::regproc::text AS f FROM pg_catalog.pg_opclass c
     JOIN pg_catalog.pg_amproc p ON p.amprocfamily = c.opcfamily AND p.amprocnum = 1 AND p.amproclefttype = c.opcintype AND p.amprocrighttype = c.opcintype
     JOIN pg_catalog.pg_am a ON a.oid = c.opcmethod
     WHERE a.amname = 'hash' AND c.opcdefault AND c.opcintype = (SELECT atttypid FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2)`,
    [q(step.table), table.column],
  );
  if (!fn.rows[0]) {
    throw new RunError("K9101", `cannot tell which rows of ${step.table} the half-done backfill transformed: no hash function for the type of its distribution column ${table.column}`, "finish the migration with `kmig apply` (it resumes each shard where it stopped)", step.origin);
  }
  const parts = shards.flatMap((s) => {
    const c = cursors.get(s.id);
    if (!c) return [];
    return [{ lo: s.lo, hi: s.hi, last: c.done ? null : c.last }];
  });
  return { kind: "shards", hash: `${fn.rows[0].f}(${q(step.table)}.${q(table.column)})`, parts };
}

/** `AND (…)`: the rows of `upto`, for the restore's UPTO marker; parameters from `$first`. */
export function shardUptoCondition(step: BackfillStep, upto: ShardUpto, first: number): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const keys = `(${step.key.map((k) => `${q(step.table)}.${q(k.column)}`).join(", ")})`;
  const ors = upto.parts.map((p) => {
    const inShard = `${upto.hash} BETWEEN ${Math.trunc(p.lo)} AND ${Math.trunc(p.hi)}`;
    if (p.last === null) return `(${inShard})`;
    const at = first + params.length;
    params.push(...p.last);
    return `(${inShard} AND ${keys} <= (${step.key.map((k, i) => `$${at + i}::${k.sqlType}`).join(", ")}))`;
  });
  return { sql: `AND (${ors.length > 0 ? ors.join(" OR ") : "false"})`, params };
}
