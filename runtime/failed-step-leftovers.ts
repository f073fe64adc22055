import type { Db } from "./db/connection.js";
import type { Step } from "../core/plan.js";
import { withoutConcurrently } from "./transaction.js";
import { ident as q } from "../core/sql-quote.js";


/**
 * What a step that failed before committing anything can still leave behind, removed: a backfill's
 * stash table (created in its own transaction before the first batch), the INVALID index a
 * failed `CREATE INDEX CONCURRENTLY` leaves (PostgreSQL keeps it, it cannot roll it back), and
 * the index a stopped `DROP INDEX CONCURRENTLY` took away, built again.
 */
export async function dropLeftovers(db: Db, step: Step, where: { inTransaction: boolean } = { inTransaction: false }): Promise<void> {
  if (step.kind === "backfill" && step.stash) {
    await db.query(`DROP TABLE IF EXISTS ${q(step.stash.schema)}.${q(step.stash.table)}`);
  }
  // What the step does says what it may leave (a plan compiled before steps carried their change leaves it to the user).
  const c = step.kind === "sql" && !step.transactional ? step.change : undefined;
  // Inside a transaction (a rollback's) CONCURRENTLY is not allowed; the plain drop does the same.
  if (c?.op === "create-index") await db.query(`DROP INDEX ${c.concurrently && !where.inTransaction ? "CONCURRENTLY " : ""}IF EXISTS ${q(c.name)}`);
  if (c?.op === "drop-index" && step.kind === "sql") for (const s of step.down ?? []) await recreateDroppedIndex(db, c.name, s);
}

/**
 * A `DROP INDEX CONCURRENTLY` that failed or was killed may have dropped the index, or left it
 * INVALID, before the step was recorded: it is built again from the step's down statement unless
 * it is there and valid.
 */
async function recreateDroppedIndex(db: Db, name: string, down: string): Promise<void> {
  if (await validIndex(db, name, false)) return;
  await db.query(withoutConcurrently(down));
}

/**
 * Whether a valid index `name` is there; an INVALID one (a stopped concurrent build left it) is
 * dropped (`concurrently`: CONCURRENTLY, outside a transaction) so that it can be built again.
 */
async function validIndex(db: Db, name: string, concurrently: boolean): Promise<boolean> {
  // Values come back as text on both engines: compared as text.
  const r = await db.query<{ valid: string }>(`SELECT i.indisvalid::text AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = $1`, [name]);
  if (r.rows[0]?.valid === "true") return true;
  if (r.rows.length > 0) await db.query(`DROP INDEX ${concurrently ? "CONCURRENTLY " : ""}${q(name)}`);
  return false;
}

/**
 * Before `CREATE [UNIQUE] INDEX [CONCURRENTLY] "name" …` runs again (a resumed run, a rollback's
 * rebuild after its commit): null when a valid index of that name is there (an earlier run built
 * it and stopped before recording so), else the statement, after dropping the INVALID index a
 * stopped concurrent build left behind. Other statements are returned as they are.
 */
export async function buildStillNeeded(db: Db, sql: string, concurrently: boolean): Promise<string | null> {
  const m = sql.match(/^CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?("(?:[^"]|"")+") ON /);
  if (!m) return sql;
  return (await validIndex(db, m[1].slice(1, -1).replace(/""/g, '"'), concurrently)) ? null : sql;
}
