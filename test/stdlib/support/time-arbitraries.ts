import fc from "fast-check";
import { clockText, dateText, daysFromCivil, instantText, US_PER_DAY } from "../../../stdlib/support/datetime.js";
import { intervalText } from "../../../stdlib/support/interval-text.js";

/**
 * Date/time values for the agreement tests of the date/time operators: whole days from 1000 BC to
 * 9999 AD with month ends, leap days and BC dates over-represented, times with and without
 * microseconds, intervals with months, days and time of either sign. `finite` leaves out
 * ±infinity, on which PostgreSQL 15 raises errors for some operators (subtraction).
 */
const FROM = daysFromCivil(-999, 1, 1);
const TO = daysFromCivil(9999, 12, 31);
const MONTH_ENDS = ["2022-01-31", "2024-02-29", "2023-02-28", "2023-03-31", "2024-01-30", "2000-02-29", "1900-02-28", "0001-01-01", "0001-12-31 BC"];

const dayArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc.integer({ min: daysFromCivil(1999, 1, 1), max: daysFromCivil(2030, 12, 31) }),
  fc.constantFrom(...MONTH_ENDS.map((d) => dateDay(d))),
);

function dateDay(text: string): number {
  const [y, m, d] = text.slice(0, 10).split("-").map(Number);
  return daysFromCivil(text.endsWith("BC") ? 1 - y : y, m, d);
}

const microsOfDay: fc.Arbitrary<number> = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 86_399 }).map((s) => s * 1_000_000),
  fc.integer({ min: 0, max: US_PER_DAY - 1 }),
  fc.constant(US_PER_DAY - 1),
);

export const finiteDateArb: fc.Arbitrary<string> = dayArb.map(dateText);
export const dateArb: fc.Arbitrary<string> = fc.oneof({ weight: 9, arbitrary: finiteDateArb }, { weight: 1, arbitrary: fc.constantFrom("infinity", "-infinity") });

const instant = (zone: boolean): fc.Arbitrary<string> => fc.record({ day: dayArb, us: microsOfDay }).map((t) => instantText(t, zone));
export const finiteTimestampArb = instant(false);
export const finiteTimestamptzArb = instant(true);
const withInfinity = (a: fc.Arbitrary<string>): fc.Arbitrary<string> => fc.oneof({ weight: 9, arbitrary: a }, { weight: 1, arbitrary: fc.constantFrom("infinity", "-infinity") });
export const timestampArb = withInfinity(finiteTimestampArb);
export const timestamptzArb = withInfinity(finiteTimestamptzArb);

export const timeArb: fc.Arbitrary<string> = microsOfDay.map(clockText);

/** Intervals: each field of either sign, often zero; time up to ±100 days' worth of microseconds. */
export const intervalArb: fc.Arbitrary<string> = fc
  .record({
    months: fc.oneof(fc.constant(0), fc.integer({ min: -1200, max: 1200 }), fc.constantFrom(1, -1, 12)),
    days: fc.oneof(fc.constant(0), fc.integer({ min: -10_000, max: 10_000 }), fc.constantFrom(1, -1, 30, 31)),
    micros: fc.oneof(fc.constant(0), fc.integer({ min: -100 * US_PER_DAY, max: 100 * US_PER_DAY }), fc.constantFrom(1, -1, 3_600_000_000, -US_PER_DAY)),
  })
  .map(intervalText);

/** Days to add to a date: the range keeps every result a valid date. */
export const dayCountArb: fc.Arbitrary<number> = fc.oneof(fc.integer({ min: -400_000, max: 400_000 }), fc.constantFrom(0, 1, -1, 28, 29, 365, 366));
