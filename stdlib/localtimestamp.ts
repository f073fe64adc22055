import { scalar } from "../core/types.js";
import { checkArity, ok } from "./support/signature.js";
import { RUN_AT_SQL, runAt, timestampText } from "./support/run-time.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";

/** `localtimestamp`: the time of the run as a timestamp without time zone (UTC), written without parentheses. */
export const localtimestamp: StdlibBuiltin = {
  name: "localtimestamp",
  doc: "The time of the run as a timestamp without time zone (UTC); written without parentheses, as in SQL.",
  usage: "localtimestamp → timestamp",
  example: "localtimestamp",
  exampleCall: { args: [], result: undefined },
  volatility: "stable",
  bare: true,
  signature: (args) => checkArity("localtimestamp", args, 0, "localtimestamp") ?? ok(scalar("timestamp")),
  sql: () => `(${RUN_AT_SQL})::timestamp`,
  js: () => timestampText(runAt()),
  defaultSql: "LOCALTIMESTAMP",
};
