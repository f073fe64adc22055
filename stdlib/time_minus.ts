import { scalar } from "../core/types.js";
import { addDays, wrapDay } from "./time_plus.js";
import {
  addInterval,
  addIntervals,
  checkInterval,
  clockText,
  dateText,
  DateTimeError,
  instantDifference,
  instantOf,
  instantText,
  intervalOf,
  intervalText,
  negateInterval,
  parseDate,
  timeOf,
} from "./support/datetime.js";
import { checkArity } from "./support/signature.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { noOperator, nullOperand, operandKind, operandSql, timeResult, type OperandKind } from "./support/time-kinds.js";

/**
 * `-` on dates, times and intervals, with PostgreSQL's operators and result types: date - integer →
 * date, date - date → integer (days), date - interval → timestamp, timestamp - interval →
 * timestamp, timestamptz - interval → timestamptz, time - interval → time, time - time → interval,
 * interval - interval → interval, and the interval between two of date, timestamp and timestamptz
 * (days and time of day, as PostgreSQL's timestamp_mi gives it: `1 day 12:00:00`, never months).
 * In UTC, kmig's session time zone, as `+`. Called by the checker for `a - b` on dates and times.
 */
export const time_minus: StdlibBuiltin = {
  name: "-",
  doc: "Subtracts days or an interval from a date, an interval from a timestamp or time; the days or interval between two dates or times.",
  usage: "-(date, date) → integer",
  example: "-(date '2022-08-10', date '2022-08-01')",
  exampleCall: { args: [{ type: scalar("date"), value: "2022-08-10" }, { type: scalar("date"), value: "2022-08-01" }], result: 9 },
  volatility: "immutable",
  signature(args) {
    const arity = checkArity("-", args, 2, "a - b");
    if (arity) return arity;
    const a = operandKind(args[0]);
    const b = operandKind(args[1]);
    if (a === "wildcard" || b === "wildcard") return nullOperand("-", args);
    const result = MINUS[`${a} ${b}`] ?? (INSTANTS.has(a) && INSTANTS.has(b) ? "interval" : undefined);
    if (result) return timeResult(result, args);
    return noOperator("-", args, minusHelp(a, b));
  },
  sql: ([x, y], types) => `(${operandSql(x, operandKind(types[0]))} - ${operandSql(y, operandKind(types[1]))})`,
  js([x, y], types) {
    if (x === undefined || y === undefined) return undefined;
    return minus(x as string, operandKind(types[0]), y as string | number, operandKind(types[1]));
  },
};

const INSTANTS: ReadonlySet<OperandKind> = new Set(["date", "timestamp", "timestamptz"]);

const MINUS: Readonly<Record<string, "date" | "integer" | "timestamp" | "timestamptz" | "time" | "interval">> = {
  "date integer": "date",
  "date date": "integer",
  "date interval": "timestamp",
  "timestamp interval": "timestamp",
  "timestamptz interval": "timestamptz",
  "time interval": "time",
  "time time": "interval",
  "interval interval": "interval",
};

function minusHelp(a: OperandKind, b: OperandKind): string {
  if ((a === "integer" || a === "number") && INSTANTS.has(b)) return "subtract the days from the date: `d - n`";
  if (a === "interval" && (INSTANTS.has(b) || b === "time")) return "subtract the interval from it: `x - interval '3 days'`";
  if (a === "date" && b === "number") return "a date moves by whole days: subtract an integer (`d - to_int(n)`) or an interval";
  if ((a === "timestamp" || a === "timestamptz" || a === "time") && (b === "integer" || b === "number")) return "a number has no unit: subtract an interval, e.g. `x - interval '3 days'`";
  if (a === "interval" && (b === "integer" || b === "number")) return "a number has no unit: subtract an interval, e.g. `x - interval '3 days'`";
  return "PostgreSQL subtracts: date - integer, date - date, date/timestamp/timestamptz - interval, the interval between two timestamps, time - interval, time - time, interval - interval";
}

function minus(x: string, a: OperandKind, y: string | number, b: OperandKind): string | number {
  switch (`${a} ${b}`) {
    case "date integer":
      return dateText(addDays(parseDate(x) as number, -(y as number)));
    case "date date": {
      const d1 = parseDate(x) as number;
      const d2 = parseDate(y as string) as number;
      if (!Number.isFinite(d1) || !Number.isFinite(d2)) throw new DateTimeError("cannot subtract infinite dates");
      return d1 - d2;
    }
    case "time interval":
      return clockText(wrapDay(timeOf(x) - intervalOf(y as string).micros));
    case "time time":
      return intervalText({ months: 0, days: 0, micros: timeOf(x) - timeOf(y as string) || 0 });
    case "interval interval":
      return intervalText(addIntervals(intervalOf(x), negateInterval(intervalOf(y as string))));
    case "date interval":
    case "timestamp interval":
    case "timestamptz interval":
      return instantText(addInterval(instantOf(x, a as "date"), negateInterval(checkInterval(intervalOf(y as string)))), a === "timestamptz");
    default:
      return intervalText(instantDifference(instantOf(x, a as "date"), instantOf(y as string, b as "date")));
  }
}
