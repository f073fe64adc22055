import { TEXT } from "../core/types.js";
import { textToText } from "./support/signature.js";
import { asText } from "./support/sql.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/** `upper(text)`: ASCII letters to upper case, other characters unchanged (see `lower` for why ASCII). */
export const upper: StdlibBuiltin = {
  name: "upper",
  doc: "The text with ASCII letters a–z in upper case; other characters unchanged.",
  usage: "upper(text) → text",
  example: "upper('Straße')",
  exampleCall: { args: [{ type: TEXT, value: "Straße" }], result: "STRAßE" },
  volatility: "immutable",
  signature: (args) => textToText("upper", args),
  sql: ([x]) => `upper(${asText(x)} COLLATE "C")`,
  js: ([x], [t]) => (x === undefined ? undefined : textOf(x as string, t).replace(/[a-z]+/g, (s) => s.toUpperCase())),
};
