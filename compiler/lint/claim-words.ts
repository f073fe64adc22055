import { lockBlocks, lockClaim, type LockClaim, type LockMode, type StatementKind } from "./lock-claims.js";

/**
 * The lock claims (lock-claims.ts) as the lints say them: what a statement does under its lock —
 * `none` catalog only, `scan` reads every row, `build` scans and sorts into an index, `rewrite`
 * writes the table anew, `rows` updates every row — and for how long that holds the lock.
 */
export type Work = "none" | "scan" | "build" | "rewrite" | "rows";

export const HELD: Readonly<Record<Work, string>> = {
  none: "briefly (a catalog change), but the request waits behind running queries and everything after it waits behind the request",
  scan: "for a full scan of the table",
  build: "for the whole index build (a full scan and sort)",
  rewrite: "while the table and all its indexes are rewritten",
  rows: "on every row it updates, until the transaction commits",
};

const INDEX_BUILDS: ReadonlySet<StatementKind> = new Set(["create-index", "create-index-concurrently", "create-unique-index", "create-unique-index-concurrently", "add-unique", "add-primary-key"]);

/** A statement kind's claim on PostgreSQL `pg`, with the work the lints name. */
export interface Claim {
  readonly kind: StatementKind;
  readonly lock: LockMode;
  readonly referenced: LockMode | null;
  readonly work: Work;
  readonly shape: string;
}

export function claimOn(kind: StatementKind, pg: number): Claim {
  const c = lockClaim(kind, pg) as LockClaim;
  const work: Work = c.rewrites ? "rewrite" : kind === "update-rows" ? "rows" : INDEX_BUILDS.has(kind) ? "build" : c.scans ? "scan" : "none";
  return { kind, lock: c.locks.table, referenced: c.locks.referenced ?? null, work, shape: c.shape };
}

/** Whether a lock stops the application's own traffic (reads or writes), not only other schema changes. */
export function blocksTraffic(mode: LockMode): boolean {
  return mode === "ACCESS EXCLUSIVE" || mode === "EXCLUSIVE" || mode === "SHARE ROW EXCLUSIVE" || mode === "SHARE";
}

const article = (mode: LockMode) => (mode === "ACCESS EXCLUSIVE" ? "an" : "a");

/** "takes a SHARE lock on `t` for the whole index build". */
export function lockPhrase(kind: StatementKind, table: string, pg: number): string {
  const c = claimOn(kind, pg);
  return `takes ${article(c.lock)} ${c.lock} lock on \`${table}\` ${HELD[c.work]}`;
}

/** "SHARE blocks inserts, updates and deletes (reads go on)", and the referenced table's lock. */
export function blocksNote(kind: StatementKind, pg: number, referenced?: string): string {
  const c = claimOn(kind, pg);
  const ref = referenced && c.referenced ? `; and ${article(c.referenced)} ${c.referenced} lock on \`${referenced}\`, which ${lockBlocks(c.referenced)} there` : "";
  return `${c.lock} ${lockBlocks(c.lock)}${ref}`;
}
