import { TEXT, scalar } from "../core/types.js";
import { asText, bindArgs } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textFunction } from "./support/text-args.js";
import { textOf } from "./support/values.js";

/**
 * `split_part(text, delimiter, n)`: PostgreSQL's split_part for n ≥ 1: the n-th field of the text
 * split at each delimiter (left to right, not overlapping), '' past the last field, the whole text as
 * field 1 of an empty delimiter, '' for an empty text. For n ≤ 0 it gives '': PostgreSQL 13 refuses
 * those, 14 and later count negative n from the end and refuse 0, so no one answer holds on every
 * version kmig supports.
 */
export const split_part: StdlibBuiltin = {
  name: "split_part",
  doc: "The n-th field (from 1) of a text split at a delimiter; '' past the last field or for n ≤ 0.",
  usage: "split_part(text, text, integer) → text",
  example: "split_part('gpt-4-turbo', '-', 2)",
  exampleCall: { args: [{ type: TEXT, value: "gpt-4-turbo" }, { type: TEXT, value: "-" }, { type: scalar("integer"), value: 2 }], result: "4" },
  volatility: "immutable",
  signature: (args) => textFunction("split_part", args, ["text", "text", "integer"], 3, "split_part(text, delimiter, n)"),
  sql: ([s, d, n]) =>
    bindArgs([asText(s), asText(d), n], ([text, delimiter, field]) => `(CASE WHEN ${field} >= 1 THEN split_part(${text} COLLATE "C", ${delimiter}, ${field}) WHEN ${text} IS NOT NULL AND ${delimiter} IS NOT NULL AND ${field} IS NOT NULL THEN '' END)`),
  js([s, d, n], types) {
    if (s === undefined || d === undefined || n === undefined) return undefined;
    const text = textOf(s as string, types[0]);
    const delimiter = textOf(d as string, types[1]);
    const field = n as number;
    if (field < 1 || text === "") return "";
    if (delimiter === "") return field === 1 ? text : "";
    return text.split(delimiter)[field - 1] ?? "";
  },
};
