import type { Db } from "./db/connection.js";
import type { Step } from "./plan.js";

const q = (n: string) => `"${n.replace(/"/g, '""')}"`;

/**
 * What a step that failed before committing anything can still leave behind, removed: a backfill's
 * stash table (created in its own transaction before the first batch), and the INVALID index a
 * failed `CREATE INDEX CONCURRENTLY` leaves (PostgreSQL keeps it, it cannot roll it back).
 */
export async function dropLeftovers(db: Db, step: Step): Promise<void> {
  if (step.kind === "backfill" && step.stash) {
    await db.query(`DROP TABLE IF EXISTS ${q(step.stash.schema)}.${q(step.stash.table)}`);
  }
  if (step.kind === "sql" && !step.transactional) {
    for (const s of step.down ?? []) {
      const m = s.match(/^DROP INDEX (CONCURRENTLY )?(".+")$/);
      if (m) await db.query(`DROP INDEX ${m[1] ?? ""}IF EXISTS ${m[2]}`);
    }
  }
}
