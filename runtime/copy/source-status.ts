import type { Plan } from "../../core/plan.js";
import type { Db } from "../db/connection.js";
import { connectPgClient, wrapClient } from "../db/postgres.js";
import { RunError } from "../errors.js";
import type { ServerSide } from "./server-side.js";
import { checkSource } from "./source-check.js";
import { ledgerVersion } from "../ledger.js";

/** The source of a copy as `status` and `rollback` report it: read in a read-only session. */
export interface SourceReport {
  readonly where: string;
  readonly version: string | null;
  /** Differences from the chain at its version (empty: it is exactly that version). */
  readonly drift: readonly string[];
  readonly problem: string | null;
}

/**
 * Where the source stands, read without writing to it; the expected schema is replayed in
 * `scratch` (the target, in a transaction rolled back), or not at all when there is none.
 */
export async function sourceReport(source: ServerSide, scratch: Db | null, plans: readonly Plan[]): Promise<SourceReport> {
  const c = (await connectPgClient(source.server, "kmig status (copy source)", source.where, true)).client;
  try {
    const db = await wrapClient(c, source.where);
    if (!scratch) {
      return { where: source.where, version: await ledgerVersion(db, plans), drift: [], problem: null };
    }
    try {
      const s = await checkSource(db, scratch, plans);
      return { where: source.where, version: s.version, drift: [], problem: null };
    } catch (e) {
      if (!(e instanceof RunError)) throw e;
      return { where: source.where, version: null, drift: e.notes, problem: e.message };
    }
  } finally {
    await c.end().catch(() => undefined);
  }
}
