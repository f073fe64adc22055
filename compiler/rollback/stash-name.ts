import { createHash } from "node:crypto";

const MAX_IDENT = 63;

/** How every stash table name starts, cut or not. */
export const STASH_PREFIX = "stash__";

/** The stash table of one migration's step on one table: readable, and within PostgreSQL's 63 bytes. */
export function stashTableName(migrationId: string, table: string, suffix = ""): string {
  const name = `${STASH_PREFIX}${migrationId}__${table}${suffix ? `__${suffix}` : ""}`;
  if (Buffer.byteLength(name) <= MAX_IDENT) return name;
  // Cut by bytes, on a character boundary: PostgreSQL would cut a longer name itself, hash and all.
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  const bytes = Buffer.from(name);
  let n = 50;
  while (n > 0 && (bytes[n] & 0xc0) === 0x80) n--;
  return `${bytes.subarray(0, n).toString()}_${hash}`;
}

/**
 * The first stash name, from the `from`-th on, that `used` (an earlier step's SQL has it quoted)
 * says is free, and its number: two blocks on one table (or two type changes of one column) each
 * keep their own originals, numbered `__2`, `__3`, … after the first.
 */
export function unusedStashName(used: (name: string) => boolean, migrationId: string, table: string, suffix = "", from = 1): { name: string; n: number } {
  let n = from;
  while (used(nthStashName(migrationId, table, suffix, n))) n++;
  return { name: nthStashName(migrationId, table, suffix, n), n };
}

function nthStashName(migrationId: string, table: string, suffix: string, n: number): string {
  return stashTableName(migrationId, table, n === 1 ? suffix : suffix ? `${suffix}__${n}` : String(n));
}
