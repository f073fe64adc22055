import { scalar } from "../core/types.js";
import { checkInterval, DateTimeError, intervalOf, intervalText } from "./support/datetime.js";
import { checkArity } from "./support/signature.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { noOperator, nullOperand, operandKind, operandSql, timeResult } from "./support/time-kinds.js";

/**
 * `interval * n` and `n * interval` for a whole number n (smallint or integer): every field
 * multiplied, as PostgreSQL's interval_mul does when no fraction arises. A fractional factor is not
 * offered: PostgreSQL spreads the fractions of months and days over 30-day months and 24-hour days
 * in floating point, which kmig does not reproduce; write the interval in smaller units instead.
 * Called by the checker for `a * b` when either side is a date/time.
 */
export const interval_times: StdlibBuiltin = {
  name: "*",
  doc: "An interval multiplied by a whole number: months, days and time each multiplied.",
  usage: "*(interval, integer) → interval",
  example: "*(interval '1 mon 2 days 03:00:00', 3)",
  exampleCall: { args: [{ type: scalar("interval"), value: "1 mon 2 days 03:00:00" }, { type: scalar("integer"), value: 3 }], result: "3 mons 6 days 09:00:00" },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("*", args, 2, "interval * n");
    if (arity) return arity;
    const [a, b] = args.map(operandKind);
    if (a === "wildcard" || b === "wildcard") return nullOperand("*", args);
    if ((a === "interval" && b === "integer") || (a === "integer" && b === "interval")) return timeResult("interval", args);
    if (a === "interval" || b === "interval") {
      const other = a === "interval" ? b : a;
      if (other === "number") return noOperator("*", args, "multiply by a whole number (smallint or integer); for a fraction write smaller units, e.g. interval '90 minutes' rather than interval '1 hour' * 1.5");
    }
    return noOperator("*", args, "of dates and times, only an interval multiplies, by a whole number: `interval '1 day' * 3`");
  },
  sql: ([x, y], types) => `(${operandSql(x, operandKind(types[0]))} * ${operandSql(y, operandKind(types[1]))})`,
  js([x, y], types) {
    if (x === undefined || y === undefined) return undefined;
    const [span, n] = operandKind(types[0]) === "interval" ? [x as string, y as number] : [y as string, x as number];
    const p = intervalOf(span);
    const micros = Math.round(p.micros * n);
    if (!Number.isSafeInteger(micros)) throw new DateTimeError("interval out of range");
    return intervalText(checkInterval({ months: p.months * n || 0, days: p.days * n || 0, micros: micros || 0 }));
  },
};
