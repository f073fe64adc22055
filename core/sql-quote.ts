/**
 * The only places generated SQL gets identifiers and literal values: every identifier is
 * quoted, every string literal escaped (standard_conforming_strings is on since PostgreSQL 9.1).
 */

/** `"name"`, with embedded quotes doubled. */
export function ident(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** `"schema"."name"`. */
export function qualified(schema: string, name: string): string {
  return `${ident(schema)}.${ident(name)}`;
}

/** A SQL string literal. NUL cannot be stored in PostgreSQL text; it is refused earlier. */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

/** A comma-separated list of quoted identifiers. */
export function identList(names: readonly string[]): string {
  return names.map(ident).join(", ");
}

/** kmig's own schema: ledger, stash tables, progress. Never the user's tables. */
export const KMIG_SCHEMA = "kmig";
