import { TEXT, withNullable } from "../core/types.js";
import { MAX_SQL_ARGS, fitsText, ok, wrongArity, wrongType } from "./support/signature.js";
import { asText } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/** `concat(a, b, …)`: the texts joined; missing ones are skipped (PostgreSQL's `concat`), so never missing. */
export const concat: StdlibBuiltin = {
  name: "concat",
  doc: "The texts joined in order; missing arguments are skipped, so the result is never missing.",
  usage: "concat(text, …) → text",
  example: "concat('agent-', name)",
  exampleCall: {
    args: [
      { type: TEXT, value: "agent-" },
      { type: withNullable(TEXT, true), value: undefined },
    ],
    result: "agent-",
  },
  volatility: "immutable",
  signature(args) {
    if (args.length === 0) return wrongArity("concat", "at least 1 argument", 0, "concat(text, …)");
    if (args.length > MAX_SQL_ARGS) {
      return wrongArity("concat", `at most ${MAX_SQL_ARGS} arguments`, args.length, "nested concat(…) calls", MAX_SQL_ARGS);
    }
    const bad = args.findIndex((t) => !fitsText(t));
    if (bad >= 0) return wrongType("concat", bad, "text", args[bad], "convert it first: to_text(x)");
    return ok(TEXT);
  },
  sql: (args) => `concat(${args.map(asText).join(", ")})`,
  js: (args, types) => args.flatMap((v, i) => (v === undefined ? [] : [textOf(v as string, types[i])])).join(""),
};
