import { TEXT } from "../core/types.js";
import { textToText } from "./support/signature.js";
import { asText } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/** `trim(text)`: leading and trailing spaces removed (spaces only, like PostgreSQL's `btrim` default). */
export const trim: StdlibBuiltin = {
  name: "trim",
  doc: "The text without leading and trailing spaces (U+0020 only; tabs and newlines stay).",
  usage: "trim(text) → text",
  example: "trim('  running ')",
  exampleCall: { args: [{ type: TEXT, value: "  running " }], result: "running" },
  volatility: "immutable",
  signature: (args) => textToText("trim", args),
  sql: ([x]) => `btrim(${asText(x)})`,
  js: ([x], [t]) => (x === undefined ? undefined : textOf(x as string, t).replace(/^ +| +$/g, "")),
};
