import { BOOLEAN, JSONB, TEXT } from "../core/types.js";
import { checkArity, fitsJson, fitsText, ok, wrongType } from "./support/signature.js";
import { asText, typed } from "./support/sql.js";
import { isJsonObject } from "./support/json-text.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/** `has_key(x, key)`: whether an object has the key, even with a null value; false for anything else. */
export const has_key: StdlibBuiltin = {
  name: "has_key",
  doc: "True when x is an object with the key (even if its value is null); false otherwise, never missing.",
  usage: "has_key(json, text) → boolean",
  example: "has_key({ tags: null }, 'tags')",
  exampleCall: {
    args: [
      { type: JSONB, value: { tags: null } },
      { type: TEXT, value: "tags" },
    ],
    result: true,
  },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("has_key", args, 2, "has_key(json, key)");
    if (arity) return arity;
    const [x, key] = args;
    if (!fitsJson(x)) return wrongType("has_key", 0, "JSON as its first argument", x, "convert it first: has_key(to_json(x), key)");
    if (!fitsText(key)) return wrongType("has_key", 1, "a text key", key, "convert it first: has_key(x, to_text(key))");
    return ok(BOOLEAN);
  },
  // `->` with a text key finds only object keys (SQL NULL otherwise) and gives 'null' for a JSON null:
  // unlike `?`, which also matches the strings of an array.
  sql: ([x, key]) => `((${typed(x, JSONB)} -> ${asText(key)}) IS NOT NULL)`,
  js: ([x, key], [, keyType]) => isJsonObject(x) && key !== undefined && Object.hasOwn(x, textOf(key as string, keyType)),
};
