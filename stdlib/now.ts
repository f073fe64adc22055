import { TIMESTAMPTZ } from "../core/types.js";
import { checkArity, ok } from "./support/signature.js";
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
  deterministic: false,
  signature: (args) => checkArity("now", args, 0, "now()") ?? ok(TIMESTAMPTZ),
  // An unset custom setting reads as NULL, one that was set and reset as '': both mean "not set".
  sql: () => `COALESCE(NULLIF(current_setting('kmig.run_at', true), '')::timestamptz, now())`,
  js: () => timestamptzText(runAt()),
};

function runAt(): Date {
  const pinned = process.env.KMIG_RUN_AT;
  const date = pinned ? new Date(pinned) : new Date();
  return Number.isNaN(date.getTime()) ? new Date() : date;
}

// A time as PostgreSQL prints a timestamptz in a UTC session: `2024-05-01 10:00:00.5+00`.
function timestamptzText(d: Date): string {
  const [date, time] = d.toISOString().replace("Z", "").split("T");
  const [seconds, millis] = time.split(".");
  const fraction = millis.replace(/0+$/, "");
  return `${date} ${seconds}${fraction ? `.${fraction}` : ""}+00`;
}
