import { readFileSync, readdirSync, existsSync } from "node:fs";
import { join } from "node:path";
import type { ParseArgsConfig } from "node:util";
import { renderDiagnostic } from "../core/diagnostics/render-text.js";
import type { Plan } from "../core/plan.js";
import { DEFAULT_LOCK_POLICY, type LockPolicy } from "../runtime/transaction.js";
import { DEFAULT_BATCH, type BatchOptions } from "../runtime/run-backfill.js";
import { UsageError } from "./files.js";
import { loadChains } from "./load-chains.js";
import { styleFor } from "./output.js";

/** Options every database command takes. */
export const DB_OPTIONS = {
  db: { type: "string" },
  json: { type: "boolean" },
  "lock-timeout": { type: "string" },
  "batch-size": { type: "string" },
  pause: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const satisfies ParseArgsConfig["options"];

export const DB_OPTIONS_HELP = `Options:
  --db URL             the database (else DATABASE_URL; else the embedded PGlite in .kmig/pglite)
  --json               one JSON event per line
  --lock-timeout MS    how long to wait for kmig's lock and for each schema lock (default 5000)
  --batch-size N       rows per backfill batch (default 10000)
  --pause MS           pause between backfill batches (default 0)`;

function positiveInt(v: string | undefined, name: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new UsageError(`--${name} takes a whole number, found ${v}`);
  return n;
}

export function lockPolicy(values: { "lock-timeout"?: string }): LockPolicy & { lockTimeoutMs: number } {
  return { ...DEFAULT_LOCK_POLICY, lockTimeoutMs: positiveInt(values["lock-timeout"], "lock-timeout", DEFAULT_LOCK_POLICY.lockTimeoutMs) };
}

export function batchOptions(values: { "batch-size"?: string; pause?: string }): BatchOptions {
  const batchSize = positiveInt(values["batch-size"], "batch-size", DEFAULT_BATCH.batchSize);
  if (batchSize < 1) throw new UsageError("--batch-size must be at least 1");
  return { batchSize, pauseMs: positiveInt(values.pause, "pause", DEFAULT_BATCH.pauseMs) };
}

/** The plans of one spec folder, or null after printing its errors. */
export function plansOf(folder: string | undefined): Plan[] | null {
  if (!folder) throw new UsageError("this command needs a spec folder");
  const loaded = loadChains([folder]);
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) {
    const style = styleFor(process.stderr);
    for (const d of errors) process.stderr.write(renderDiagnostic(d, style) + "\n\n");
    process.stderr.write(`the spec has ${errors.length} error(s); nothing was run\n`);
    return null;
  }
  if (loaded.chains.length !== 1) throw new UsageError(`${folder} must be one folder of .kmig files`);
  return loaded.chains[0].result.units.map((u) => u.plan);
}

/** The spec's fixtures: `<folder>/fixtures/*.sql`, in name order. */
export function fixturesOf(folder: string): string[] {
  const dir = join(folder, "fixtures");
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((f) => f.endsWith(".sql")).sort().map((f) => readFileSync(join(dir, f), "utf8"));
}
