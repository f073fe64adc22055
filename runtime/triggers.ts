import { isDbError, type Db } from "./db/connection.js";
import { RunError } from "./errors.js";
import type { Step } from "../core/plan.js";
import { ident as q } from "../core/sql-quote.js";

/**
 * kmig's own writes never fire the user's triggers. A backfill, a stash restore and a rollback
 * rewrite rows to values the spec computed (or to the exact originals): a BEFORE UPDATE trigger
 * that stamps `last_update` would change a column the spec does not touch, and an audit trigger
 * would record changes no user made. So each statement list kmig runs on a table is wrapped in
 *
 *     ALTER TABLE t DISABLE TRIGGER <each enabled user trigger>  …  ENABLE it again (same mode)
 *
 * inside the step's own transaction. Why this and not `SET session_replication_role = replica`:
 * - replica mode also turns off foreign-key enforcement in the session (its triggers are internal
 *   ones), so a backfill could write a dangling key; DISABLE TRIGGER <name> leaves them on;
 * - replica mode needs superuser (or, on PostgreSQL 15+, `GRANT SET ON PARAMETER`), and it fires
 *   the triggers marked ENABLE REPLICA; DISABLE TRIGGER needs only the table's ownership, which
 *   kmig's schema changes need anyway;
 * - DISABLE TRIGGER is transactional: other sessions never see the triggers off (their writes to
 *   the table wait for the batch's commit instead: it takes a SHARE ROW EXCLUSIVE lock, for the
 *   length of one batch), and a crash leaves them on;
 * - each trigger goes back to its own mode (ENABLE, ENABLE ALWAYS, ENABLE REPLICA); disabled ones
 *   are left alone.
 * A table whose triggers kmig may not disable (not its owner) stops the step with K9087 before it
 * writes anything. A raw `sql` item's statements are the user's own and fire triggers as written.
 */

/** The public tables a statement writes rows of (`UPDATE "t"`, `INSERT INTO "t"`, `DELETE FROM "t"`); kmig's stash tables are schema-qualified and not among them. */
export function writtenTables(statements: readonly string[]): string[] {
  const out = new Set<string>();
  for (const s of statements) {
    const m = /^\s*(?:UPDATE|INSERT\s+INTO|DELETE\s+FROM)\s+("(?:[^"]|"")+"|[A-Za-z_][A-Za-z0-9_$]*)(?!\s*\.)/i.exec(s);
    if (m) out.add(m[1].startsWith('"') ? m[1].slice(1, -1).replace(/""/g, '"') : m[1].toLowerCase());
  }
  return [...out];
}

/** A user trigger that is on, with the mode to give back (`O` on, `A` always, `R` replica). */
export interface UserTrigger {
  readonly table: string;
  readonly name: string;
  readonly mode: string;
}

/** The enabled user triggers of `tables` (public schema). */
export async function userTriggers(db: Db, tables: readonly string[]): Promise<UserTrigger[]> {
  if (tables.length === 0) return [];
  const r = await db.query<{ table: string; name: string; mode: string }>(
    `SELECT c.relname AS "table", t.tgname AS "name", t.tgenabled::text AS "mode" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE n.nspname = 'public' AND c.relname = ANY($1::text[]) AND NOT t.tgisinternal AND t.tgenabled <> 'D' ORDER BY 1, 2`,
    [tables],
  );
  return r.rows;
}

const ENABLE: Record<string, string> = { O: "ENABLE TRIGGER", A: "ENABLE ALWAYS TRIGGER", R: "ENABLE REPLICA TRIGGER" };

/**
 * Runs `statements` (in the caller's transaction) with the user triggers of the tables they write
 * switched off, and back on in their own modes before returning. `fire`: the spec asked for the
 * triggers to fire (`triggers fire`), so nothing is switched off.
 */
export async function withoutUserTriggers<T>(db: Db, step: Step, statements: readonly string[], fire: boolean, work: () => Promise<T>): Promise<T> {
  if (fire || (step.kind === "sql" && step.op === "raw-sql")) return work();
  const triggers = await userTriggers(db, writtenTables(statements));
  if (triggers.length === 0) return work();
  try {
    for (const t of triggers) await db.query(`ALTER TABLE ${q(t.table)} DISABLE TRIGGER ${q(t.name)}`);
  } catch (e) {
    if (isDbError(e) && e.code === "42501") {
      const tables = [...new Set(triggers.map((t) => t.table))];
      throw new RunError(
        "K9087",
        `kmig may not switch off the triggers of ${tables.join(", ")} (${triggers.map((t) => t.name).join(", ")}): ${e.message}`,
        `run kmig as the owner of ${tables.length === 1 ? "the table" : "the tables"} (its schema changes need that too), or let the triggers fire on kmig's writes with \`triggers fire\` in the table's block`,
        step.origin,
        e.message,
      );
    }
    throw e;
  }
  const out = await work();
  for (const t of triggers) await db.query(`ALTER TABLE ${q(t.table)} ${ENABLE[t.mode] ?? "ENABLE TRIGGER"} ${q(t.name)}`);
  return out;
}
