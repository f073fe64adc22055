import type { Db } from "../db/connection.js";

/**
 * Whether each connection is to a Citus database: told by the coordinator guard (which reads the
 * topology once per command), or asked once here. Keyed by the connection, so a caller's own
 * client is asked again on its next run.
 */
const onCitus = new WeakMap<Db, Promise<boolean>>();

/** Records what the guard found, so that the first transaction does not ask again. */
export function rememberCitus(db: Db, citus: boolean): void {
  onCitus.set(db, Promise.resolve(citus));
}

async function isCitus(db: Db): Promise<boolean> {
  let known = onCitus.get(db);
  if (!known) {
    known = db.query<{ n: string }>(`SELECT count(*)::text AS n FROM pg_catalog.pg_extension WHERE extname = 'citus'`).then((r) => r.rows[0]?.n !== "0");
    onCitus.set(db, known);
  }
  return known;
}

/**
 * The statements that open one of kmig's transactions: BEGIN, its `lock_timeout`, then `settings`
 * (`name = value`), each SET LOCAL. On Citus a SET stays on the coordinator (`citus.propagate_set_commands`
 * is `none` by default): a DDL step would wait on a worker, behind a reader of a shard, for as long as
 * that reader runs, whatever the timeout. `'local'` makes Citus send the transaction's SET LOCALs to
 * every worker connection it opens in it — so it comes first. One round trip, as before.
 */
export async function beginStatements(db: Db, lockTimeoutMs: number, settings: readonly string[] = []): Promise<string> {
  const citus = await isCitus(db);
  return [
    "BEGIN",
    ...(citus ? ["SET LOCAL citus.propagate_set_commands = 'local'"] : []),
    `SET LOCAL lock_timeout = ${Math.max(1, Math.floor(lockTimeoutMs))}`,
    ...settings.map((s) => `SET LOCAL ${s}`),
  ].join("; ");
}
