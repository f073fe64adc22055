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
  const r = await db.query<{ valid: boolean }>(`SELECT i.indisvalid AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = $1`, [name]);
  if (r.rows[0]?.valid) return;
  if (r.rows.length > 0) await db.query(`DROP INDEX ${q(name)}`);
  await db.query(withoutConcurrently(down));
}
