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
  if (step.kind === "sql" && !step.transactional) {
    for (const s of step.down ?? []) {
      const m = s.match(/^DROP INDEX (CONCURRENTLY )?(?:IF EXISTS )?(".+")$/);
      // Inside a transaction (a rollback's) CONCURRENTLY is not allowed; the plain drop does the same.
      if (m) await db.query(`DROP INDEX ${where.inTransaction ? "" : (m[1] ?? "")}IF EXISTS ${m[2]}`);
      else await recreateDroppedIndex(db, s);
    }
  }
}

/**
 * A `DROP INDEX CONCURRENTLY` that failed or was killed may have dropped the index, or left it
 * INVALID, before the step was recorded: it is built again from the step's down statement unless
 * it is there and valid.
 */
async function recreateDroppedIndex(db: Db, down: string): Promise<void> {
  const build = await buildStillNeeded(db, down, false);
  if (build) await db.query(withoutConcurrently(build));
}

/**
 * Before `CREATE [UNIQUE] INDEX [CONCURRENTLY] "name" …` runs again (a resumed run, a rollback's
 * rebuild): null when a valid index of that name is there (an earlier run built it and stopped
 * before recording so), else the statement, after dropping the INVALID index a stopped concurrent
 * build left behind (`concurrently`: dropped CONCURRENTLY, outside a transaction). Other statements
 * are returned as they are.
 */
export async function buildStillNeeded(db: Db, sql: string, concurrently: boolean): Promise<string | null> {
  const m = sql.match(/^CREATE (UNIQUE )?INDEX (?:CONCURRENTLY )?("(?:[^"]|"")+") ON /);
  if (!m) return sql;
  const name = m[2].slice(1, -1).replace(/""/g, '"');
  // Values come back as text on both engines: compared as text.
  const r = await db.query<{ valid: string }>(`SELECT i.indisvalid::text AS valid FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relname = $1`, [name]);
  if (r.rows[0]?.valid === "true") return null;
  if (r.rows.length > 0) await db.query(`DROP INDEX ${concurrently ? "CONCURRENTLY " : ""}${m[2]}`);
  return sql;
}
