import { CANONICAL_TYPES, KNOWN_OPAQUE_TYPES } from "../../grammar/type-names.js";

/** What each canonical type holds, in a line. */
const TYPE_DOCS: Record<string, string> = {
  uuid: "a 128-bit identifier",
  text: "text of any length",
  varchar: "text; `varchar(n)` holds at most n characters",
  char: "fixed-length text, padded with spaces",
  smallint: "a 2-byte integer (−32768 to 32767)",
  integer: "a 4-byte integer (about ±2.1 billion)",
  bigint: "an 8-byte integer",
  boolean: "true or false",
  numeric: "an exact decimal number; `numeric(p, s)`: p digits, s after the point",
  real: "a 4-byte floating-point number",
  "double precision": "an 8-byte floating-point number",
  date: "a calendar date",
  time: "a time of day (no time zone)",
  timestamp: "a date and time (no time zone)",
  timestamptz: "a point in time (shown in the session's time zone; kmig runs in UTC)",
  interval: "a span of time",
  timetz: "a time of day with a time zone offset",
  money: "a currency amount (its format follows the server's locale)",
  json: "JSON, stored as text as written",
  jsonb: "JSON, stored parsed (keys sorted, no duplicates)",
  inet: "an IPv4 or IPv6 host address, with optional netmask",
  cidr: "an IPv4 or IPv6 network",
  bytea: "binary data",
};

/** A type name: what it holds; `?` makes any type nullable and `[]` an array of it. */
export function typeHover(name: string): string {
  const doc = TYPE_DOCS[name];
  const what =
    doc ??
    (Object.hasOwn(CANONICAL_TYPES, name)
      ? "a PostgreSQL type"
      : KNOWN_OPAQUE_TYPES.has(name) || name.includes(".")
        ? "an opaque type: kmig stores, copies and compares it, and computes nothing on it"
        : "a type kmig does not know");
  return [`**type** \`${name}\``, "", what, "", "`T?` may be NULL; `T[]` is an array of T"].join("\n");
}
