import { JSONB } from "../core/types.js";
import { checkArity, fitsJson, ok, wrongType } from "./support/signature.js";
import { bindArgs, typed } from "./support/sql.js";
import { isJsonObject } from "./support/json-text.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";

/** `merge(a, b)`: the keys of both objects, b's value winning; anything but an object counts as `{}`. */
export const merge: StdlibBuiltin = {
  name: "merge",
  doc: "A shallow merge of two objects, b winning on shared keys; non-objects (and missing) count as {}.",
  usage: "merge(json, json) → json",
  example: "merge({ a: 1, b: 2 }, { b: 3 })",
  exampleCall: {
    args: [
      { type: JSONB, value: { a: 1, b: 2 } },
      { type: JSONB, value: { b: 3 } },
    ],
    result: { a: 1, b: 3 },
  },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("merge", args, 2, "merge(a, b)");
    if (arity) return arity;
    const bad = args.findIndex((t) => !fitsJson(t));
    if (bad >= 0) return wrongType("merge", bad, "JSON objects", args[bad], "build an object first: json_object('key', x)");
    return ok(JSONB);
  },
  sql: ([a, b]) =>
    bindArgs([typed(a, JSONB), typed(b, JSONB)], (refs) =>
      refs.map((v) => `(CASE WHEN jsonb_typeof(${v}) = 'object' THEN ${v} ELSE '{}'::jsonb END)`).join(" || "),
    ),
  js: ([a, b]) => Object.fromEntries([...entriesOf(a), ...entriesOf(b)]),
};

function entriesOf(v: unknown): [string, unknown][] {
  return isJsonObject(v) ? Object.entries(v) : [];
}
