/**
 * The time of the run, as `now()` and the other time functions read it: the runtime sets
 * `kmig.run_at` (SQL) and `KMIG_RUN_AT` (JavaScript) so that every batch and every config file of one
 * run sees the same time; without them, the transaction's start time (SQL) or the current time (JavaScript).
 */

/** SQL for the run's time as a timestamptz. An unset custom setting reads as NULL, one set and reset as '': both mean "not set". */
export const RUN_AT_SQL = `COALESCE(NULLIF(current_setting('kmig.run_at', true), '')::timestamptz, now())`;

/** The run's time in JavaScript. */
export function runAt(): Date {
  const pinned = process.env.KMIG_RUN_AT;
  const date = pinned ? new Date(pinned) : new Date();
  return Number.isNaN(date.getTime()) ? new Date() : date;
}

/** A time as PostgreSQL prints a timestamp in a UTC session: `2024-05-01 10:00:00.5`. */
export function timestampText(d: Date): string {
  const [date, time] = d.toISOString().replace("Z", "").split("T");
  const [seconds, millis] = time.split(".");
  const fraction = millis.replace(/0+$/, "");
  return `${date} ${seconds}${fraction ? `.${fraction}` : ""}`;
}

/** A time as PostgreSQL prints a timestamptz in a UTC session: `2024-05-01 10:00:00.5+00`. */
export function timestamptzText(d: Date): string {
  return `${timestampText(d)}+00`;
}
