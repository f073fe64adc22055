import { INTEGER, JSONB, withNullable } from "../core/types.js";
import { anyNullable, checkArity, fitsText, ok, wrongType } from "./support/signature.js";
import { asText, bindArgs, typed } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/**
 * `length(x)`: characters of a text (code points, as PostgreSQL counts them, not UTF-16 units),
 * elements of a JSON array, characters of a JSON string; missing for other JSON values.
 */
export const length: StdlibBuiltin = {
  name: "length",
  doc: "Characters of a text or JSON string, elements of a JSON array; missing for other JSON values.",
  usage: "length(text | json) → integer",
  example: "length(['a', 'b'])",
  exampleCall: { args: [{ type: JSONB, value: ["a", "b"] }], result: 2 },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("length", args, 1, "length(text) or length(json)");
    if (arity) return arity;
    const [t] = args;
    if (t.kind === "json") return ok(withNullable(INTEGER, true));
    if (!fitsText(t)) return wrongType("length", 0, "text or a JSON array or string", t, "convert it first: length(to_text(x))");
    return ok(withNullable(INTEGER, anyNullable(args)));
  },
  sql([x], [t]) {
    if (t.kind !== "json") return `length(${asText(x)})`;
    return bindArgs(
      [typed(x, t)],
      ([v]) => `CASE jsonb_typeof(${v}) WHEN 'array' THEN jsonb_array_length(${v}) WHEN 'string' THEN length(${v} #>> '{}') END`,
    );
  },
  js([x], [t]) {
    if (typeof x === "string") return [...textOf(x, t)].length;
    return Array.isArray(x) ? x.length : undefined;
  },
};
