import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromPgLocksMode, LOCK_CLAIMS, LOCK_MODES, lockClaim, STATEMENT_KINDS, weaker, type LockMode, type StatementKind } from "../../compiler/lint/lock-claims.js";
import { createTestDatabase } from "../support/pg.js";

/**
 * The lock claims against the real server, as Eugene's `trace` checks its hints: each statement
 * kind runs on a table with rows (`t`, 200 rows; `r`, the table a foreign key references) inside a
 * transaction (`t` has no primary key: the key cases add one), and what it did is read before the transaction rolls back — the strongest mode
 * `pg_locks` shows on each relation, whether `pg_class.relfilenode` changed (a rewrite), and
 * whether the transaction's own count of scans of `t` went up. A CONCURRENTLY statement cannot
 * run in a transaction: a second connection holds an old snapshot and a lock on `t`, which makes
 * it wait (a build at its end, a drop before it removes the index) still holding its own locks,
 * and reads them from `pg_locks` meanwhile.
 */

interface Case {
  /** Run once, committed, before the statement (on top of the common tables). */
  readonly before?: readonly string[];
  readonly sql: string;
}

const CASES: Record<StatementKind, Case> = {
  "create-index": { sql: `CREATE INDEX "i" ON "t" ("n")` },
  "create-index-concurrently": { sql: `CREATE INDEX CONCURRENTLY "i" ON "t" ("n")` },
  "create-unique-index": { sql: `CREATE UNIQUE INDEX "i" ON "t" ("n")` },
  "create-unique-index-concurrently": { sql: `CREATE UNIQUE INDEX CONCURRENTLY "i" ON "t" ("n")` },
  "drop-index": { before: [`CREATE INDEX "i" ON "t" ("n")`], sql: `DROP INDEX "i"` },
  "drop-index-concurrently": { before: [`CREATE INDEX "i" ON "t" ("n")`], sql: `DROP INDEX CONCURRENTLY "i"` },
  "add-unique": { sql: `ALTER TABLE "t" ADD CONSTRAINT "u" UNIQUE ("n")` },
  "add-unique-using-index": { before: [`CREATE UNIQUE INDEX "u" ON "t" ("n")`], sql: `ALTER TABLE "t" ADD CONSTRAINT "u" UNIQUE USING INDEX "u"` },
  "add-primary-key": { sql: `ALTER TABLE "t" ADD CONSTRAINT "k" PRIMARY KEY ("n")` },
  "add-primary-key-using-index": { before: [`ALTER TABLE "t" ALTER "n" SET NOT NULL`, `CREATE UNIQUE INDEX "k" ON "t" ("n")`], sql: `ALTER TABLE "t" ADD CONSTRAINT "k" PRIMARY KEY USING INDEX "k"` },
  "add-foreign-key": { sql: `ALTER TABLE "t" ADD CONSTRAINT "f" FOREIGN KEY ("rid") REFERENCES "r" ("id")` },
  "add-foreign-key-not-valid": { sql: `ALTER TABLE "t" ADD CONSTRAINT "f" FOREIGN KEY ("rid") REFERENCES "r" ("id") NOT VALID` },
  "validate-foreign-key": { before: [`ALTER TABLE "t" ADD CONSTRAINT "f" FOREIGN KEY ("rid") REFERENCES "r" ("id") NOT VALID`], sql: `ALTER TABLE "t" VALIDATE CONSTRAINT "f"` },
  "add-check": { sql: `ALTER TABLE "t" ADD CONSTRAINT "k" CHECK ("n" > 0)` },
  "add-check-not-valid": { sql: `ALTER TABLE "t" ADD CONSTRAINT "k" CHECK ("n" > 0) NOT VALID` },
  "validate-check": { before: [`ALTER TABLE "t" ADD CONSTRAINT "k" CHECK ("n" > 0) NOT VALID`], sql: `ALTER TABLE "t" VALIDATE CONSTRAINT "k"` },
  "drop-constraint": { before: [`ALTER TABLE "t" ADD CONSTRAINT "k" CHECK ("n" > 0)`], sql: `ALTER TABLE "t" DROP CONSTRAINT "k"` },
  "drop-foreign-key": { before: [`ALTER TABLE "t" ADD CONSTRAINT "f" FOREIGN KEY ("rid") REFERENCES "r" ("id")`], sql: `ALTER TABLE "t" DROP CONSTRAINT "f"` },
  "set-not-null": { sql: `ALTER TABLE "t" ALTER COLUMN "n" SET NOT NULL` },
  "set-not-null-proven": { before: [`ALTER TABLE "t" ADD CONSTRAINT "nn" CHECK ("n" IS NOT NULL)`], sql: `ALTER TABLE "t" ALTER COLUMN "n" SET NOT NULL` },
  "drop-not-null": { before: [`ALTER TABLE "t" ALTER COLUMN "n" SET NOT NULL`], sql: `ALTER TABLE "t" ALTER COLUMN "n" DROP NOT NULL` },
  "add-column": { sql: `ALTER TABLE "t" ADD COLUMN "c" integer` },
  "add-column-default": { sql: `ALTER TABLE "t" ADD COLUMN "c" timestamptz DEFAULT now()` },
  "add-column-volatile-default": { sql: `ALTER TABLE "t" ADD COLUMN "c" uuid DEFAULT gen_random_uuid()` },
  "drop-column": { sql: `ALTER TABLE "t" DROP COLUMN "v"` },
  "set-default": { sql: `ALTER TABLE "t" ALTER COLUMN "n" SET DEFAULT 0` },
  "alter-type-rewrite": { sql: `ALTER TABLE "t" ALTER COLUMN "n" TYPE bigint` },
  "alter-type-coercible": { sql: `ALTER TABLE "t" ALTER COLUMN "v" TYPE varchar(50)` },
  "rename-column": { sql: `ALTER TABLE "t" RENAME COLUMN "v" TO "w"` },
  "rename-table": { sql: `ALTER TABLE "t" RENAME TO "t2"` },
  "drop-table": { sql: `DROP TABLE "t"` },
  "update-rows": { sql: `UPDATE "t" SET "v" = 'y'` },
};

const TABLES = [
  `CREATE TABLE "r" ("id" integer PRIMARY KEY)`,
  `INSERT INTO "r" SELECT g FROM generate_series(1, 200) g`,
  `CREATE TABLE "t" ("id" integer, "rid" integer, "n" integer, "v" varchar(20))`,
  `INSERT INTO "t" SELECT g, g, g, 'x' FROM generate_series(1, 200) g`,
  `ANALYZE "t"`,
];

interface Observed {
  readonly locks: { table: LockMode | null; referenced: LockMode | null };
  readonly rewrites: boolean;
  /** Null where it cannot be read (a CONCURRENTLY statement runs in transactions of its own). */
  readonly scans: boolean | null;
}

/** The strongest mode per relation among `rows` of pg_locks (relation names `t` and `r`). */
function strongest(rows: readonly { rel: string; mode: string }[]): Observed["locks"] {
  const pick = (rel: string): LockMode | null => {
    const modes = rows.filter((x) => x.rel === rel).map((x) => fromPgLocksMode(x.mode)).filter((m): m is LockMode => m !== null);
    return modes.length === 0 ? null : modes.reduce((a, b) => (LOCK_MODES.indexOf(a) >= LOCK_MODES.indexOf(b) ? a : b));
  };
  return { table: pick("t"), referenced: pick("r") };
}

/** The locks backend $1 holds on `t` ($2) and `r` ($3), by oid: a rename or drop leaves the names behind. */
const LOCKS_OF = `SELECT CASE l.relation WHEN $2::oid THEN 't' ELSE 'r' END AS rel, l.mode FROM pg_locks l WHERE l.pid = $1 AND l.locktype = 'relation' AND l.relation IN ($2::oid, $3::oid)`;
const OIDS = `SELECT '"t"'::regclass::oid::text AS t, '"r"'::regclass::oid::text AS r`;
const FILENODE = `SELECT relfilenode::text AS f FROM pg_class WHERE oid = $1::oid`;

let url = "";
let drop: () => Promise<void> = async () => undefined;
let major = 0;

async function client(): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  return c;
}

/** Fresh tables for one case, then its `before` statements, committed. */
async function prepare(c: pg.Client, k: Case): Promise<void> {
  await c.query(`DROP SCHEMA public CASCADE; CREATE SCHEMA public`);
  for (const s of [...TABLES, ...(k.before ?? [])]) await c.query(s);
}

async function inTransaction(k: Case): Promise<Observed> {
  const c = await client();
  try {
    await prepare(c, k);
    await c.query("BEGIN");
    const oids = (await c.query<{ t: string; r: string }>(OIDS)).rows[0];
    const before = (await c.query<{ f: string }>(FILENODE, [oids.t])).rows[0].f;
    const scans = async () => Number((await c.query<{ n: string }>(`SELECT pg_stat_get_xact_numscans($1::oid) AS n`, [oids.t])).rows[0].n);
    const scans0 = await scans();
    await c.query(k.sql);
    const pid = (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    const locks = strongest((await c.query<{ rel: string; mode: string }>(LOCKS_OF, [pid, oids.t, oids.r])).rows);
    // A dropped table has no row in pg_class any more: nothing was rewritten.
    const after = (await c.query<{ f: string }>(FILENODE, [oids.t])).rows[0]?.f ?? before;
    const scans1 = await scans();
    await c.query("ROLLBACK");
    return { locks, rewrites: after !== before, scans: scans1 > scans0 };
  } finally {
    await c.end();
  }
}

/**
 * A CONCURRENTLY statement on connection `a` while `b` holds a snapshot older than it: the build
 * (or drop) waits for `b` before it ends, holding its locks, which `b` reads; then `b` lets it go.
 */
async function concurrently(k: Case): Promise<Observed> {
  const a = await client();
  const b = await client();
  try {
    await prepare(a, k);
    const oids = (await a.query<{ t: string; r: string }>(OIDS)).rows[0];
    const before = (await a.query<{ f: string }>(FILENODE, [oids.t])).rows[0].f;
    const pid = (await a.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows[0].pid;
    await b.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
    // A snapshot (a build waits for older ones at its end) and a lock on `t` (a drop waits for every holder).
    await b.query(`SELECT count(*) FROM "t"`);
    await b.query("SELECT txid_current()");
    const running = a.query(k.sql);
    let rows: { rel: string; mode: string }[] = [];
    for (let i = 0; i < 400; i++) {
      const waiting = await b.query<{ w: string | null }>(`SELECT wait_event_type AS w FROM pg_stat_activity WHERE pid = $1`, [pid]);
      if (waiting.rows[0]?.w === "Lock") {
        rows = (await b.query<{ rel: string; mode: string }>(LOCKS_OF, [pid, oids.t, oids.r])).rows;
        break;
      }
      await new Promise((r) => setTimeout(r, 25));
    }
    await b.query("COMMIT");
    await running;
    const after = (await a.query<{ f: string }>(FILENODE, [oids.t])).rows[0].f;
    return { locks: strongest(rows), rewrites: after !== before, scans: null };
  } finally {
    await a.end();
    await b.end();
  }
}

beforeAll(async () => {
  const d = await createTestDatabase("kmig_locks");
  url = d.url;
  drop = d.drop;
  const c = await client();
  major = Math.floor(Number((await c.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0].v) / 10000);
  await c.end();
}, 60_000);

afterAll(async () => {
  await drop();
});

describe("lock claims hold on the real server", () => {
  it("every statement kind has a claim and a case", () => {
    for (const kind of STATEMENT_KINDS) expect(LOCK_CLAIMS.some((c) => c.kind === kind), kind).toBe(true);
    expect(Object.keys(CASES).sort()).toEqual([...STATEMENT_KINDS].sort());
  });

  for (const kind of STATEMENT_KINDS) {
    it(`${kind}: the lock, rewrite and scan it claims`, async () => {
      const claim = lockClaim(kind, major);
      expect(claim, `a claim for PostgreSQL ${major}`).toBeDefined();
      if (!claim) return;
      const seen = claim.transactional ? await inTransaction(CASES[kind]) : await concurrently(CASES[kind]);
      expect({ table: seen.locks.table, referenced: seen.locks.referenced ?? undefined }).toEqual({ table: claim.locks.table, referenced: claim.locks.referenced });
      expect(seen.rewrites, "rewrites").toBe(claim.rewrites);
      if (seen.scans !== null) expect(seen.scans, "scans").toBe(claim.scans);
    }, 30_000);
  }
});

/**
 * The safe lowerings (compiler/ops/safe-lowering.ts; rollback's concurrent rebuild): each form the
 * plain statement becomes. Every step of it that scans does so under a weaker lock than the plain
 * statement's, and a step that takes the plain statement's lock does not scan — by the claims
 * checked against the server above.
 */
const LOWERINGS: readonly (readonly [StatementKind, readonly StatementKind[]])[] = [
  ["add-check", ["add-check-not-valid", "validate-check"]],
  ["add-foreign-key", ["add-foreign-key-not-valid", "validate-foreign-key"]],
  ["add-unique", ["create-unique-index-concurrently", "add-unique-using-index"]],
  ["add-primary-key", ["create-unique-index-concurrently", "add-check-not-valid", "validate-check", "add-primary-key-using-index"]],
  ["set-not-null", ["add-check-not-valid", "validate-check", "set-not-null-proven"]],
  ["create-index", ["create-index-concurrently"]],
];

describe("each safe lowering takes the weaker lock it promises", () => {
  for (const [plain, steps] of LOWERINGS) {
    it(`${plain} → ${steps.join(", ")}`, () => {
      const p = lockClaim(plain, major || 15);
      expect(p?.scans).toBe(true);
      for (const k of steps) {
        const c = lockClaim(k, major || 15);
        expect(c, k).toBeDefined();
        if (!c || !p) continue;
        if (c.scans) expect(weaker(c.locks.table, p.locks.table), `${k} scans under ${c.locks.table}`).toBe(true);
        else expect(c.rewrites, k).toBe(false);
      }
    });
  }
});

