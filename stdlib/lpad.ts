import { TEXT, scalar } from "../core/types.js";
import { asText, bindArgs } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textFunction } from "./support/text-args.js";
import { padLengthSql, padText } from "./rpad.js";

/**
 * `lpad(text, length [, fill])`: PostgreSQL's lpad, counting characters (code points): the text
 * cut to `length`, or filled on the left with `fill` (a space by default) repeated and cut; an empty
 * fill pads nothing, a length ≤ 0 gives ''. Lengths above ten million count as ten million, so that
 * no run stops on memory (PostgreSQL refuses lengths above about 268 million).
 */
export const lpad: StdlibBuiltin = {
  name: "lpad",
  doc: "The text filled on the left to a number of characters with a fill text (a space by default), or cut to it.",
  usage: "lpad(text, integer, text?) → text",
  example: "lpad('7', 3, '0')",
  exampleCall: { args: [{ type: TEXT, value: "7" }, { type: scalar("integer"), value: 3 }, { type: TEXT, value: "0" }], result: "007" },
  volatility: "immutable",
  signature: (args) => textFunction("lpad", args, ["text", "integer", "text"], 2, "lpad(text, length) or lpad(text, length, fill)"),
  sql: ([s, n, fill]) => bindArgs([n], ([len]) => `lpad(${asText(s)}, ${padLengthSql(len)}${fill === undefined ? "" : `, ${asText(fill)}`})`),
  js: ([s, n, fill], types) => padText(s, n, fill, types, "left"),
};


