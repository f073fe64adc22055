import { TEXT } from "../core/types.js";
import { asText } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textFunction } from "./support/text-args.js";
import { textOf } from "./support/values.js";

/**
 * `replace(text, from, to)`: PostgreSQL's replace: every occurrence of `from`, left to right and not
 * overlapping (`replace('aaa', 'aa', 'b')` is `'ba'`), by `to`; an empty `from` changes nothing.
 * Compared as characters ("C" collation), as everywhere in kmig.
 */
export const replace: StdlibBuiltin = {
  name: "replace",
  doc: "The text with every occurrence of a text, left to right and not overlapping, replaced by another.",
  usage: "replace(text, text, text) → text",
  example: "replace('a-b-c', '-', '/')",
  exampleCall: { args: [{ type: TEXT, value: "a-b-c" }, { type: TEXT, value: "-" }, { type: TEXT, value: "/" }], result: "a/b/c" },
  volatility: "immutable",
  signature: (args) => textFunction("replace", args, ["text", "text", "text"], 3, "replace(text, from, to)"),
  sql: ([s, from, to]) => `replace(${asText(s)} COLLATE "C", ${asText(from)}, ${asText(to)})`,
  js([s, from, to], types) {
    if (s === undefined || from === undefined || to === undefined) return undefined;
    const text = textOf(s as string, types[0]);
    const what = textOf(from as string, types[1]);
    return what === "" ? text : text.split(what).join(textOf(to as string, types[2]));
  },
};
