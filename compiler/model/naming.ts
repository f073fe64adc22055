/**
 * PostgreSQL's own names for constraints and indexes a spec does not name, so that a baseline
 * written in kmig matches a live database created from plain SQL (`users_pkey`, `tasks_user_id_fkey`).
 * PostgreSQL truncates each part so that the whole fits in 63 bytes, and numbers a name that is
 * taken (`users_email_key1`); so do we.
 */
const MAX_IDENT = 63;

/** Mirrors makeObjectName(): byte lengths, the longer part shortened first, then cut back to whole characters. */
export function pgDefaultName(table: string, columns: readonly string[], label: string): string {
  const name1 = Buffer.from(table);
  const name2 = columns.length > 0 ? Buffer.from(columns.join("_")) : null;
  const avail = MAX_IDENT - Buffer.byteLength(label) - 1 - (name2 ? 1 : 0);
  let n1 = name1.length;
  let n2 = name2?.length ?? 0;
  while (n1 + n2 > avail) {
    if (n1 > n2) n1--;
    else n2--;
  }
  const part1 = name1.subarray(0, clipToCharacter(name1, n1)).toString();
  const part2 = name2 ? `_${name2.subarray(0, clipToCharacter(name2, n2)).toString()}` : "";
  return `${part1}${part2}_${label}`;
}

/** pg_mbcliplen() for UTF-8: the longest prefix of at most `len` bytes that ends on a character boundary. */
function clipToCharacter(bytes: Buffer, len: number): number {
  let n = Math.min(len, bytes.length);
  while (n > 0 && n < bytes.length && (bytes[n] & 0xc0) === 0x80) n--;
  return n;
}

/**
 * ChooseRelationName() / ChooseConstraintName(): the derived name, or with `1`, `2`, … appended
 * to its label while `taken` says the name is in use.
 */
export function chooseName(table: string, columns: readonly string[], label: string, taken: (name: string) => boolean): string {
  for (let pass = 0; ; pass++) {
    const name = pgDefaultName(table, columns, pass === 0 ? label : `${label}${pass}`);
    if (!taken(name)) return name;
  }
}

export const primaryKeyName = (table: string): string => pgDefaultName(table, [], "pkey");
export const uniqueName = (table: string, columns: readonly string[]): string => pgDefaultName(table, columns, "key");
export const foreignKeyName = (table: string, columns: readonly string[]): string => pgDefaultName(table, columns, "fkey");
/** A check is named after its column only when its expression reads exactly one column. */
export const checkName = (table: string, columnsRead: readonly string[]): string => pgDefaultName(table, checkNameColumns(columnsRead), "check");
export const indexName = (table: string, columns: readonly string[]): string => pgDefaultName(table, columns, "idx");

/** The column part of a check's name: the one column it reads, else none (PostgreSQL's rule). */
export function checkNameColumns(columnsRead: readonly string[]): string[] {
  const distinct = [...new Set(columnsRead)];
  return distinct.length === 1 ? distinct : [];
}
