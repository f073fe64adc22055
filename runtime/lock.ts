import type { Db } from "./db/connection.js";
import { RunError } from "./errors.js";

/** kmig's advisory lock: (class 'kmig' as int4, 1). Session-level, so a crashed run never leaves it behind. */
const CLASS_ID = 0x6b6d6967;
const OBJECT_ID = 1;

/** Takes the lock, waiting up to `timeoutMs`; on timeout, says who holds it. */
export async function acquireLock(db: Db, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const r = await db.query<{ ok: boolean | string }>("SELECT pg_try_advisory_lock($1, $2) AS ok", [CLASS_ID, OBJECT_ID]);
    const ok = r.rows[0]?.ok;
    if (ok === true || ok === "t" || ok === "true") return;
    if (Date.now() >= deadline) throw new RunError("K9002", `another kmig run holds the migration lock of this database${await holder(db)}`, "wait for it to finish, or raise --lock-timeout; a crashed run releases the lock by itself");
    await new Promise((r2) => setTimeout(r2, Math.min(250, Math.max(10, deadline - Date.now()))));
  }
}

export async function releaseLock(db: Db): Promise<void> {
  await db.query("SELECT pg_advisory_unlock($1, $2)", [CLASS_ID, OBJECT_ID]).catch(() => undefined);
}

async function holder(db: Db): Promise<string> {
  try {
    const r = await db.query<{ pid: string; usename: string; application_name: string; client_addr: string | null; backend_start: string }>(
      `SELECT a.pid::text, a.usename, a.application_name, a.client_addr::text, a.backend_start::text
       FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.locktype = 'advisory' AND l.classid = $1 AND l.objid = $2 AND l.granted
         AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      [CLASS_ID, OBJECT_ID],
    );
    const h = r.rows[0];
    if (!h) return "";
    return `: ${h.application_name || "a session"}, connected as ${h.usename}${h.client_addr ? ` from ${h.client_addr}` : ""} since ${h.backend_start} (server process ${h.pid})`;
  } catch {
    return "";
  }
}
