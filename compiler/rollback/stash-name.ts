import { createHash } from "node:crypto";
import type { Step } from "../../runtime/plan.js";

const MAX_IDENT = 63;

/** The stash table of one migration's step on one table: readable, and within PostgreSQL's 63 bytes. */
export function stashTableName(migrationId: string, table: string, suffix = ""): string {
  const name = `stash__${migrationId}__${table}${suffix ? `__${suffix}` : ""}`;
  if (Buffer.byteLength(name) <= MAX_IDENT) return name;
  // Cut by bytes, on a character boundary: PostgreSQL would cut a longer name itself, hash and all.
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  const bytes = Buffer.from(name);
  let n = 50;
  while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
  return `${bytes.subarray(0, n).toString()}_${hash}`;
}

/**
 * A stash name no earlier step of the migration uses: two blocks on one table (or two type changes
 * of one column) each keep their own originals, numbered `__2`, `__3`, … after the first.
 */
export function unusedStashName(steps: readonly Step[], migrationId: string, table: string, suffix = ""): string {
  const used = (name: string) => steps.some((s) => s.up.some((sql) => sql.includes(`"${name}"`)));
  let name = stashTableName(migrationId, table, suffix);
  for (let i = 2; used(name); i++) name = stashTableName(migrationId, table, suffix ? `${suffix}__${i}` : String(i));
  return name;
}
