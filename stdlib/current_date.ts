import { scalar } from "../core/types.js";
import { checkArity, ok } from "./support/signature.js";
import { RUN_AT_SQL, runAt } from "./support/run-time.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";

/** `current_date`: the date of the run (in UTC, the session's time zone), written without parentheses. */
export const current_date: StdlibBuiltin = {
  name: "current_date",
  doc: "The date of the run (UTC); written without parentheses, as in SQL.",
  usage: "current_date → date",
  example: "current_date",
  exampleCall: { args: [], result: undefined },
  volatility: "stable",
  bare: true,
  signature: (args) => checkArity("current_date", args, 0, "current_date") ?? ok(scalar("date")),
  sql: () => `(${RUN_AT_SQL})::date`,
  js: () => runAt().toISOString().slice(0, 10),
  defaultSql: "CURRENT_DATE",
};
