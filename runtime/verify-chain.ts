import { RunError } from "./errors.js";
import type { LedgerRow } from "./ledger.js";
import type { Plan } from "../core/plan.js";

/**
 * Checks the ledger against the spec: every recorded migration still exists in the spec and still
 * means the same (same checksum: formatting-only edits are fine), and nothing was skipped. With
 * `edited: "allow"` (rollback, which runs the recorded plans) an edited spec is left to the caller
 * to report (recorded-plan.ts).
 */
export function verifyChain(plans: readonly Plan[], ledger: readonly LedgerRow[], opts: { readonly edited: "error" | "allow" } = { edited: "error" }): Map<string, LedgerRow> {
  const byId = new Map(ledger.map((r) => [r.id, r]));
  const known = new Set(plans.map((p) => p.id));
  for (const r of ledger) {
    if (!known.has(r.id)) throw new RunError("K9004", `the database records migration ${r.id} (version ${r.version}), which the spec folder does not have`, "run kmig with the spec folder that applied it");
  }
  let gap: string | null = null;
  for (const p of plans) {
    const r = byId.get(p.id);
    if (!r) {
      gap ??= p.id;
      continue;
    }
    if (opts.edited === "error" && !sameMeaning(r, p)) {
      throw new RunError("K9001", `migration ${p.id} was applied with checksum ${r.checksum.slice(0, 12)}…, but its spec (${p.file}) now means something else (${p.checksum.slice(0, 12)}…)`, "an applied migration must not change: undo the edit, or roll it back with the old spec first and add a new migration");
    }
    if (gap !== null) throw new RunError("K9006", `migration ${p.id} is recorded as applied, but ${gap} before it is not`, "apply the chain in order");
  }
  return byId;
}

/**
 * Whether the ledger's checksum is the plan's: the same, or (a ledger kmig 0.1 wrote, whose
 * checksums have no `m1:` prefix) the checksum that kmig computed for the same spec.
 */
export function sameMeaning(row: Pick<LedgerRow, "checksum">, plan: Plan): boolean {
  return row.checksum === plan.checksum || (isLegacyChecksum(row.checksum) && row.checksum === plan.legacyChecksum);
}

/** A checksum as kmig 0.1 recorded it: 64 hex digits, no format prefix. */
export const isLegacyChecksum = (checksum: string): boolean => /^[0-9a-f]{64}$/.test(checksum);
