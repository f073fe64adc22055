import type { Db } from "./db/connection.js";
import { expectedSchema } from "./expected-schema.js";
import { diffSchemas, snapshotSchema } from "./introspect.js";
import { readLedger } from "./ledger.js";
import type { Plan } from "./plan.js";

export interface MigrationStatus {
  readonly id: string;
  readonly kind: string;
  readonly version: string;
  readonly state: "applied" | "pending" | "applying" | "rolling_back";
  readonly checksumOk: boolean;
  readonly stepsDone: number;
  readonly steps: number;
  readonly appliedAt: string | null;
}

/** `kmig status`: what is applied, what is pending, edited specs, and schema drift. */
export async function status(db: Db, plans: readonly Plan[]): Promise<{ migrations: MigrationStatus[]; drift: string[]; unknown: string[] }> {
  const ledger = new Map((await readLedger(db)).map((r) => [r.id, r]));
  const migrations: MigrationStatus[] = plans.map((p) => {
    const r = ledger.get(p.id);
    return { id: p.id, kind: p.kind, version: p.to, state: r ? r.state : "pending", checksumOk: !r || r.checksum === p.checksum, stepsDone: r?.steps_done ?? 0, steps: p.steps.length, appliedAt: r?.finished_at ?? null };
  });
  const unknown = [...ledger.keys()].filter((id) => !plans.some((p) => p.id === id));
  // A half-done migration's completed steps are in the database too: the schema expected has them.
  const applied = plans.flatMap((p) => {
    const r = ledger.get(p.id);
    if (!r) return [];
    return r.state === "applied" ? [p] : [{ ...p, steps: p.steps.slice(0, r.steps_done) }];
  });
  let drift: string[] = [];
  if (applied.length > 0) {
    const expected = await expectedSchema(db, applied);
    await db.query("BEGIN");
    const actual = await snapshotSchema(db, "public");
    await db.query("ROLLBACK");
    drift = diffSchemas(expected, actual);
  }
  return { migrations, drift, unknown };
}
