import type { Db } from "./db/connection.js";
import type { Step } from "../core/plan.js";
import { qualified } from "../core/sql-quote.js";

/** A session that holds a lock on one of a step's tables. */
export interface LockHolder {
  readonly relation: string;
  readonly pid: string;
  readonly mode: string;
  readonly who: string;
}

/**
 * The tables a step's statements lock: its own table in `public`, and the tables of kmig's schema
 * its SQL names (stashes). Qualified as `to_regclass` reads them.
 */
export function lockedRelations(step: Step, statements: readonly string[]): string[] {
  const names = new Set<string>();
  if (step.table) names.add(qualified("public", step.table));
  for (const sql of statements) for (const m of sql.matchAll(/"kmig"\."(?:[^"]|"")+"/g)) names.add(m[0]);
  return [...names];
}

/**
 * Other sessions holding a granted lock on any of `relations`, after a statement gave up waiting
 * (pg_blocking_pids needs a waiting session; this asks who holds the tables instead). Best effort:
 * an engine without other sessions, or a reader without access to pg_stat_activity, finds nobody.
 */
export async function lockHolders(db: Db, relations: readonly string[]): Promise<LockHolder[]> {
  if (relations.length === 0 || db.kind !== "postgres") return [];
  try {
    const r = await db.query<{ relation: string; pid: string; mode: string; application_name: string | null; usename: string | null; state: string | null; since: string | null }>(
      `SELECT DISTINCT l.relation::regclass::text AS relation, l.pid::text AS pid, l.mode, a.application_name, a.usename, a.state, COALESCE(a.xact_start, a.query_start)::text AS since
       FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
       WHERE l.granted AND l.pid <> pg_backend_pid() AND l.locktype = 'relation'
         AND l.relation = ANY (SELECT to_regclass(x) FROM unnest($1::text[]) AS x)
       ORDER BY 1, 2`,
      [relations],
    );
    return r.rows.map((h) => ({
      relation: h.relation,
      pid: h.pid,
      mode: h.mode,
      who: [h.application_name ? `application ${h.application_name}` : null, h.usename ? `user ${h.usename}` : null, h.state ? `${h.state}${h.since ? ` since ${h.since}` : ""}` : null].filter((x) => x !== null).join(", "),
    }));
  } catch {
    return [];
  }
}

/** `table orders (held by server process 4242: application psql, user app, idle in transaction since …, AccessShareLock)`. */
export function describeHolders(relations: readonly string[], holders: readonly LockHolder[]): string {
  if (holders.length === 0) return relations.length > 0 ? `a lock on ${relations.map(plainName).join(", ")} (its holder has let go since, or cannot be seen)` : "a lock";
  const byRelation = new Map<string, LockHolder[]>();
  for (const h of holders) byRelation.set(h.relation, [...(byRelation.get(h.relation) ?? []), h]);
  return [...byRelation].map(([rel, hs]) => `a lock on table ${plainName(rel)}, held by ${hs.map((h) => `server process ${h.pid} (${h.who ? `${h.who}, ` : ""}${h.mode})`).join(" and ")}`).join("; ");
}

const plainName = (rel: string) => rel.replace(/^"?public"?\./, "").replace(/"/g, "");
