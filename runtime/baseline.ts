import type { Db } from "./db/connection.js";
import { RunError } from "./errors.js";
import type { Reporter } from "./events.js";
import { schemaDrift } from "./schema-drift.js";
import { ensureLedger, readLedger, recordBaseline } from "./ledger.js";
import { acquireLock, releaseLock } from "./lock.js";
import { refuseCitusWorker } from "./citus/coordinator-only.js";
import type { Plan } from "../core/plan.js";
import { distributionDrift } from "./citus/distribution-drift.js";

/**
 * `kmig baseline`: checks that the live schema is exactly the baseline's (else names every
 * difference) and records it as applied. Nothing of the user's is created or changed.
 */
export async function baseline(db: Db, plans: readonly Plan[], version: string | null, lockTimeoutMs: number, reporter: Reporter): Promise<void> {
  const base = plans[0];
  if (!base || base.kind !== "baseline") throw new RunError("K9011", "the spec folder has no baseline file", "write one: `baseline <id> version '<v>' { create table … }` in the first file");
  if (version !== null && version !== base.to) throw new RunError("K9008", `the baseline of this spec is version ${base.to}, not ${version}`);
  await refuseCitusWorker(db);
  await acquireLock(db, lockTimeoutMs);
  try {
    await ensureLedger(db);
    if ((await readLedger(db)).some((r) => r.id === base.id)) {
      reporter.emit({ type: "info", message: `baseline ${base.id} is already recorded` });
      return;
    }
    const drift = await schemaDrift(db, [base], "baseline");
    if (drift.length > 0) {
      const n = `${drift.length} difference${drift.length === 1 ? "" : "s"}`;
      throw new RunError("K9009", `the database does not match baseline ${base.id} (${n})`, "make the baseline file describe the live schema exactly (or fix the database), then run kmig baseline again", null, null, { notes: drift });
    }
    const spread = await distributionDrift(db, [base]);
    if (spread.length > 0) {
      const n = `${spread.length} table${spread.length === 1 ? "" : "s"}`;
      throw new RunError("K9631", `the live database spreads ${n} otherwise than baseline ${base.id} says`, "change the baseline to say what the database has (`kmig pull` writes it), or redistribute the table", null, null, { notes: spread });
    }
    await recordBaseline(db, base);
    reporter.emit({ type: "info", message: `recorded baseline ${base.id} (version ${base.to}): the live schema matches it` });
  } finally {
    await releaseLock(db);
  }
}
