import { BOOLEAN, TEXT, withNullable } from "../core/types.js";
import { checkArity, fitsJson, fitsText, ok, wrongType } from "./support/signature.js";
import { asText, typed } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/** `to_bool(x)`: JSON true/false and the texts 'true'/'false' (exactly) as booleans; anything else missing. */
export const to_bool: StdlibBuiltin = {
  name: "to_bool",
  doc: "JSON true/false and the exact texts 'true'/'false' as booleans; anything else is missing.",
  usage: "to_bool(json | text | boolean) → boolean",
  example: "to_bool('true')",
  exampleCall: { args: [{ type: TEXT, value: "true" }], result: true },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("to_bool", args, 1, "to_bool(x)");
    if (arity) return arity;
    const [t] = args;
    if (t.kind === "scalar" && t.name === "boolean") return ok(t);
    if (!fitsJson(t) && !fitsText(t)) return wrongType("to_bool", 0, "JSON or text", t, "compare instead, e.g. x != 0");
    return ok(withNullable(BOOLEAN, true));
  },
  sql([x], [t]) {
    if (t.kind === "scalar" && t.name === "boolean") return `(${x})`;
    // A simple CASE evaluates its subject once.
    if (t.kind === "json") {
      return `(CASE ${typed(x, t)} WHEN 'true'::jsonb THEN true WHEN '"true"'::jsonb THEN true WHEN 'false'::jsonb THEN false WHEN '"false"'::jsonb THEN false END)`;
    }
    return `(CASE ${asText(x)} WHEN 'true' THEN true WHEN 'false' THEN false END)`;
  },
  js([x], [t]) {
    if (typeof x === "boolean") return x;
    const text = t.kind === "scalar" && typeof x === "string" ? textOf(x, t) : x;
    return text === "true" || text === "false" ? text === "true" : undefined;
  },
};
