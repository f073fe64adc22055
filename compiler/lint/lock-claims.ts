/**
 * What each kind of statement kmig emits does to a table that already has rows: the lock it takes
 * (PostgreSQL's table-level lock modes), what it blocks, and the work it does while holding it.
 * One table, read by the lints (compiler/lint/) for their messages and by the lock-claims test,
 * which runs each `example` on a real server inside a transaction and compares `pg_locks` (and
 * the table's `relfilenode`, for `work: "rewrite"`) with the claim.
 */

/** PostgreSQL's table-level lock modes, weakest last. */
export type LockMode =
  | "ACCESS EXCLUSIVE"
  | "EXCLUSIVE"
  | "SHARE ROW EXCLUSIVE"
  | "SHARE"
  | "SHARE UPDATE EXCLUSIVE"
  | "ROW EXCLUSIVE"
  | "ROW SHARE"
  | "ACCESS SHARE";

/** The name `pg_locks.mode` shows for each mode. */
export const PG_LOCKS_MODE: Readonly<Record<LockMode, string>> = {
  "ACCESS EXCLUSIVE": "AccessExclusiveLock",
  EXCLUSIVE: "ExclusiveLock",
  "SHARE ROW EXCLUSIVE": "ShareRowExclusiveLock",
  SHARE: "ShareLock",
  "SHARE UPDATE EXCLUSIVE": "ShareUpdateExclusiveLock",
  "ROW EXCLUSIVE": "RowExclusiveLock",
  "ROW SHARE": "RowShareLock",
  "ACCESS SHARE": "AccessShareLock",
};

/** What other sessions cannot do on the table while the lock is held (PostgreSQL's conflict table). */
export const BLOCKS: Readonly<Record<LockMode, string>> = {
  "ACCESS EXCLUSIVE": "every read and write of the table",
  EXCLUSIVE: "writes, and reads other than plain SELECT",
  "SHARE ROW EXCLUSIVE": "writes (INSERT, UPDATE, DELETE) and other schema changes",
  SHARE: "writes (INSERT, UPDATE, DELETE) and other schema changes",
  "SHARE UPDATE EXCLUSIVE": "other schema changes and VACUUM, not reads or writes",
  "ROW EXCLUSIVE": "schema changes that need SHARE or stronger, not reads or writes",
  "ROW SHARE": "only EXCLUSIVE and ACCESS EXCLUSIVE locks",
  "ACCESS SHARE": "only ACCESS EXCLUSIVE locks",
};

/** Whether a lock stops the application's own traffic (reads or writes), not just other DDL. */
export function blocksTraffic(mode: LockMode): boolean {
  return mode === "ACCESS EXCLUSIVE" || mode === "EXCLUSIVE" || mode === "SHARE ROW EXCLUSIVE" || mode === "SHARE";
}

/**
 * What a statement does under its lock: `none` catalog only (the lock is brief — once granted);
 * `scan` reads every row (the lock is held for the scan); `build` scans and sorts into a new
 * index; `rewrite` writes a new copy of the table and its indexes; `rows` updates every row
 * (row locks on each until commit).
 */
export type Work = "none" | "scan" | "build" | "rewrite" | "rows";

/** How long the lock is held, said for people, by the work done under it. */
export const HELD: Readonly<Record<Work, string>> = {
  none: "briefly (catalog change only), but it waits in the lock queue behind running queries and blocks everything queued behind it",
  scan: "for a full scan of the table",
  build: "for the whole index build (a full scan and sort)",
  rewrite: "while the table and all its indexes are rewritten",
  rows: "on every row it updates, until the transaction commits",
};

/** The kinds of statement the lints (and the lock-claims test) distinguish. */
export type ClaimKind =
  | "create-index"
  | "create-index-concurrently"
  | "drop-index"
  | "drop-index-concurrently"
  | "add-unique"
  | "add-primary-key"
  | "add-constraint-using-index"
  | "add-foreign-key"
  | "add-foreign-key-not-valid"
  | "add-check"
  | "add-check-not-valid"
  | "validate-constraint"
  | "validate-foreign-key"
  | "set-not-null"
  | "drop-not-null"
  | "alter-type-rewrite"
  | "alter-type-coercible"
  | "add-column"
  | "add-column-volatile-default"
  | "drop-column"
  | "rename-column"
  | "rename-table"
  | "move-table"
  | "drop-constraint"
  | "set-default"
  | "refill";

export interface LockClaim {
  readonly kind: ClaimKind;
  /** The statement, for people. */
  readonly what: string;
  /** The lock on the statement's table. */
  readonly lock: LockMode;
  /** The lock on the table a foreign key references, when there is one. */
  readonly referencedLock?: LockMode;
  readonly work: Work;
  /** Cannot run inside a transaction (the test watches it from a second session instead). */
  readonly outsideTransaction?: true;
  /**
   * A runnable example on table "t" (and "r", the referenced table): `setup` creates the tables
   * with rows; `statement` is the claimed statement.
   */
  readonly example: { readonly setup: readonly string[]; readonly statement: string };
}

const T = [`CREATE TABLE "t" ("id" integer PRIMARY KEY, "a" integer, "v" varchar(10), "r_id" integer)`, `INSERT INTO "t" SELECT g, g, 'x', g FROM generate_series(1, 100) AS g`];
const R = [`CREATE TABLE "r" ("id" integer PRIMARY KEY)`, `INSERT INTO "r" SELECT g FROM generate_series(1, 100) AS g`, ...T];

export const LOCK_CLAIMS: readonly LockClaim[] = [
  { kind: "create-index", what: "CREATE INDEX", lock: "SHARE", work: "build", example: { setup: T, statement: `CREATE INDEX "t_a_idx" ON "t" ("a")` } },
  { kind: "create-index-concurrently", what: "CREATE INDEX CONCURRENTLY", lock: "SHARE UPDATE EXCLUSIVE", work: "build", outsideTransaction: true, example: { setup: T, statement: `CREATE INDEX CONCURRENTLY "t_a_idx" ON "t" ("a")` } },
  { kind: "drop-index", what: "DROP INDEX", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: [...T, `CREATE INDEX "t_a_idx" ON "t" ("a")`], statement: `DROP INDEX "t_a_idx"` } },
  { kind: "drop-index-concurrently", what: "DROP INDEX CONCURRENTLY", lock: "SHARE UPDATE EXCLUSIVE", work: "none", outsideTransaction: true, example: { setup: [...T, `CREATE INDEX "t_a_idx" ON "t" ("a")`], statement: `DROP INDEX CONCURRENTLY "t_a_idx"` } },
  { kind: "add-unique", what: "ADD CONSTRAINT … UNIQUE", lock: "ACCESS EXCLUSIVE", work: "build", example: { setup: T, statement: `ALTER TABLE "t" ADD CONSTRAINT "t_a_key" UNIQUE ("a")` } },
  { kind: "add-primary-key", what: "ADD CONSTRAINT … PRIMARY KEY", lock: "ACCESS EXCLUSIVE", work: "build", example: { setup: [`CREATE TABLE "t" ("id" integer, "a" integer)`, `INSERT INTO "t" SELECT g, g FROM generate_series(1, 100) AS g`], statement: `ALTER TABLE "t" ADD CONSTRAINT "t_pkey" PRIMARY KEY ("id")` } },
  { kind: "add-constraint-using-index", what: "ADD CONSTRAINT … UNIQUE USING INDEX", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: [...T, `CREATE UNIQUE INDEX "t_a_key" ON "t" ("a")`], statement: `ALTER TABLE "t" ADD CONSTRAINT "t_a_key" UNIQUE USING INDEX "t_a_key"` } },
  { kind: "add-foreign-key", what: "ADD CONSTRAINT … FOREIGN KEY", lock: "SHARE ROW EXCLUSIVE", referencedLock: "SHARE ROW EXCLUSIVE", work: "scan", example: { setup: R, statement: `ALTER TABLE "t" ADD CONSTRAINT "t_r_id_fkey" FOREIGN KEY ("r_id") REFERENCES "r" ("id")` } },
  { kind: "add-foreign-key-not-valid", what: "ADD CONSTRAINT … FOREIGN KEY … NOT VALID", lock: "SHARE ROW EXCLUSIVE", referencedLock: "SHARE ROW EXCLUSIVE", work: "none", example: { setup: R, statement: `ALTER TABLE "t" ADD CONSTRAINT "t_r_id_fkey" FOREIGN KEY ("r_id") REFERENCES "r" ("id") NOT VALID` } },
  { kind: "add-check", what: "ADD CONSTRAINT … CHECK", lock: "ACCESS EXCLUSIVE", work: "scan", example: { setup: T, statement: `ALTER TABLE "t" ADD CONSTRAINT "t_a_check" CHECK ("a" > 0)` } },
  { kind: "add-check-not-valid", what: "ADD CONSTRAINT … CHECK … NOT VALID", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: T, statement: `ALTER TABLE "t" ADD CONSTRAINT "t_a_check" CHECK ("a" > 0) NOT VALID` } },
  { kind: "validate-constraint", what: "VALIDATE CONSTRAINT (a check)", lock: "SHARE UPDATE EXCLUSIVE", work: "scan", example: { setup: [...T, `ALTER TABLE "t" ADD CONSTRAINT "t_a_check" CHECK ("a" > 0) NOT VALID`], statement: `ALTER TABLE "t" VALIDATE CONSTRAINT "t_a_check"` } },
  { kind: "validate-foreign-key", what: "VALIDATE CONSTRAINT (a foreign key)", lock: "SHARE UPDATE EXCLUSIVE", referencedLock: "ROW SHARE", work: "scan", example: { setup: [...R, `ALTER TABLE "t" ADD CONSTRAINT "t_r_id_fkey" FOREIGN KEY ("r_id") REFERENCES "r" ("id") NOT VALID`], statement: `ALTER TABLE "t" VALIDATE CONSTRAINT "t_r_id_fkey"` } },
  { kind: "set-not-null", what: "ALTER COLUMN … SET NOT NULL", lock: "ACCESS EXCLUSIVE", work: "scan", example: { setup: T, statement: `ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL` } },
  { kind: "drop-not-null", what: "ALTER COLUMN … DROP NOT NULL", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: [...T, `ALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL`], statement: `ALTER TABLE "t" ALTER COLUMN "a" DROP NOT NULL` } },
  { kind: "alter-type-rewrite", what: "ALTER COLUMN … TYPE (not binary-coercible)", lock: "ACCESS EXCLUSIVE", work: "rewrite", example: { setup: T, statement: `ALTER TABLE "t" ALTER COLUMN "a" TYPE bigint` } },
  { kind: "alter-type-coercible", what: "ALTER COLUMN … TYPE (binary-coercible)", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: T, statement: `ALTER TABLE "t" ALTER COLUMN "v" TYPE varchar(20)` } },
  { kind: "add-column", what: "ADD COLUMN (no default, or a non-volatile one)", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: T, statement: `ALTER TABLE "t" ADD COLUMN "b" integer DEFAULT 0` } },
  { kind: "add-column-volatile-default", what: "ADD COLUMN … DEFAULT (volatile)", lock: "ACCESS EXCLUSIVE", work: "rewrite", example: { setup: T, statement: `ALTER TABLE "t" ADD COLUMN "b" double precision DEFAULT random()` } },
  { kind: "drop-column", what: "DROP COLUMN", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: T, statement: `ALTER TABLE "t" DROP COLUMN "a"` } },
  { kind: "rename-column", what: "RENAME COLUMN", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: T, statement: `ALTER TABLE "t" RENAME COLUMN "a" TO "b"` } },
  { kind: "rename-table", what: "RENAME TO", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: T, statement: `ALTER TABLE "t" RENAME TO "t2"` } },
  { kind: "move-table", what: "SET SCHEMA (kmig's drop table)", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: [...T, `CREATE SCHEMA IF NOT EXISTS "kmig_claims"`], statement: `ALTER TABLE "t" SET SCHEMA "kmig_claims"` } },
  { kind: "drop-constraint", what: "DROP CONSTRAINT", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: [...T, `ALTER TABLE "t" ADD CONSTRAINT "t_a_check" CHECK ("a" > 0)`], statement: `ALTER TABLE "t" DROP CONSTRAINT "t_a_check"` } },
  { kind: "set-default", what: "ALTER COLUMN … SET DEFAULT / DROP DEFAULT", lock: "ACCESS EXCLUSIVE", work: "none", example: { setup: T, statement: `ALTER TABLE "t" ALTER COLUMN "a" SET DEFAULT 1` } },
  { kind: "refill", what: "UPDATE of every row in one statement", lock: "ROW EXCLUSIVE", work: "rows", example: { setup: T, statement: `UPDATE "t" SET "a" = "a" + 1` } },
];

const BY_KIND = new Map(LOCK_CLAIMS.map((c) => [c.kind, c]));

/** The claim for a kind of statement. */
export function claimOf(kind: ClaimKind): LockClaim {
  return BY_KIND.get(kind) as LockClaim;
}
