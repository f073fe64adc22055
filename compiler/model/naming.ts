/**
 * PostgreSQL's own names for constraints and indexes a spec does not name, so that a baseline
 * written in kmig matches a live database created from plain SQL (`users_pkey`, `tasks_user_id_fkey`).
 * PostgreSQL truncates each part so that the whole fits in 63 bytes; so do we.
 */
const MAX_IDENT = 63;

export function pgDefaultName(table: string, columns: readonly string[], suffix: string): string {
  const col = columns.join("_");
  let t = table;
  let c = col;
  // Mirrors makeObjectName(): shorten the longer part first until the name fits.
  while (Buffer.byteLength(`${t}${c ? "_" + c : ""}_${suffix}`) > MAX_IDENT) {
    if (Buffer.byteLength(t) > Buffer.byteLength(c)) t = t.slice(0, -1);
    else c = c.slice(0, -1);
  }
  return `${t}${c ? "_" + c : ""}_${suffix}`;
}

export const primaryKeyName = (table: string): string => pgDefaultName(table, [], "pkey");
export const uniqueName = (table: string, columns: readonly string[]): string => pgDefaultName(table, columns, "key");
export const foreignKeyName = (table: string, columns: readonly string[]): string => pgDefaultName(table, columns, "fkey");
export const checkName = (table: string, columns: readonly string[]): string => pgDefaultName(table, columns.slice(0, 1), "check");
export const indexName = (table: string, columns: readonly string[]): string => pgDefaultName(table, columns, "idx");
