import { TEXT, scalar } from "../core/types.js";
import { asText, bindArgs } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { chars, notNegativeSql, textFunction } from "./support/text-args.js";
import { textOf } from "./support/values.js";

/**
 * `substr(text, from [, count])`: PostgreSQL's substr over characters (code points), positions from 1:
 * the characters at positions `from` to `from + count - 1` that exist, so a start before 1 shortens
 * the result (`substr('hello', 0, 2)` is `'h'`) and one past the end gives ''. A negative count is
 * taken as 0 ('' rather than PostgreSQL's error), so that no value stops a run.
 */
export const substr: StdlibBuiltin = {
  name: "substr",
  doc: "The characters from a position (the first is 1), all or a number of them; a negative count gives ''.",
  usage: "substr(text, integer, integer?) → text",
  example: "substr('2022-08-01', 6, 2)",
  exampleCall: { args: [{ type: TEXT, value: "2022-08-01" }, { type: scalar("integer"), value: 6 }, { type: scalar("integer"), value: 2 }], result: "08" },
  volatility: "immutable",
  signature: (args) => textFunction("substr", args, ["text", "integer", "integer"], 2, "substr(text, from) or substr(text, from, count)"),
  sql: ([s, from, count]) => (count === undefined ? `substr(${asText(s)}, ${from})` : bindArgs([count], ([n]) => `substr(${asText(s)}, ${from}, ${notNegativeSql(n)})`)),
  js([s, from, count], types) {
    if (s === undefined || from === undefined || (types.length > 2 && count === undefined)) return undefined;
    const text = chars(textOf(s as string, types[0]));
    const start = from as number;
    const end = types.length > 2 ? start + Math.max(count as number, 0) : Infinity;
    return text.slice(Math.max(start, 1) - 1, Math.max(Math.min(end, text.length + 1) - 1, 0)).join("");
  },
};
