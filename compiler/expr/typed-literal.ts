import type * as A from "../../grammar/ast.js";
import { scalar, type ScalarName } from "../../core/types.js";
import {
  clockText,
  dateText,
  daysFromCivil,
  daysInMonth,
  FIRST_DAY,
  instantText,
  LAST_DATE_DAY,
  TIMESTAMP_END_DAY,
  US_PER_SECOND,
} from "../../stdlib/support/datetime.js";
import { intervalText, type IntervalParts } from "../../stdlib/support/interval-text.js";
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { SourceFile } from "../../core/source-file.js";
import { diag } from "../../core/diagnostics/diagnostic.js";
import type { IrExpr } from "../ir/expr.js";
import { ERROR } from "../../core/types.js";

/**
 * Typed literals: `date '2022-08-01'`, `time '10:00'`, `timestamp '2022-08-01 10:00'`,
 * `timestamptz '2022-08-01 10:00+02'`, `interval '3 days'`. kmig reads a strict, unambiguous subset
 * of what PostgreSQL accepts (ISO 8601 dates, `n unit` intervals) at compile time, so that a typo is
 * an error with its place rather than a failure mid-run, and carries the value as PostgreSQL prints
 * it (the value model's text), which both lowerings use: SQL as `'…'::type`, JavaScript as the text.
 */

type Reading = { readonly ok: true; readonly text: string } | { readonly ok: false; readonly message: string; readonly help: string };

const TYPE_OF: Readonly<Record<A.TypedLitKeyword, ScalarName>> = {
  date: "date",
  time: "time",
  "time without time zone": "time",
  timetz: "timetz",
  "time with time zone": "timetz",
  timestamp: "timestamp",
  "timestamp without time zone": "timestamp",
  timestamptz: "timestamptz",
  "timestamp with time zone": "timestamptz",
  interval: "interval",
};

/** The typed IR literal, or an error (K3100) at the string with what is wrong and how to write it. */
export function checkTypedLiteral(e: A.TypedLit, file: SourceFile, diags: Diagnostic[]): IrExpr {
  const name = TYPE_OF[e.keyword];
  const r = readLiteral(name, e.value.value.trim());
  if (!r.ok) {
    diags.push(diag("K3100", file, e.value.span, `invalid ${e.keyword} literal: ${r.message}`, { help: r.help, label: `not a valid ${name}` }));
    return { kind: "invalid", type: ERROR, span: e.span };
  }
  return { kind: "literal", value: r.text, text: null, type: scalar(name), span: e.span };
}

function readLiteral(name: ScalarName, s: string): Reading {
  switch (name) {
    case "date":
      return readDate(s);
    case "time":
      return readTime(s);
    case "timestamp":
      return readTimestamp(s, false);
    case "timestamptz":
      return readTimestamp(s, true);
    case "interval":
      return readInterval(s);
    default:
      return fail("kmig does not compute on time with time zone values", "store it as it is, or use time or timestamptz");
  }
}

const fail = (message: string, help: string): Reading => ({ ok: false, message, help });
const ok = (text: string): Reading => ({ ok: true, text });

const WORDS = new Set(["now", "today", "tomorrow", "yesterday", "epoch", "allballs"]);

function wordHelp(s: string, name: string): Reading | null {
  if (!WORDS.has(s.toLowerCase())) return null;
  return fail(`\`${s}\` is a moving value, read when PostgreSQL parses the SQL`, name === "date" ? "write the date itself, or use current_date" : "write the time itself, or use now() / current_date");
}

const DATE = /^(\d{4,})-(\d{1,2})-(\d{1,2})/;

/** A date `YYYY-MM-DD` (and ` BC`): its day number, or what is wrong. */
function readDay(m: RegExpExecArray, bc: boolean): { day: number } | Reading {
  const year = Number(m[1]);
  const month = Number(m[2]);
  const d = Number(m[3]);
  if (year === 0) return fail("there is no year 0", "1 BC is followed by 1 AD: write '0001-01-01 BC' or '0001-01-01'");
  if (month < 1 || month > 12) return fail(`month ${month} does not exist`, "months run from 01 to 12: 'YYYY-MM-DD'");
  const y = bc ? 1 - year : year;
  if (d < 1 || d > daysInMonth(y, month)) return fail(`${m[1]}-${m[2].padStart(2, "0")} has no day ${d}`, `it has ${daysInMonth(y, month)} days`);
  return { day: daysFromCivil(y, month, d) };
}

function readDate(s: string): Reading {
  if (s === "infinity" || s === "-infinity") return ok(s);
  const word = wordHelp(s, "date");
  if (word) return word;
  const m = DATE.exec(s);
  const rest = m ? s.slice(m[0].length) : "";
  if (!m || !/^(?: BC)?$/i.test(rest)) return fail(`\`${s}\` is not a date`, "write an ISO date: date '2022-08-01'");
  const r = readDay(m, rest !== "");
  if ("ok" in r) return r;
  if (r.day < FIRST_DAY || r.day > LAST_DATE_DAY) return fail("out of PostgreSQL's range of dates", "dates run from 4713 BC to 5874897 AD");
  return ok(dateText(r.day));
}

const CLOCK = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?/;

/** A time of day `HH:MM[:SS[.ffffff]]`: microseconds, or what is wrong. */
function readClock(m: RegExpExecArray, allow24: boolean): { us: number } | Reading {
  const [h, mi, sec] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  const fraction = m[4] ?? "";
  if (fraction.length > 6) return fail("more than 6 digits after the second", "PostgreSQL keeps microseconds: at most 6 decimals");
  const us = ((h * 60 + mi) * 60 + sec) * US_PER_SECOND + Number(fraction.padEnd(6, "0"));
  if (mi > 59 || sec > 59) return fail(`${m[0]} is not a time of day`, "minutes and seconds run from 00 to 59");
  if (h > 23 && !(allow24 && us === 24 * 3600 * US_PER_SECOND)) return fail(`${m[0]} is not a time of day`, "hours run from 00 to 23");
  return { us };
}

function readTime(s: string): Reading {
  const word = wordHelp(s, "time");
  if (word) return word;
  const m = CLOCK.exec(s);
  if (!m || m[0].length !== s.length) {
    const zoned = m && /^\s*(?:[+-]\d|z|utc)/i.test(s.slice(m[0].length));
    return zoned ? fail("a time has no time zone", "drop the offset; a time with its zone is `time with time zone`, which kmig does not compute on") : fail(`\`${s}\` is not a time of day`, "write hours and minutes: time '10:30' or time '10:30:15.5'");
  }
  const r = readClock(m, true);
  return "ok" in r ? r : ok(clockText(r.us));
}

const OFFSET = /^(?:\s*(z|utc|gmt)|\s*([+-])(\d{1,2})(?::?(\d{2}))?)$/i;

function readTimestamp(s: string, zoned: boolean): Reading {
  const type = zoned ? "timestamptz" : "timestamp";
  if (s === "infinity" || s === "-infinity") return ok(s);
  const word = wordHelp(s, type);
  if (word) return word;
  const d = DATE.exec(s);
  if (!d) return fail(`\`${s}\` is not a ${type}`, `write an ISO date and time: ${type} '2022-08-01 10:00${zoned ? "+02" : ""}'`);
  let rest = s.slice(d[0].length);
  let us = 0;
  const sep = /^[ T]/.exec(rest);
  const c = sep ? CLOCK.exec(rest.slice(1)) : null;
  if (c) {
    const r = readClock(c, true);
    if ("ok" in r) return r;
    us = r.us;
    rest = rest.slice(1 + c[0].length);
  }
  const bc = /\s+BC$/i.exec(rest);
  if (bc) rest = rest.slice(0, bc.index);
  let offset = 0;
  if (rest !== "") {
    const o = OFFSET.exec(rest);
    if (!o) return fail(`\`${s}\` is not a ${type}`, `write an ISO date and time: ${type} '2022-08-01 10:00${zoned ? "+02" : ""}'`);
    if (!zoned) return fail("a timestamp without time zone ignores an offset (PostgreSQL drops it silently)", "drop the offset, or write timestamptz '…' for a point in time");
    const hours = Number(o[3] ?? 0);
    const minutes = Number(o[4] ?? 0);
    if (hours > 15 || minutes > 59) return fail(`\`${rest.trim()}\` is not a time zone offset`, "offsets run from -15:59 to +15:59");
    offset = (o[2] === "-" ? -1 : 1) * (hours * 60 + minutes) * 60 * US_PER_SECOND;
  }
  const day = readDay(d, bc !== null);
  if ("ok" in day) return day;
  // Carried in UTC, the time zone of kmig's sessions: an offset moves the time, none means UTC.
  const total = us - offset;
  const carry = Math.floor(total / (86_400 * US_PER_SECOND));
  const t = { day: day.day + carry, us: total - carry * 86_400 * US_PER_SECOND };
  if (t.day < FIRST_DAY || t.day >= TIMESTAMP_END_DAY) return fail("out of PostgreSQL's range of timestamps", "timestamps run from 4713 BC to 294276 AD");
  return ok(instantText(t, zoned));
}

/** Units of interval input: months, days or microseconds per unit, with PostgreSQL's spellings. */
interface Unit {
  readonly field: keyof IntervalParts;
  readonly per: number;
  readonly fractions: boolean;
}
const unit = (words: readonly string[], field: keyof IntervalParts, per: number, fractions: boolean): [string, Unit][] => words.map((w) => [w, { field, per, fractions }]);
const UNITS: ReadonlyMap<string, Unit> = new Map([
  ...unit(["microsecond", "microseconds", "us", "usec", "usecs"], "micros", 1, false),
  ...unit(["millisecond", "milliseconds", "ms", "msec", "msecs"], "micros", 1000, true),
  ...unit(["second", "seconds", "sec", "secs", "s"], "micros", US_PER_SECOND, true),
  ...unit(["minute", "minutes", "min", "mins", "m"], "micros", 60 * US_PER_SECOND, true),
  ...unit(["hour", "hours", "hr", "hrs", "h"], "micros", 3600 * US_PER_SECOND, true),
  ...unit(["day", "days", "d"], "days", 1, false),
  ...unit(["week", "weeks", "w"], "days", 7, false),
  ...unit(["month", "months", "mon", "mons"], "months", 1, false),
  ...unit(["year", "years", "yr", "yrs", "y"], "months", 12, false),
]);

const AMOUNT = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const INTERVAL_CLOCK = /^([+-]?)(\d+):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?$/;

/**
 * `n unit` pairs (`1 year 2 months -3 days`), optionally a clock (`1 day 02:30:00`) and `ago`.
 * Fractions only where they are exact microseconds (seconds, minutes, hours): PostgreSQL spreads a
 * fraction of a day or month over 24 hours or 30 days, which the literal had better say itself.
 */
function readInterval(s: string): Reading {
  const usage = "write amounts and units: interval '3 days', interval '1 year 2 months', interval '1 day 02:30:00'";
  if (s === "") return fail("it is empty", usage);
  if (/^-?P/i.test(s)) return fail("ISO 8601 durations are not read", usage);
  const words = s.toLowerCase().replace(/^@\s*/, "").split(/\s+/);
  let ago = false;
  if (words[words.length - 1] === "ago") {
    ago = true;
    words.pop();
  }
  const parts = { months: 0, days: 0, micros: 0 };
  const seen = new Set<keyof IntervalParts | "clock">();
  for (let i = 0; i < words.length; i++) {
    const clock = INTERVAL_CLOCK.exec(words[i]);
    if (clock) {
      if (seen.has("clock")) return fail("two clock times", usage);
      seen.add("clock");
      const [, sign, h, mi, sec, frac] = clock;
      if (Number(mi) > 59 || Number(sec ?? 0) > 59) return fail(`\`${words[i]}\` is not a clock time`, "minutes and seconds run from 00 to 59");
      const us = ((Number(h) * 60 + Number(mi)) * 60 + Number(sec ?? 0)) * US_PER_SECOND + Number((frac ?? "").padEnd(6, "0"));
      parts.micros += sign === "-" ? -us : us;
      continue;
    }
    const amount = AMOUNT.exec(words[i]);
    const joined = amount ? null : /^([+-]?\d+(?:\.\d+)?)([a-z]+)$/.exec(words[i]);
    const [number, unitWord] = amount ? [words[i], words[i + 1]] : joined ? [joined[1], joined[2]] : [undefined, undefined];
    if (number === undefined) return fail(`\`${words[i]}\` is not an amount`, usage);
    if (amount) i++;
    if (unitWord === undefined) return fail(`\`${number}\` has no unit`, "say what it counts: interval '10 seconds', interval '3 days'");
    const u = UNITS.get(unitWord);
    if (!u) return fail(`\`${unitWord}\` is not a unit`, "units: microseconds, milliseconds, seconds, minutes, hours, days, weeks, months, years");
    const [, sign, whole, frac = ""] = AMOUNT.exec(number) as RegExpExecArray;
    let value: number;
    if (frac !== "" && !u.fractions) return fail(`a fraction of ${u.field === "months" ? "a month or year" : u.field === "days" ? "a day or week" : "a microsecond"}`, "write whole amounts of smaller units: interval '1 day 12 hours', interval '1 month 15 days'");
    if (frac !== "") {
      const scaled = BigInt(whole + frac) * BigInt(u.per);
      const divisor = 10n ** BigInt(frac.length);
      if (scaled % divisor !== 0n) return fail(`${number} ${unitWord} is not a whole number of microseconds`, "PostgreSQL keeps microseconds");
      value = Number(scaled / divisor);
    } else value = Number(whole) * u.per;
    parts[u.field] += sign === "-" ? -value : value;
    seen.add(u.field);
  }
  const fields = ago ? { months: -parts.months || 0, days: -parts.days || 0, micros: -parts.micros || 0 } : parts;
  if (Math.abs(fields.months) > 2 ** 31 - 1 || Math.abs(fields.days) > 2 ** 31 - 1 || !Number.isSafeInteger(fields.micros)) return fail("out of range", "months and days must fit an integer, the time 285 years");
  return ok(intervalText(fields));
}
