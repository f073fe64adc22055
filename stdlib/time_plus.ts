import { scalar } from "../core/types.js";
import {
  addInterval,
  addIntervals,
  checkInterval,
  clockText,
  dateText,
  DateTimeError,
  FIRST_DAY,
  instantOf,
  instantText,
  intervalOf,
  intervalText,
  LAST_DATE_DAY,
  parseDate,
  timeOf,
  US_PER_DAY,
} from "./support/datetime.js";
import { checkArity } from "./support/signature.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { noOperator, nullOperand, operandKind, operandSql, timeResult, type OperandKind } from "./support/time-kinds.js";

/**
 * `+` on dates, times and intervals, with PostgreSQL's operators and result types: date + integer →
 * date, date + interval → timestamp, date + time → timestamp, timestamp + interval → timestamp,
 * timestamptz + interval → timestamptz, time + interval → time, interval + interval → interval
 * (each either way round). Months are added first, with the day clamped to the month's end
 * (`timestamp '2022-01-31' + interval '1 month'` is 2022-02-28), then days, then time; timestamptz
 * arithmetic runs in UTC, the time zone of kmig's sessions, where every day has 24 hours.
 * The checker calls it for `a + b` when either side is a date/time; it is not callable by name.
 */
export const time_plus: StdlibBuiltin = {
  name: "+",
  doc: "Adds days or an interval to a date, an interval to a timestamp, timestamptz or time, two intervals.",
  usage: "+(date, integer) → date",
  example: "+(date '2022-08-01', 3)",
  exampleCall: { args: [{ type: scalar("date"), value: "2022-08-01" }, { type: scalar("integer"), value: 3 }], result: "2022-08-04" },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("+", args, 2, "a + b");
    if (arity) return arity;
    const [a, b] = ordered(operandKind(args[0]), operandKind(args[1]));
    if (a === "wildcard" || b === "wildcard") return nullOperand("+", args);
    const result = PLUS[`${a} ${b}`];
    if (result) return timeResult(result, args);
    return noOperator("+", args, plusHelp(a, b));
  },
  sql: ([x, y], types) => `(${operandSql(x, operandKind(types[0]))} + ${operandSql(y, operandKind(types[1]))})`,
  js(args, types) {
    if (args[0] === undefined || args[1] === undefined) return undefined;
    const swap = ordered(operandKind(types[0]), operandKind(types[1]))[0] !== operandKind(types[0]);
    const [x, y] = swap ? [args[1], args[0]] : args;
    const [a, b] = ordered(operandKind(types[0]), operandKind(types[1]));
    return plus(x as string | number, a, y as string | number, b);
  },
};

/** Results of `a + b` with `a` the date/time operand (see `ordered`). */
const PLUS: Readonly<Record<string, "date" | "timestamp" | "timestamptz" | "time" | "interval">> = {
  "date integer": "date",
  "date interval": "timestamp",
  "date time": "timestamp",
  "timestamp interval": "timestamp",
  "timestamptz interval": "timestamptz",
  "time interval": "time",
  "interval interval": "interval",
};

const RANK: Readonly<Record<OperandKind, number>> = { date: 0, timestamp: 1, timestamptz: 1, time: 2, interval: 3, integer: 4, number: 4, other: 5, wildcard: 6 };

/** The operands with the one that moves first: `3 + d` is `d + 3`, `interval + timestamp` is `timestamp + interval`. */
function ordered(a: OperandKind, b: OperandKind): [OperandKind, OperandKind] {
  return RANK[b] < RANK[a] ? [b, a] : [a, b];
}

function plusHelp(a: OperandKind, b: OperandKind): string {
  if (a === "date" && b === "date") return "to count the days between two dates subtract them (`a - b`); to move a date, add days (`d + 3`) or an interval";
  if (a === "date" && b === "number") return "a date moves by whole days: add an integer (`d + to_int(n)`) or an interval (`d + interval '36 hours'`)";
  if ((a === "timestamp" || a === "timestamptz" || a === "time") && (b === "integer" || b === "number")) return "a number has no unit: add an interval, e.g. `x + interval '3 days'`";
  if (a === "interval" && (b === "integer" || b === "number")) return "a number has no unit: add an interval (`x + interval '3 days'`), or multiply one: `x * 3`";
  if ((a === "date" || a === "timestamp" || a === "timestamptz") && (b === "timestamp" || b === "timestamptz" || b === "date")) return "subtract them for the interval between them: `a - b`";
  return "PostgreSQL adds: date + integer, date + interval, timestamp or timestamptz + interval, time + interval, interval + interval";
}

function plus(x: string | number, a: OperandKind, y: string | number, b: OperandKind): string {
  switch (`${a} ${b}`) {
    case "date integer":
      return dateText(addDays(parseDate(x as string) as number, y as number));
    case "date time":
      return instantText(addInterval(instantOf(x as string, "date"), { months: 0, days: 0, micros: timeOf(y as string) }), false);
    case "time interval":
      return clockText(wrapDay(timeOf(x as string) + intervalOf(y as string).micros));
    case "interval interval":
      return intervalText(addIntervals(intervalOf(x as string), intervalOf(y as string)));
    default: {
      // date, timestamp or timestamptz + interval
      const t = addInterval(instantOf(x as string, a as "date"), checkInterval(intervalOf(y as string)));
      return instantText(t, a === "timestamptz");
    }
  }
}

/** date + integer (date_pli): infinity stays; outside PostgreSQL's dates an error, as there. */
export function addDays(day: number, n: number): number {
  if (!Number.isFinite(day)) return day;
  const r = day + n;
  if (r < FIRST_DAY || r > LAST_DATE_DAY) throw new DateTimeError("date out of range");
  return r;
}

/** A time of day plus microseconds, wrapped into one day (time_pl_interval). */
export function wrapDay(us: number): number {
  const r = us % US_PER_DAY;
  return r < 0 ? r + US_PER_DAY : r;
}
