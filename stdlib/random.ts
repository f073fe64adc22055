import { scalar } from "../core/types.js";
import { checkArity, ok } from "./support/signature.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";

/** `random()`: a new random number in [0, 1) per call (PostgreSQL's `random()`). */
export const random: StdlibBuiltin = {
  name: "random",
  doc: "A new random number from 0 (included) to 1 (excluded) per call.",
  usage: "random() → double precision",
  example: "random()",
  exampleCall: { args: [], result: undefined },
  volatility: "volatile",
  signature: (args) => checkArity("random", args, 0, "random()") ?? ok(scalar("double precision")),
  sql: () => "random()",
  js: () => Math.random(),
  defaultSql: "random()",
};
