import { intervalText, parseInterval, type IntervalParts } from "./interval-text.js";

/**
 * Dates, times and timestamps of the JavaScript value model (PostgreSQL's text output in a UTC
 * session with `DateStyle = ISO`), read into numbers and written back, and PostgreSQL's date/time
 * arithmetic on them (timestamp.c, date.c): the proleptic Gregorian calendar, years before 1 AD
 * written `… BC`, `infinity` and `-infinity`, months added with the day clamped to the month's end.
 * Every computation keeps whole days and microseconds of the day apart, so it is exact over
 * PostgreSQL's whole range (4713 BC to 294276 AD), far beyond 2⁵³ microseconds.
 */

export const US_PER_SECOND = 1_000_000;
export const US_PER_DAY = 86_400 * US_PER_SECOND;

/** A point in time: days since 1970-01-01 and microseconds into that day; `day` is ±Infinity for ±infinity. */
export interface Instant {
  readonly day: number;
  readonly us: number;
}

/** Raised where PostgreSQL raises an error (a result out of range, infinite operands): the message is PostgreSQL's. */
export class DateTimeError extends RangeError {}

/** Days since 1970-01-01 of a date of the proleptic Gregorian calendar (astronomical years: 1 BC is 0). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The calendar date of a day number (astronomical year). */
export function civilFromDays(days: number): { year: number; month: number; day: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp + (mp < 10 ? 3 : -9);
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day: doy - Math.floor((153 * mp + 2) / 5) + 1 };
}

export const isLeap = (y: number): boolean => y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
export const daysInMonth = (y: number, m: number): number => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]);

/** The first day of PostgreSQL's range (Julian day 0, 4714-11-24 BC) and the last date, the end of timestamps (exclusive). */
export const FIRST_DAY = daysFromCivil(-4713, 11, 24);
export const LAST_DATE_DAY = daysFromCivil(5874897, 12, 31);
export const TIMESTAMP_END_DAY = daysFromCivil(294277, 1, 1);

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `2024-05-01`, `0044-03-15 BC` (the `BC` written by the caller, after any time). */
function datePart(day: number): { text: string; bc: boolean } {
  const { year, month, day: d } = civilFromDays(day);
  const bc = year <= 0;
  return { text: `${pad(bc ? 1 - year : year, 4)}-${pad(month)}-${pad(d)}`, bc };
}

/** `10:00:00`, `10:00:00.5`. */
export function clockText(us: number): string {
  const seconds = Math.floor(us / US_PER_SECOND);
  const fraction = us % US_PER_SECOND;
  const frac = fraction === 0 ? "" : `.${pad(fraction, 6).replace(/0+$/, "")}`;
  return `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}${frac}`;
}

/** A date as PostgreSQL prints it. */
export function dateText(day: number): string {
  if (day === Infinity) return "infinity";
  if (day === -Infinity) return "-infinity";
  const { text, bc } = datePart(day);
  return bc ? `${text} BC` : text;
}

/** A timestamp (`zone`: a timestamptz, printed in UTC) as PostgreSQL prints it. */
export function instantText(t: Instant, zone: boolean): string {
  if (!Number.isFinite(t.day)) return t.day > 0 ? "infinity" : "-infinity";
  const { text, bc } = datePart(t.day);
  return `${text} ${clockText(t.us)}${zone ? "+00" : ""}${bc ? " BC" : ""}`;
}

const DATE = /^(\d{4,})-(\d\d)-(\d\d)/;
const CLOCK = /^(\d\d):(\d\d):(\d\d)(?:\.(\d{1,6}))?/;

/** Microseconds of `hh:mm:ss.ffffff` (groups of CLOCK). */
function clockMicros(m: RegExpExecArray): number {
  const fraction = Number((m[4] ?? "").padEnd(6, "0"));
  return ((Number(m[1]) * 60 + Number(m[2])) * 60 + Number(m[3])) * US_PER_SECOND + fraction;
}

function yearOf(digits: string, bc: boolean): number {
  return bc ? 1 - Number(digits) : Number(digits);
}

/** Reads a date of the value model; null if it is not one. */
export function parseDate(s: string): number | null {
  if (s === "infinity") return Infinity;
  if (s === "-infinity") return -Infinity;
  const m = /^(\d{4,})-(\d\d)-(\d\d)( BC)?$/.exec(s);
  return m ? daysFromCivil(yearOf(m[1], m[4] !== undefined), Number(m[2]), Number(m[3])) : null;
}

/** Reads a timestamp or timestamptz of the value model (any whole-hour or hour:minute offset); null if it is not one. */
export function parseInstant(s: string): Instant | null {
  if (s === "infinity") return { day: Infinity, us: 0 };
  if (s === "-infinity") return { day: -Infinity, us: 0 };
  const d = DATE.exec(s);
  if (!d || s[d[0].length] !== " ") return null;
  const rest = s.slice(d[0].length + 1);
  const c = CLOCK.exec(rest);
  if (!c) return null;
  const tail = /^(?:([+-])(\d\d)(?::(\d\d))?)?( BC)?$/.exec(rest.slice(c[0].length));
  if (!tail) return null;
  const offset = tail[1] ? (tail[1] === "-" ? -1 : 1) * (Number(tail[2]) * 60 + Number(tail[3] ?? 0)) * 60 * US_PER_SECOND : 0;
  return normalize(daysFromCivil(yearOf(d[1], tail[4] !== undefined), Number(d[2]), Number(d[3])), clockMicros(c) - offset);
}

/** Reads a time of day of the value model into microseconds; null if it is not one. */
export function parseTime(s: string): number | null {
  const c = CLOCK.exec(s);
  return c && c[0].length === s.length ? clockMicros(c) : null;
}

/** `day` and `us` with `us` carried into whole days. */
function normalize(day: number, us: number): Instant {
  const carry = Math.floor(us / US_PER_DAY);
  return { day: day + carry, us: us - carry * US_PER_DAY };
}

function checkTimestamp(t: Instant): Instant {
  if (Number.isFinite(t.day) && (t.day < FIRST_DAY || t.day >= TIMESTAMP_END_DAY)) throw new DateTimeError("timestamp out of range");
  return t;
}

/** `timestamp + interval` (timestamp_pl_interval): months with the day clamped to the month's end, then days, then time. */
export function addInterval(t: Instant, span: IntervalParts): Instant {
  if (!Number.isFinite(t.day)) return t;
  let day = t.day;
  if (span.months !== 0) {
    const { year, month, day: d } = civilFromDays(day);
    const total = year * 12 + (month - 1) + span.months;
    const y = Math.floor(total / 12);
    const m = total - y * 12 + 1;
    day = daysFromCivil(y, m, Math.min(d, daysInMonth(y, m)));
    checkTimestamp({ day, us: t.us });
  }
  if (span.days !== 0) {
    day += span.days;
    checkTimestamp({ day, us: t.us });
  }
  return checkTimestamp(normalize(day, t.us + span.micros));
}

/** The interval with every field negated (interval_um). */
export function negateInterval(p: IntervalParts): IntervalParts {
  if (p.months === INT32_MIN || p.days === INT32_MIN) throw new DateTimeError("interval out of range");
  return { months: -p.months || 0, days: -p.days || 0, micros: -p.micros || 0 };
}

const INT32_MIN = -(2 ** 31);
const INT32_MAX = 2 ** 31 - 1;

/** Fields as PostgreSQL checks them: months and days are int32; microseconds (int64 there) must stay exact here. */
export function checkInterval(p: IntervalParts): IntervalParts {
  const bad = (n: number, max: number): boolean => !Number.isSafeInteger(n) || n > max || n < -max - 1;
  if (bad(p.months, INT32_MAX) || bad(p.days, INT32_MAX) || !Number.isSafeInteger(p.micros)) throw new DateTimeError("interval out of range");
  return p;
}

/** `interval + interval` (interval_pl): field by field, never carried. */
export function addIntervals(a: IntervalParts, b: IntervalParts): IntervalParts {
  return checkInterval({ months: a.months + b.months, days: a.days + b.days, micros: a.micros + b.micros });
}

/** `a - b` of two timestamps (timestamp_mi): the difference in days and time of day, with one sign (justify_hours). */
export function instantDifference(a: Instant, b: Instant): IntervalParts {
  if (!Number.isFinite(a.day) || !Number.isFinite(b.day)) throw new DateTimeError("cannot subtract infinite timestamps");
  let days = a.day - b.day;
  let us = a.us - b.us;
  if (days > 0 && us < 0) {
    days -= 1;
    us += US_PER_DAY;
  } else if (days < 0 && us > 0) {
    days += 1;
    us -= US_PER_DAY;
  }
  return checkInterval({ months: 0, days: days || 0, micros: us || 0 });
}

/** An interval as interval_cmp_value orders it: a month is 30 days, a day 24 hours (so `1 mon` equals `30 days`). */
export function intervalSpan(p: IntervalParts): bigint {
  return (BigInt(p.months) * 30n + BigInt(p.days)) * BigInt(US_PER_DAY) + BigInt(p.micros);
}

export function compareInstants(a: Instant, b: Instant): number {
  if (a.day !== b.day) return a.day < b.day ? -1 : 1;
  return Math.sign(a.us - b.us);
}

/** The kinds of date/time values the arithmetic and comparisons know. */
export type TimeKind = "date" | "time" | "timestamp" | "timestamptz" | "interval";

/** A date/time value of the value model as an Instant (date, timestamp, timestamptz: a date is its midnight, UTC). */
export function instantOf(v: string, kind: TimeKind): Instant {
  const t = kind === "date" ? dayInstant(parseDate(v)) : parseInstant(v);
  if (!t) throw new DateTimeError(`not a ${kind} of the value model: ${JSON.stringify(v)}`);
  return t;
}

function dayInstant(day: number | null): Instant | null {
  if (day === null) return null;
  if (Number.isFinite(day) && day >= TIMESTAMP_END_DAY) throw new DateTimeError("date out of range for timestamp");
  return { day, us: 0 };
}

export function intervalOf(v: string): IntervalParts {
  const p = parseInterval(v);
  if (!p) throw new DateTimeError(`not an interval of the value model: ${JSON.stringify(v)}`);
  return p;
}

export function timeOf(v: string): number {
  const t = parseTime(v);
  if (t === null) throw new DateTimeError(`not a time of the value model: ${JSON.stringify(v)}`);
  return t;
}

/** Orders two values of the given kinds as PostgreSQL's comparison operators do (dates, timestamps and timestamptz mix). */
export function compareTimeValues(a: string, ka: TimeKind, b: string, kb: TimeKind): number {
  if (ka === "interval" && kb === "interval") {
    const x = intervalSpan(intervalOf(a));
    const y = intervalSpan(intervalOf(b));
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (ka === "time" && kb === "time") return Math.sign(timeOf(a) - timeOf(b));
  return compareInstants(instantOf(a, ka), instantOf(b, kb));
}

export { intervalText, type IntervalParts };
