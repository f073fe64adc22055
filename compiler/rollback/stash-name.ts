import { createHash } from "node:crypto";

/** The stash table of one migration's step on one table: readable, and within PostgreSQL's 63 bytes. */
export function stashTableName(migrationId: string, table: string, suffix = ""): string {
  const name = `stash__${migrationId}__${table}${suffix ? `__${suffix}` : ""}`;
  if (Buffer.byteLength(name) <= 63) return name;
  const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
  return `${name.slice(0, 50)}_${hash}`;
}
