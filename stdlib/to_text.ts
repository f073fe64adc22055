import { JSONB, TEXT, withNullable, type Type } from "../core/types.js";
import { anyNullable, checkArity, ok, wrongType } from "./support/signature.js";
import { asText, typed } from "./support/sql.js";
import { jsonText, type Json } from "./support/json-text.js";
import { float4Text, float8Text } from "./support/float-text.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/**
 * `to_text(x)`: a JSON string's content, any other JSON value's jsonb text (`{"a": 1}`), JSON null
 * as missing; a scalar's text as PostgreSQL's cast to text writes it (booleans `true`/`false`).
 */
export const to_text: StdlibBuiltin = {
  name: "to_text",
  doc: 'A JSON string\'s content, other JSON as its text ({"a": 1}), JSON null as missing; scalars as their text.',
  usage: "to_text(json | scalar) → text",
  example: "to_text(json_get(config, 'model'))",
  exampleCall: { args: [{ type: withNullable(JSONB, true), value: "gpt-4" }], result: "gpt-4" },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("to_text", args, 1, "to_text(x)");
    if (arity) return arity;
    const [t] = args;
    if (t.kind === "array") return wrongType("to_text", 0, "JSON or a scalar", t, "convert the array to JSON first: to_text(to_json(x))");
    return ok(withNullable(TEXT, t.kind === "json" || anyNullable(args)));
  },
  sql([x], [t]) {
    if (t.kind === "json") return `(${typed(x, t)} #>> '{}')`;
    // inet's cast to text always adds the netmask (`/32`); abbrev gives what inet's output prints.
    if (t.kind === "scalar" && t.name === "inet") return `abbrev(${typed(x, t)})`;
    return asText(x);
  },
  js: ([x], [t]) => (x === undefined ? undefined : textOfValue(x, t)),
};

function textOfValue(v: unknown, t: Type): string | undefined {
  if (t.kind === "json") return typeof v === "string" ? v : v === null ? undefined : jsonText(v as Json);
  if (t.kind === "enum" || t.kind === "opaque") return v as string;
  if (t.kind !== "scalar") return undefined;
  switch (t.name) {
    case "real":
      return float4Text(v as number);
    case "double precision":
      return float8Text(v as number);
    case "smallint":
    case "integer":
    case "boolean":
      return String(v);
    default:
      return textOf(v as string, t);
  }
}
