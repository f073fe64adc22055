import { randomUUID } from "node:crypto";
import { UUID } from "../core/types.js";
import { checkArity, ok } from "./support/signature.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";

/** `gen_random_uuid()`: a new random (version 4) UUID per call. */
export const gen_random_uuid: StdlibBuiltin = {
  name: "gen_random_uuid",
  doc: "A new random UUID (version 4), different on every call.",
  usage: "gen_random_uuid() → uuid",
  example: "gen_random_uuid()",
  exampleCall: { args: [], result: undefined },
  volatility: "volatile",
  signature: (args) => checkArity("gen_random_uuid", args, 0, "gen_random_uuid()") ?? ok(UUID),
  sql: () => "gen_random_uuid()",
  js: () => randomUUID(),
  defaultSql: "gen_random_uuid()",
};
