import { BOOLEAN, INTEGER, JSONB, TEXT } from "../core/types.js";
import { MAX_SQL_ARGS, ok, wrongArity } from "./support/signature.js";
import { asJsonb } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { jsonOf } from "./support/values.js";

/** `json_array(v, …)`: a JSON array of the values converted to JSON (`to_json`); missing becomes null. */
export const json_array: StdlibBuiltin = {
  name: "json_array",
  doc: "A JSON array of the arguments converted to JSON; a missing argument becomes null.",
  usage: "json_array(any, …) → json",
  example: "json_array('a', 1, true)",
  exampleCall: {
    args: [
      { type: TEXT, value: "a" },
      { type: INTEGER, value: 1 },
      { type: BOOLEAN, value: true },
    ],
    result: ["a", 1, true],
  },
  volatility: "immutable",
  signature: (args) =>
    args.length > MAX_SQL_ARGS
      ? wrongArity("json_array", `at most ${MAX_SQL_ARGS} arguments`, args.length, "json_array(v, …) or a list `[v, …]`", MAX_SQL_ARGS)
      : ok(JSONB),
  sql: (args, types) => `jsonb_build_array(${args.map((a, i) => asJsonb(a, types[i])).join(", ")})`,
  js: (args, types) => args.map((v, i) => jsonOf(v, types[i]) ?? null),
};
