import type { Db } from "../db/connection.js";
import { RunError } from "../errors.js";
import { expectedSchema } from "../expected-schema.js";
import { diffSchemas, snapshotSchema } from "../introspect.js";
import { readLedger } from "../ledger.js";
import { verifyChain } from "../verify-chain.js";
import type { Plan } from "../../core/plan.js";

/** Where the source stands in the chain, as read without writing to it. */
export interface SourceState {
  /** The version it is at: its ledger's last applied migration, else the baseline's. */
  readonly version: string;
  /** kmig recorded the baseline there (else the copy records it on the target). */
  readonly hasLedger: boolean;
  readonly applied: readonly string[];
}

/**
 * Checks the source against the chain without writing to it: its ledger (if kmig ran there) must
 * be a prefix of the chain with no half-done migration, and its live schema exactly what those
 * migrations (or, without a ledger, the baseline) describe. The expected schema is replayed in
 * `scratch` — a writable database, in a transaction that is rolled back — never in the source.
 */
export async function checkSource(source: Db, scratch: Db, plans: readonly Plan[]): Promise<SourceState> {
  const base = plans[0];
  if (!base || base.kind !== "baseline") throw new RunError("K9011", "the spec folder has no baseline file", "write one: `baseline <id> version '<v>' { create table … }` in the first file");
  const ledger = await readLedger(source);
  const rows = verifyChain(plans, ledger);
  const halfDone = ledger.find((r) => r.state !== "applied");
  if (halfDone) {
    throw new RunError("K9503", `the source has migration ${halfDone.id} ${halfDone.state === "applying" ? "half applied" : "half rolled back"}`, "finish it on the source first (kmig apply or kmig rollback there), or copy from a backup: a copy must start from a version of the chain");
  }
  const applied = plans.filter((p) => rows.get(p.id)?.state === "applied");
  const described = applied.length > 0 ? applied : [base];
  const expected = await expectedSchema(scratch, described);
  await source.query("BEGIN");
  const actual = await snapshotSchema(source, "public");
  await source.query("ROLLBACK");
  // Without a ledger, only the baseline's tables are compared (as `kmig baseline` does).
  const drift = diffSchemas(expected, actual, applied.length > 0 ? null : new Set(Object.keys(expected.tables)));
  if (drift.length > 0) {
    const at = applied.length > 0 ? `version ${applied[applied.length - 1].to} of the chain` : `baseline ${base.id} (version ${base.to})`;
    throw new RunError("K9503", `the source database does not match ${at} (${drift.length} difference${drift.length === 1 ? "" : "s"})`, "copy from a database at a version of the chain: fix the spec or the source; nothing was written", null, null, { notes: drift });
  }
  return { version: described[described.length - 1].to, hasLedger: applied.length > 0, applied: applied.map((p) => p.id) };
}
