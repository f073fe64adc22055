/**
 * What each kind of statement kmig emits costs on a table that has rows: the strongest lock it
 * takes on each relation it touches, whether it rewrites the table (a new relfilenode) and whether
 * it reads every row (a scan), per PostgreSQL version. Plain data: the safety lints name these
 * locks in their messages, `explain` shows them per step, and test/lint/lock-claims.test.ts runs
 * every kind on a real server and checks each claim against `pg_locks` and `pg_class`.
 *
 * Sources: https://www.postgresql.org/docs/current/sql-altertable.html (lock level of each
 * subcommand, and the rewrite and scan notes), sql-createindex.html, sql-dropindex.html; the
 * conflict table in explicit-locking.html.
 */

/** PostgreSQL's table lock modes, weakest first (`pg_locks.mode` is the name in CamelCase + `Lock`). */
export const LOCK_MODES = ["ACCESS SHARE", "ROW SHARE", "ROW EXCLUSIVE", "SHARE UPDATE EXCLUSIVE", "SHARE", "SHARE ROW EXCLUSIVE", "EXCLUSIVE", "ACCESS EXCLUSIVE"] as const;

export type LockMode = (typeof LOCK_MODES)[number];

/** The kinds of statement the claims cover: what kmig emits, and the safe forms it lowers to. */
export const STATEMENT_KINDS = [
  "create-index",
  "create-index-concurrently",
  "create-unique-index",
  "create-unique-index-concurrently",
  "drop-index",
  "drop-index-concurrently",
  "add-unique",
  "add-unique-using-index",
  "add-primary-key",
  "add-primary-key-using-index",
  "add-foreign-key",
  "add-foreign-key-not-valid",
  "validate-foreign-key",
  "add-check",
  "add-check-not-valid",
  "validate-check",
  "drop-constraint",
  "drop-foreign-key",
  "set-not-null",
  "set-not-null-proven",
  "drop-not-null",
  "add-column",
  "add-column-default",
  "add-column-volatile-default",
  "drop-column",
  "set-default",
  "alter-type-rewrite",
  "alter-type-coercible",
  "rename-column",
  "rename-table",
  "drop-table",
  "update-rows",
] as const;

export type StatementKind = (typeof STATEMENT_KINDS)[number];

/** The relations a statement locks: the table it changes, and for a foreign key the table it references. */
export interface ClaimedLocks {
  readonly table: LockMode;
  readonly referenced?: LockMode;
}

export interface LockClaim {
  readonly kind: StatementKind;
  /** What it is, for people: `ALTER TABLE t ADD CONSTRAINT c FOREIGN KEY … NOT VALID`. */
  readonly shape: string;
  /** The PostgreSQL major versions the claim holds for; `max` null: every later one. */
  readonly pg: { readonly min: number; readonly max: number | null };
  readonly locks: ClaimedLocks;
  /** The table (and its indexes) is written anew: a new relfilenode, time and disk in proportion to its size. */
  readonly rewrites: boolean;
  /** Every row of the table is read (to validate, or to build an index) while the lock is held. */
  readonly scans: boolean;
  /** False: it cannot run inside a transaction (CONCURRENTLY). */
  readonly transactional: boolean;
}

/** The oldest PostgreSQL major version kmig supports (docs/language.md), and the newest it is tested on. */
export const OLDEST_PG = 13;
export const NEWEST_PG = 18;

const ANY = { min: OLDEST_PG, max: null } as const;

function claim(kind: StatementKind, shape: string, locks: ClaimedLocks, rewrites: boolean, scans: boolean, extra: { pg?: LockClaim["pg"]; transactional?: boolean } = {}): LockClaim {
  return { kind, shape, pg: extra.pg ?? ANY, locks, rewrites, scans, transactional: extra.transactional ?? true };
}

const AEL = "ACCESS EXCLUSIVE";

/** Every claim, in STATEMENT_KINDS order; a kind whose answer depends on the version has one row per range. */
export const LOCK_CLAIMS: readonly LockClaim[] = [
  claim("create-index", "CREATE INDEX i ON t (c)", { table: "SHARE" }, false, true),
  claim("create-index-concurrently", "CREATE INDEX CONCURRENTLY i ON t (c)", { table: "SHARE UPDATE EXCLUSIVE" }, false, true, { transactional: false }),
  claim("create-unique-index", "CREATE UNIQUE INDEX i ON t (c)", { table: "SHARE" }, false, true),
  claim("create-unique-index-concurrently", "CREATE UNIQUE INDEX CONCURRENTLY i ON t (c)", { table: "SHARE UPDATE EXCLUSIVE" }, false, true, { transactional: false }),
  claim("drop-index", "DROP INDEX i", { table: AEL }, false, false),
  claim("drop-index-concurrently", "DROP INDEX CONCURRENTLY i", { table: "SHARE UPDATE EXCLUSIVE" }, false, false, { transactional: false }),
  claim("add-unique", "ALTER TABLE t ADD CONSTRAINT u UNIQUE (c)", { table: AEL }, false, true),
  claim("add-unique-using-index", "ALTER TABLE t ADD CONSTRAINT u UNIQUE USING INDEX u", { table: AEL }, false, false),
  // Nullable key columns are made NOT NULL: that scan is part of it.
  claim("add-primary-key", "ALTER TABLE t ADD CONSTRAINT k PRIMARY KEY (c)", { table: AEL }, false, true),
  claim("add-primary-key-using-index", "ALTER TABLE t ADD CONSTRAINT k PRIMARY KEY USING INDEX k (columns NOT NULL already)", { table: AEL }, false, false),
  claim("add-foreign-key", "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (c) REFERENCES r (id)", { table: "SHARE ROW EXCLUSIVE", referenced: "SHARE ROW EXCLUSIVE" }, false, true),
  claim("add-foreign-key-not-valid", "ALTER TABLE t ADD CONSTRAINT f FOREIGN KEY (c) REFERENCES r (id) NOT VALID", { table: "SHARE ROW EXCLUSIVE", referenced: "SHARE ROW EXCLUSIVE" }, false, false),
  claim("validate-foreign-key", "ALTER TABLE t VALIDATE CONSTRAINT f", { table: "SHARE UPDATE EXCLUSIVE", referenced: "ROW SHARE" }, false, true),
  claim("add-check", "ALTER TABLE t ADD CONSTRAINT k CHECK (c > 0)", { table: AEL }, false, true),
  claim("add-check-not-valid", "ALTER TABLE t ADD CONSTRAINT k CHECK (c > 0) NOT VALID", { table: AEL }, false, false),
  claim("validate-check", "ALTER TABLE t VALIDATE CONSTRAINT k", { table: "SHARE UPDATE EXCLUSIVE" }, false, true),
  claim("drop-constraint", "ALTER TABLE t DROP CONSTRAINT k (a check or unique)", { table: AEL }, false, false),
  claim("drop-foreign-key", "ALTER TABLE t DROP CONSTRAINT f (a foreign key)", { table: AEL, referenced: AEL }, false, false),
  claim("set-not-null", "ALTER TABLE t ALTER c SET NOT NULL", { table: AEL }, false, true),
  // PostgreSQL 12+: a valid CHECK (c IS NOT NULL) proves it, and the scan is skipped.
  claim("set-not-null-proven", "ALTER TABLE t ALTER c SET NOT NULL (a valid CHECK (c IS NOT NULL) exists)", { table: AEL }, false, false),
  claim("drop-not-null", "ALTER TABLE t ALTER c DROP NOT NULL", { table: AEL }, false, false),
  claim("add-column", "ALTER TABLE t ADD COLUMN c int", { table: AEL }, false, false),
  // PostgreSQL 11+: a non-volatile default is kept in the catalog, not written to every row.
  claim("add-column-default", "ALTER TABLE t ADD COLUMN c int DEFAULT 0 (or now())", { table: AEL }, false, false),
  claim("add-column-volatile-default", "ALTER TABLE t ADD COLUMN c uuid DEFAULT gen_random_uuid()", { table: AEL }, true, true),
  claim("drop-column", "ALTER TABLE t DROP COLUMN c", { table: AEL }, false, false),
  claim("set-default", "ALTER TABLE t ALTER c SET DEFAULT 0", { table: AEL }, false, false),
  claim("alter-type-rewrite", "ALTER TABLE t ALTER c TYPE bigint (from integer)", { table: AEL }, true, true),
  // varchar(n) → varchar(m ≥ n) or text, numeric(p, s) → numeric(p' ≥ p, s): the catalog only.
  claim("alter-type-coercible", "ALTER TABLE t ALTER c TYPE varchar(50) (from varchar(20))", { table: AEL }, false, false),
  claim("rename-column", "ALTER TABLE t RENAME COLUMN a TO b", { table: AEL }, false, false),
  claim("rename-table", "ALTER TABLE t RENAME TO u", { table: AEL }, false, false),
  claim("drop-table", "DROP TABLE t", { table: AEL }, false, false),
  // A backfill: row locks on every row it updates, until its transaction commits.
  claim("update-rows", "UPDATE t SET c = …", { table: "ROW EXCLUSIVE" }, false, true),
];

/** The claim for `kind` on PostgreSQL major version `pg`; undefined when none covers that version. */
export function lockClaim(kind: StatementKind, pg: number): LockClaim | undefined {
  return LOCK_CLAIMS.find((c) => c.kind === kind && c.pg.min <= pg && (c.pg.max === null || pg <= c.pg.max));
}

/** Whether `a` is a weaker lock than `b`. */
export function weaker(a: LockMode, b: LockMode): boolean {
  return LOCK_MODES.indexOf(a) < LOCK_MODES.indexOf(b);
}

/** What a lock held on a table keeps other sessions from doing, in words. */
export function lockBlocks(mode: LockMode): string {
  switch (mode) {
    case "ACCESS EXCLUSIVE":
      return "blocks every read and write of the table";
    case "EXCLUSIVE":
      return "blocks every write of the table (reads go on)";
    case "SHARE ROW EXCLUSIVE":
    case "SHARE":
      return "blocks inserts, updates and deletes (reads go on)";
    case "SHARE UPDATE EXCLUSIVE":
      return "blocks only other schema changes and VACUUM (reads and writes go on)";
    default:
      return "blocks only ACCESS EXCLUSIVE locks (reads and writes go on)";
  }
}

/** `pg_locks.mode` (`ShareRowExclusiveLock`) as a LockMode (`SHARE ROW EXCLUSIVE`); null for another lock type's mode. */
export function fromPgLocksMode(mode: string): LockMode | null {
  const words = mode.replace(/Lock$/, "").replace(/([a-z])([A-Z])/g, "$1 $2").toUpperCase();
  return (LOCK_MODES as readonly string[]).includes(words) ? (words as LockMode) : null;
}
