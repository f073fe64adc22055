import { TIMESTAMPTZ } from "../core/types.js";
import { checkArity, ok } from "./support/signature.js";
import { RUN_AT_SQL, runAt, timestamptzText } from "./support/run-time.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";

/** `current_timestamp`: SQL's name for `now()`, written without parentheses. */
export const current_timestamp: StdlibBuiltin = {
  name: "current_timestamp",
  doc: "The time of the run, as now(); written without parentheses, as in SQL.",
  usage: "current_timestamp → timestamptz",
  example: "current_timestamp",
  exampleCall: { args: [], result: undefined },
  volatility: "stable",
  bare: true,
  signature: (args) => checkArity("current_timestamp", args, 0, "current_timestamp") ?? ok(TIMESTAMPTZ),
  sql: () => RUN_AT_SQL,
  js: () => timestamptzText(runAt()),
  defaultSql: "CURRENT_TIMESTAMP",
};
