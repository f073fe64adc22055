import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { ParseArgsConfig } from "node:util";
import type { Plan } from "../core/plan.js";
import type { Fixture } from "../runtime/fixtures.js";
import { DEFAULT_LOCK_POLICY, type LockPolicy } from "../runtime/transaction.js";
import { DEFAULT_BATCH, type BatchOptions } from "../runtime/run-backfill.js";
import { parseTarget, type DbTarget } from "../runtime/db/target.js";
import { UsageError } from "./files.js";
import { isCompiledFolder, loadCompiledPlans } from "../runtime/load/compiled-plans.js";
import type { Printer } from "./printer.js";

/** Options every database command takes. */
export const DB_OPTIONS = {
  db: { type: "string" },
  json: { type: "boolean" },
  "lock-timeout": { type: "string" },
  "batch-size": { type: "string" },
  pause: { type: "string" },
  "shard-concurrency": { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export const DB_OPTIONS_HELP = `Options:
  --db URL             the database: postgres://user:password@host:5432/dbname, a bare database
                       name on the default server (PGHOST, else localhost), or pglite:DIR
                       (else DATABASE_URL; else the embedded PGlite in .kmig/pglite)
  --json               JSON events on stdout, one per line, and nothing else (stderr stays empty)
  --lock-timeout MS    how long to wait for kmig's lock and for each schema lock (default 5000)
  --batch-size N       rows per backfill batch (default 10000)
  --pause MS           pause between backfill batches (default 0)
  --shard-concurrency N  on Citus: shards of a distributed table backfilled at once on the workers
                       (default one per worker; 0: every batch through the coordinator)`;

/** The largest value a millisecond or row-count flag takes: PostgreSQL's and Node's timers' int4. */
const MAX_FLAG = 2 ** 31 - 1;

/** A flag's whole number (digits only, `min` to 2^31-1), or its default when not given. */
export function wholeNumber(v: string | undefined, name: string, fallback: number, min = 0, unit = ""): number {
  if (v === undefined) return fallback;
  const n = /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > MAX_FLAG) {
    throw new UsageError(`--${name} takes a whole number${unit} from ${min} to ${MAX_FLAG}, found \`${v}\``, `e.g. --${name} ${fallback}`);
  }
  return n;
}

export function lockPolicy(values: { "lock-timeout"?: string }): LockPolicy & { lockTimeoutMs: number } {
  return { ...DEFAULT_LOCK_POLICY, lockTimeoutMs: wholeNumber(values["lock-timeout"], "lock-timeout", DEFAULT_LOCK_POLICY.lockTimeoutMs, 0, " of milliseconds") };
}

export function batchOptions(values: { "batch-size"?: string; pause?: string; "shard-concurrency"?: string }): BatchOptions {
  const shards = values["shard-concurrency"];
  return {
    batchSize: wholeNumber(values["batch-size"], "batch-size", DEFAULT_BATCH.batchSize, 1, " of rows"),
    pauseMs: wholeNumber(values.pause, "pause", DEFAULT_BATCH.pauseMs, 0, " of milliseconds"),
    ...(shards === undefined ? {} : { shardConcurrency: wholeNumber(shards, "shard-concurrency", 0, 0, " of shards") }),
  };
}

/**
 * The database a command works on, from `--db` (or the run file's database_url), else
 * DATABASE_URL, else the embedded database: checked before anything runs, so that a value kmig
 * does not take is a usage error (K9020) naming what a good one looks like.
 */
export function dbTarget(value: string | undefined, source = "--db"): DbTarget {
  const t = parseTarget(value, source);
  if (t.kind === "invalid") throw new UsageError(t.message, t.help, "K9020");
  return t;
}

/** Checks every flag of a database command whose value has a shape, before anything is loaded or opened. */
export function checkDbFlags(values: { "lock-timeout"?: string; "batch-size"?: string; pause?: string; "shard-concurrency"?: string }): void {
  lockPolicy(values);
  batchOptions(values);
}

/**
 * The plans a database command runs: those of a folder `kmig compile` wrote (loaded from its
 * modules, checked against its manifest; neither the parser nor the compiler is loaded), or those
 * of a spec folder (the `.kmig` files directly in it, compiled in memory); null after reporting a
 * spec's errors.
 */
export async function plansOf(command: string, positionals: readonly string[], out: Printer): Promise<Plan[] | null> {
  if (positionals.length === 1 && isCompiledFolder(positionals[0])) return loadCompiledPlans(positionals[0]);
  // Imported here, not above: running a compiled folder never loads the front end or the compiler.
  const { loadChainFolder } = await import("./load-chains.js");
  const loaded = loadChainFolder(command, positionals);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    out.diagnostics(errors);
    out.note(`the spec has ${errors.length} error(s); nothing was run`, "info");
    return null;
  }
  // Its config steps run from a module too, as a compiled folder's do (compiler/emit/config-module.ts).
  const { withConfigModule } = await import("../compiler/emit/config-module.js");
  return withConfigModule(loaded.chains[0].result.units.map((u) => u.plan));
}

/**
 * `--to V` must name a version the chain reaches (a migration's `to`, or the baseline's): checked
 * before the database is opened, so that a version no migration reaches stops the command with a
 * usage error naming the versions there are, and changes nothing.
 */
export function checkTo(to: string | undefined, plans: readonly Plan[]): void {
  if (to === undefined || plans.some((p) => p.to === to)) return;
  throw new UsageError(`--to ${to}: no migration of the spec reaches version ${to}`, `the chain's versions: ${plans.map((p) => p.to).join(", ")}`, "K9008");
}

/** The spec's fixtures: `<folder>/fixtures/*.sql`, in name order. */
export function fixturesOf(folder: string): Fixture[] {
  const dir = join(folder, "fixtures");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".sql")).sort().map((f) => {
    const file = join(dir, f);
    try {
      return { file, sql: readFileSync(file, "utf8") };
    } catch (e) {
      throw new UsageError(`cannot read the fixture file ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "--fixtures loads every <folder>/fixtures/*.sql");
    }
  });
}

/**
 * Milliseconds since this process started: what `done in` reports, so that it counts everything the
 * user waited for — Node's start, loading the spec, opening (or creating) the database — not only the work.
 */
export function sinceProcessStart(): number {
  return Math.round(process.uptime() * 1000);
}
