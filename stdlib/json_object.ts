import { INTEGER, JSONB, TEXT, isNullable } from "../core/types.js";
import { MAX_SQL_ARGS, fitsText, ok, wrongArity, wrongType } from "./support/signature.js";
import { asJsonb, asText } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { jsonOf, textOf } from "./support/values.js";

const USAGE = "json_object('key', value, …)";

/**
 * `json_object(k1, v1, k2, v2, …)`: a JSON object; values converted to JSON (`to_json`), missing ones
 * become null; a repeated key keeps its last value. Keys must be text that is never missing
 * (PostgreSQL's `jsonb_build_object` fails on a NULL key, so the type check rules it out).
 */
export const json_object: StdlibBuiltin = {
  name: "json_object",
  doc: "A JSON object from key/value pairs; values converted to JSON, missing values become null, the last of a repeated key wins.",
  usage: "json_object(text, any, …) → json",
  example: "json_object('retries', 3, 'mode', 'fast')",
  exampleCall: {
    args: [
      { type: TEXT, value: "retries" },
      { type: INTEGER, value: 3 },
      { type: TEXT, value: "mode" },
      { type: TEXT, value: "fast" },
    ],
    result: { retries: 3, mode: "fast" },
  },
  volatility: "immutable",
  signature(args) {
    if (args.length % 2 !== 0) return wrongArity("json_object", "pairs of a key and a value", args.length, USAGE, args.length - 1);
    if (args.length > MAX_SQL_ARGS) return wrongArity("json_object", `at most ${MAX_SQL_ARGS / 2} pairs`, args.length, USAGE, MAX_SQL_ARGS);
    for (let i = 0; i < args.length; i += 2) {
      const key = args[i];
      if (key.kind === "error") continue;
      if (!fitsText(key)) return wrongType("json_object", i, "text keys", key, "convert it first: to_text(key)");
      if (isNullable(key)) return wrongType("json_object", i, "keys that are never missing", key, "give it a default: key ?? 'unknown'");
    }
    return ok(JSONB);
  },
  sql: (args, types) => `jsonb_build_object(${args.map((a, i) => (i % 2 === 0 ? asText(a) : asJsonb(a, types[i]))).join(", ")})`,
  js(args, types) {
    const entries: [string, unknown][] = [];
    for (let i = 0; i + 1 < args.length; i += 2) {
      entries.push([textOf(args[i] as string, types[i]), jsonOf(args[i + 1], types[i + 1]) ?? null]);
    }
    // fromEntries defines own properties, so a key like "__proto__" is a key, not a prototype.
    return Object.fromEntries(entries);
  },
};
