import { JSONB, scalar, withNullable } from "../core/types.js";
import { anyNullable, checkArity, ok } from "./support/signature.js";
import { asJsonb } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { jsonOf } from "./support/values.js";

/**
 * `to_json(x)`: x as JSON, as PostgreSQL's `to_jsonb` makes it (the session in UTC): numbers (bigint
 * and numeric too) as numbers, NaN and Infinity as strings, timestamps as ISO 8601 strings
 * (`2024-05-01T10:00:00`, timestamptz with `+00:00`), other scalars as their text. Missing stays missing.
 */
export const to_json: StdlibBuiltin = {
  name: "to_json",
  doc: "The value as JSON: numbers as numbers, timestamps as ISO 8601 strings, other scalars as text; missing stays missing.",
  usage: "to_json(any) → json",
  example: "to_json(created_at)",
  exampleCall: { args: [{ type: scalar("timestamp"), value: "2024-05-01 10:00:00" }], result: "2024-05-01T10:00:00" },
  volatility: "immutable",
  signature: (args) => checkArity("to_json", args, 1, "to_json(x)") ?? ok(withNullable(JSONB, anyNullable(args))),
  sql: ([x], [t]) => asJsonb(x, t),
  js: ([x], [t]) => jsonOf(x, t),
};
