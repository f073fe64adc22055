import { TIMESTAMPTZ } from "../core/types.js";
import { checkArity, ok } from "./support/signature.js";
import { RUN_AT_SQL, runAt, timestamptzText } from "./support/run-time.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";

/**
 * `now()`: the time of the run. The runtime sets `kmig.run_at` (SQL) and `KMIG_RUN_AT` (JavaScript)
 * so that every batch and every config file of one run sees the same time; without them, the
 * transaction's start time (SQL) or the current time (JavaScript).
 */
export const now: StdlibBuiltin = {
  name: "now",
  doc: "The time of the run: one value for all batches and files of a run.",
  usage: "now() → timestamptz",
  example: "now()",
  exampleCall: { args: [], result: undefined },
  volatility: "stable",
  signature: (args) => checkArity("now", args, 0, "now()") ?? ok(TIMESTAMPTZ),
  sql: () => RUN_AT_SQL,
  js: () => timestamptzText(runAt()),
  defaultSql: "now()",
};
