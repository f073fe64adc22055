import type { Db } from "../db/connection.js";
import type { Reporter } from "../events.js";
import { RunError } from "../errors.js";
import { STEP_DONE_SQL } from "../ledger.js";
import type { BackfillStep } from "../../core/plan.js";
import { ident as q, qualified } from "../../core/sql-quote.js";
import { inTransaction, type LockPolicy } from "../transaction.js";
import { runBatches, type BatchOptions } from "../run-backfill.js";
import { readCitusTopology } from "./topology.js";
import { coordinatorStatements } from "./coordinator-batch.js";
import { fitsShardName, readShards, type Shard } from "./shards.js";
import { renameRelations } from "./rename-relations.js";
import { forgetShardProgress, readShardProgress, recordShardProgress, type ShardProgress } from "./shard-progress.js";

/**
 * How a backfill runs on Citus: `shards`, a distributed table's batches on each shard on its node
 * (runShardBatches); `coordinator`, through the coordinator in the form Citus accepts
 * (coordinator-batch.ts), for reference and Citus local tables, and for a distributed table kmig
 * cannot write shard by shard (no connection settings to reach the workers: a caller's pool;
 * `shardConcurrency: 0`; statement replication; a shard name Citus shortened). Null: not a Citus
 * table (or no Citus), the single-node path unchanged.
 */
export type CitusRoute =
  | { readonly kind: "coordinator"; readonly step: BackfillStep; readonly why: string | null }
  | { readonly kind: "shards"; readonly shards: readonly Shard[]; readonly renames: (s: Shard) => ReadonlyMap<string, string>; readonly runAt: string };

/** The run's time as the coordinator's session has it (apply sets `kmig.run_at`; else the transaction's start). */
async function runAtOf(db: Db): Promise<string> {
  const r = await db.query<{ t: string }>(`SELECT COALESCE(NULLIF(current_setting('kmig.run_at', true), ''), now()::text) AS t`);
  return r.rows[0].t;
}

/** kmig's own tables (`"kmig"."…"` naming a table, not a function) the batch statements write or read. */
async function kmigTables(db: Db, statements: readonly string[]): Promise<string[]> {
  const named = new Set<string>();
  for (const s of statements) for (const m of s.matchAll(/"kmig"\."((?:[^"]|"")+)"/g)) named.add(m[1].replace(/""/g, '"'));
  if (named.size === 0) return [];
  // One look-up for all the names (functions of kmig's schema are named the same way, and are not tables).
  const names = [...named];
  const r = await db.query<{ n: string }>(`SELECT n FROM unnest($1::text[]) AS n WHERE to_regclass(format('%I.%I', 'kmig', n)) IS NOT NULL`, [names]);
  const found = new Set(r.rows.map((x) => x.n));
  return names.filter((n) => found.has(n));
}

/** How apply runs a backfill's batches on Citus, decided without changing anything (see citusRoute). */
type Decision =
  | { readonly kind: "coordinator"; readonly step: BackfillStep; readonly why: string | null }
  | { readonly kind: "shards"; readonly schema: string; readonly column: string; readonly own: readonly string[] };

async function decide(db: Db, step: BackfillStep, opts: Pick<BatchOptions, "shardConcurrency">): Promise<Decision | null> {
  if (db.kind !== "postgres" || step.key.length === 0) return null;
  const topology = await readCitusTopology(db);
  if (!topology || topology.role !== "coordinator") return null;
  const found = await db.query<{ schema: string }>(`SELECT n.nspname AS schema FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`, [q(step.table)]);
  const schema = found.rows[0]?.schema;
  const table = schema ? topology.tables.get(`${schema}.${step.table}`) : undefined;
  if (!schema || !table) return null;
  const runAt = await runAtOf(db);
  const viaCoordinator = (why: string | null): Decision => ({ kind: "coordinator", step: { ...step, batch: { prepare: [], perBatch: coordinatorStatements(step, runAt, table.kind === "distributed") } }, why });
  if (table.kind !== "distributed" || !table.column) return viaCoordinator(null);
  if (opts.shardConcurrency === 0) return viaCoordinator(null);
  if (!db.connectNode) return viaCoordinator("kmig was given a connection, not a URL, so it cannot reach the workers");
  if (!step.key.some((k) => k.column === table.column)) return viaCoordinator(`the key of ${step.table} does not hold its distribution column`);
  // A column spelled like the table would be renamed with it (rename-relations.ts).
  const clash = await db.query(`SELECT 1 FROM pg_catalog.pg_attribute WHERE attrelid = to_regclass($1) AND attname = $2 AND NOT attisdropped`, [qualified(schema, step.table), step.table]);
  if (clash.rows.length > 0 || !fitsShardName(step.table)) return viaCoordinator(null);
  const own = await kmigTables(db, step.batch.perBatch);
  if (own.some((t) => !fitsShardName(t))) return viaCoordinator(null);
  return { kind: "shards", schema, column: table.column, own };
}

/**
 * The batch statements apply sends through the Citus coordinator for `step` (for `kmig plan` to
 * try them as they run): the rewritten ones (coordinator-batch.ts); `shards` where each shard runs
 * kmig's statements unchanged on its worker, as on one server; null without Citus.
 */
export async function citusBatchForm(db: Db, step: BackfillStep): Promise<readonly string[] | "shards" | null> {
  const d = await decide(db, step, {});
  return d === null ? null : d.kind === "shards" ? "shards" : d.step.batch.perBatch;
}

export async function citusRoute(db: Db, step: BackfillStep, opts: BatchOptions): Promise<CitusRoute | null> {
  const d = await decide(db, step, opts);
  if (d === null || d.kind === "coordinator") return d;
  // kmig's stash (and written-values) tables were placed beside the table's rows by runBackfill
  // (stash-placement.ts), distributed and colocated; one not placed is refused by readShards.
  const shards = await readShards(db, { schema: d.schema, table: step.table }, d.own.map((t) => ({ schema: "kmig", table: t })));
  if (!Array.isArray(shards)) {
    const runAt = await runAtOf(db);
    return { kind: "coordinator", step: { ...step, batch: { prepare: [], perBatch: coordinatorStatements(step, runAt, true) } }, why: shards.refused };
  }
  const renames = (s: Shard) => new Map<string, string>([[q(step.table), q(s.table)], ...d.own.map((t): [string, string] => [qualified("kmig", t), qualified("kmig", s.colocated.get(`kmig.${t}`) as string)])]);
  return { kind: "shards", shards, renames, runAt: await runAtOf(db) };
}

/** Shards at once by default: one per node holding shards (each worker runs one batch at a time). */
function concurrency(opts: BatchOptions, shards: readonly Shard[]): number {
  const nodes = new Set(shards.map((s) => `${s.host}:${s.port}`)).size;
  return Math.max(1, opts.shardConcurrency ?? nodes);
}

/**
 * A distributed table's backfill, shard by shard on the nodes that hold them: kmig's batch
 * statements, unchanged but for the relation names, keyset-batched within each shard, each batch
 * committed on its node together with the shard's cursor (shard-progress.ts says why that is
 * exact). Up to `shardConcurrency` shards run at once, taken so that the nodes share the work.
 * The step is recorded done in the coordinator's ledger once every shard is.
 */
export async function runShardBatches(db: Db, migration: string, stepIndex: number, step: BackfillStep, route: Extract<CitusRoute, { kind: "shards" }>, opts: BatchOptions, policy: LockPolicy, reporter: Reporter): Promise<void> {
  if (!db.connectNode) throw new Error("runShardBatches needs connectNode");
  const connect = db.connectNode;
  const nodeOf = (s: Shard) => `${s.host}:${s.port}`;
  const nodes = new Map<string, Db>();
  const open: Db[] = [];
  try {
    const progress = new Map<string, ShardProgress & { node: string }>();
    for (const s of route.shards) {
      if (nodes.has(nodeOf(s))) continue;
      const node = await connect(s.host, s.port);
      open.push(node);
      nodes.set(nodeOf(s), node);
    }
    // Every node is read, not only those holding shards now: a cursor on the wrong node means a shard moved.
    const all = await db.query<{ host: string; port: string }>(`SELECT nodename AS host, nodeport::text AS port FROM pg_catalog.pg_dist_node WHERE noderole = 'primary' AND isactive`);
    for (const n of all.rows) {
      const key = `${n.host}:${n.port}`;
      let node = nodes.get(key);
      if (!node) {
        node = await connect(n.host, Number(n.port));
        open.push(node);
        nodes.set(key, node);
      }
      for (const p of await readShardProgress(node, migration, step.id, route.runAt)) progress.set(p.shard, { ...p, node: key });
    }
    for (const s of route.shards) {
      const p = progress.get(s.id);
      if (p && p.node !== nodeOf(s)) {
        throw new RunError("K9101", `shard ${s.id} of ${step.table} moved from ${p.node} to ${nodeOf(s)} while kmig's backfill of it was under way: its cursor stayed behind`, "move the shard back (citus_move_shard_placement) and run kmig again; do not rebalance shards during a migration", step.origin);
      }
    }
    const total = Number((await db.query<{ n: string }>(`SELECT count(*)::text AS n FROM ${q(step.table)}`)).rows[0].n);
    const doneOf = new Map(route.shards.map((s) => [s.id, progress.get(s.id)?.rowsDone ?? 0]));
    const doneAtStart = [...doneOf.values()].reduce((a, b) => a + b, 0);
    const started = Date.now();
    const emit = () => {
      const done = [...doneOf.values()].reduce((a, b) => a + b, 0);
      const secs = (Date.now() - started) / 1000;
      const rate = secs > 0 ? (done - doneAtStart) / secs : 0;
      const all = Math.max(total, done);
      reporter.emit({ type: "backfill-progress", migration, step: step.id, done, total: all, rowsPerSecond: Math.round(rate), etaSeconds: rate > 0 ? Math.max(0, (all - done) / rate) : null });
    };
    const queue = route.shards.filter((s) => !progress.get(s.id)?.done);
    const busy = new Map<string, number>();
    const next = (): Shard | undefined => {
      // The shard on the node with the fewest shards under way: the workers share the work.
      let best = -1;
      for (let i = 0; i < queue.length; i++) if (best < 0 || (busy.get(nodeOf(queue[i])) ?? 0) < (busy.get(nodeOf(queue[best])) ?? 0)) best = i;
      return best < 0 ? undefined : queue.splice(best, 1)[0];
    };
    let failure: unknown = null;
    const worker = async () => {
      const mine = new Map<string, Db>();
      try {
        for (let s = next(); s && failure === null; s = next()) {
          const shard = s;
          busy.set(nodeOf(shard), (busy.get(nodeOf(shard)) ?? 0) + 1);
          let node = mine.get(nodeOf(shard));
          if (!node) {
            node = await connect(shard.host, shard.port);
            mine.set(nodeOf(shard), node);
            await node.query(`SELECT set_config('kmig.run_at', $1, false)`, [route.runAt]);
          }
          const renames = route.renames(shard);
          const shardStep: BackfillStep = { ...step, table: shard.table, batch: { prepare: [], perBatch: step.batch.perBatch.map((x) => renameRelations(x, renames)) } };
          const at = node;
          await runBatches(at, shardStep, opts, policy, reporter, {
            read: async () => {
              const p = progress.get(shard.id);
              return { cursor: p?.lastKey ?? null, done: p?.rowsDone ?? 0 };
            },
            record: (hi, done) => recordShardProgress(at, migration, step.id, shard.id, route.runAt, hi, done),
            progress: (done) => {
              doneOf.set(shard.id, done);
              emit();
            },
          });
          busy.set(nodeOf(shard), (busy.get(nodeOf(shard)) ?? 1) - 1);
        }
      } catch (e) {
        failure ??= e;
      } finally {
        for (const n of mine.values()) await n.close();
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency(opts, route.shards), Math.max(1, queue.length)) }, worker));
    if (failure !== null) throw failure;
    await inTransaction(db, policy, step.id, reporter, async () => {
      await db.query(`DELETE FROM "kmig"."backfill_progress" WHERE "migration" = $1 AND "step" = $2`, [migration, step.id]);
      await db.query(STEP_DONE_SQL, [migration, stepIndex + 1]);
    });
    emit();
    for (const node of nodes.values()) await forgetShardProgress(node, migration, step.id);
  } finally {
    for (const n of open) await n.close();
  }
}
