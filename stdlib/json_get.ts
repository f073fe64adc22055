import { INTEGERS, JSONB, TEXT, withNullable, type Type } from "../core/types.js";
import { checkArity, fitsJson, fitsText, ok, wrongType } from "./support/signature.js";
import { asText, bindArgs, typed } from "./support/sql.js";
import { isJsonObject, ownValue } from "./support/json-text.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/**
 * `json_get(x, key)`: an object's value under a text key, or an array's element at an integer index
 * (negative counts from the end, as PostgreSQL's `->`); missing when there is none.
 */
export const json_get: StdlibBuiltin = {
  name: "json_get",
  doc: "The value under a text key of an object, or at an integer index of an array (negative from the end); else missing.",
  usage: "json_get(json, text | integer) → json",
  example: "json_get({ tags: ['a'] }, 'tags')",
  exampleCall: {
    args: [
      { type: JSONB, value: { tags: ["a"] } },
      { type: TEXT, value: "tags" },
    ],
    result: ["a"],
  },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("json_get", args, 2, "json_get(json, key)");
    if (arity) return arity;
    const [x, key] = args;
    if (!fitsJson(x)) return wrongType("json_get", 0, "JSON as its first argument", x, "convert it first: json_get(to_json(x), key)");
    if (!fitsText(key) && !isIndex(key)) {
      return wrongType("json_get", 1, "a text key or an integer index", key, "a key is text (`'name'`), an index smallint or integer");
    }
    return ok(withNullable(JSONB, true));
  },
  sql([x, key], [, keyType]) {
    if (!isIndex(keyType)) return `(${typed(x, JSONB)} -> ${asText(key)})`;
    // `->` with an integer reads a scalar as a one-element array ('5' -> 0 is 5): only arrays have elements.
    return bindArgs([typed(x, JSONB)], ([v]) => `CASE WHEN jsonb_typeof(${v}) = 'array' THEN ${v} -> (${key})::integer END`);
  },
  js([x, key], [, keyType]) {
    if (x === undefined || key === undefined) return undefined;
    if (isIndex(keyType)) return Array.isArray(x) ? elementAt(x, key as number) : undefined;
    return isJsonObject(x) ? ownValue(x, textOf(key as string, keyType)) : undefined;
  },
};

function isIndex(t: Type): boolean {
  return t.kind === "scalar" && INTEGERS.has(t.name) && t.name !== "bigint";
}

function elementAt(a: readonly unknown[], i: number): unknown {
  const at = i < 0 ? a.length + i : i;
  return at >= 0 && at < a.length ? a[at] : undefined;
}
