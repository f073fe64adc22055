import type { Type } from "../../core/types.js";

/** What the lints assume of the server: its major version, and the session TimeZone when known to be UTC. */
export interface ServerAssumptions {
  readonly pgVersion: number;
  /** The TimeZone kmig's sessions run with is UTC (kmig.yaml `timezone: UTC`). */
  readonly utc: boolean;
}

/**
 * Whether `ALTER COLUMN … TYPE to` over a column of type `from` leaves the table's bytes as they
 * are (catalog change, no rewrite): PostgreSQL's binary-coercible changes with a wider or removed
 * limit — varchar(n) → varchar(m ≥ n), varchar, text; text ↔ unlimited varchar; numeric(p, s) →
 * numeric(p' ≥ p, s) or unconstrained numeric; varbit(n) → varbit(m ≥ n); timestamp, timestamptz
 * and interval to a precision no smaller; cidr → inet; and timestamp ↔ timestamptz on PostgreSQL
 * 12+ when the session's TimeZone is UTC. Everything else rewrites the table and its indexes.
 */
export function rewritesTable(from: Type, to: Type, server: ServerAssumptions): boolean {
  return !keepsBytes(from, to, server);
}

function keepsBytes(from: Type, to: Type, server: ServerAssumptions): boolean {
  if (from.kind === "json" && to.kind === "json") return from.storage === to.storage;
  if (from.kind === "enum" && to.kind === "enum") return from.name === to.name;
  if (from.kind === "array" && to.kind === "array") return keepsBytes(from.element, to.element, server);
  if (from.kind !== "scalar" || to.kind !== "scalar") return false;
  const a = from.name;
  const b = to.name;
  const n = from.args[0];
  const m = to.args[0];
  if (a === b && sameArgs(from.args, to.args) && (from.fields ?? "") === (to.fields ?? "")) return true;
  const text = (x: string) => x === "text" || x === "varchar";
  if (text(a) && text(b)) {
    // Into text or unlimited varchar: always. Into varchar(m): from varchar(n ≤ m) only.
    if (m === undefined) return true;
    return a === "varchar" && n !== undefined && n <= m;
  }
  if (a === "varbit" && b === "varbit") return m === undefined || (n !== undefined && n <= m);
  if (a === "numeric" && b === "numeric") {
    if (m === undefined) return true;
    if (n === undefined) return false;
    return (from.args[1] ?? 0) === (to.args[1] ?? 0) && n <= m;
  }
  if ((a === "timestamp" || a === "timestamptz" || a === "interval") && a === b) return (from.fields ?? "") === (to.fields ?? "") && (m === undefined || (n !== undefined && n <= m));
  if (a === "cidr" && b === "inet") return true;
  if ((a === "timestamp" && b === "timestamptz") || (a === "timestamptz" && b === "timestamp")) return server.pgVersion >= 12 && server.utc && (m === undefined || (n !== undefined && n <= m));
  return false;
}

function sameArgs(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
