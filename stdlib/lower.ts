import { TEXT } from "../core/types.js";
import { textToText } from "./support/signature.js";
import { asText } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/**
 * `lower(text)`: ASCII letters to lower case. Other letters stay as they are: PostgreSQL's case mapping
 * depends on the server's locale (and `"C"` maps ASCII only), so ASCII is what every server and
 * JavaScript agree on.
 */
export const lower: StdlibBuiltin = {
  name: "lower",
  doc: "The text with ASCII letters A–Z in lower case; other characters unchanged.",
  usage: "lower(text) → text",
  example: "lower('Ada@Example.COM')",
  exampleCall: { args: [{ type: TEXT, value: "Ada@Example.COM" }], result: "ada@example.com" },
  volatility: "immutable",
  signature: (args) => textToText("lower", args),
  sql: ([x]) => `lower(${asText(x)} COLLATE "C")`,
  js: ([x], [t]) => (x === undefined ? undefined : textOf(x as string, t).replace(/[A-Z]+/g, (s) => s.toLowerCase())),
};
