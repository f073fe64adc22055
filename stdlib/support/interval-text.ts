/**
 * Intervals of the JavaScript value model: PostgreSQL's three fields (months, days, microseconds,
 * each with its own sign) and their text as PostgreSQL prints them with `IntervalStyle = postgres`
 * (`1 year 2 mons -3 days +04:05:06.5`), which is how the value model carries an interval.
 */

/** An interval as PostgreSQL stores it: the fields never carry into one another. */
export interface IntervalParts {
  readonly months: number;
  readonly days: number;
  /** Microseconds, a JS number: exact up to 2⁵³ µs (285 years of time of day), far beyond kmig's values. */
  readonly micros: number;
}

const US_PER_SECOND = 1_000_000;
const US_PER_MINUTE = 60 * US_PER_SECOND;
const US_PER_HOUR = 60 * US_PER_MINUTE;

/** `n unit[s]` with PostgreSQL's signs: after a negative field, a positive one is written `+n`. */
function part(value: number, unit: string, state: { zero: boolean; before: boolean }): string {
  if (value === 0) return "";
  const text = `${state.zero ? "" : " "}${state.before && value > 0 ? "+" : ""}${value} ${unit}${value !== 1 ? "s" : ""}`;
  state.before = value < 0;
  state.zero = false;
  return text;
}

/** The text PostgreSQL prints for an interval (`IntervalStyle = postgres`). */
export function intervalText(p: IntervalParts): string {
  const state = { zero: true, before: false };
  const years = Math.trunc(p.months / 12);
  const months = p.months - years * 12;
  let out = part(years, "year", state) + part(months, "mon", state) + part(p.days, "day", state);
  if (state.zero || p.micros !== 0) {
    const abs = Math.abs(p.micros);
    const hours = Math.floor(abs / US_PER_HOUR);
    const minutes = Math.floor((abs % US_PER_HOUR) / US_PER_MINUTE);
    const seconds = Math.floor((abs % US_PER_MINUTE) / US_PER_SECOND);
    const fraction = abs % US_PER_SECOND;
    const sign = p.micros < 0 ? "-" : state.before ? "+" : "";
    out += `${state.zero ? "" : " "}${sign}${two(hours)}:${two(minutes)}:${two(seconds)}${fractionText(fraction)}`;
  }
  return out;
}

const two = (n: number): string => String(n).padStart(2, "0");

/** `.5` for 500000 µs; nothing for none. */
export function fractionText(micros: number): string {
  return micros === 0 ? "" : `.${String(micros).padStart(6, "0").replace(/0+$/, "")}`;
}

const UNIT = /^([+-]?\d+(?:\.\d+)?) (year|mon|day)s?$/;
const CLOCK = /^([+-])?(\d+):(\d{2}):(\d{2})(?:\.(\d{1,6}))?$/;

/** Reads the text `intervalText` writes (and PostgreSQL prints) back into its fields; null if it is not such a text. */
export function parseInterval(text: string): IntervalParts | null {
  let months = 0;
  let days = 0;
  let micros = 0;
  const tokens = text.split(" ");
  for (let i = 0; i < tokens.length; i++) {
    const clock = CLOCK.exec(tokens[i]);
    if (clock && i === tokens.length - 1) {
      const [, sign, h, m, s, f] = clock;
      const us = Number(h) * US_PER_HOUR + Number(m) * US_PER_MINUTE + Number(s) * US_PER_SECOND + Number((f ?? "").padEnd(6, "0"));
      micros = sign === "-" ? -us : us;
      continue;
    }
    const unit = UNIT.exec(`${tokens[i]} ${tokens[i + 1] ?? ""}`);
    if (!unit) return null;
    const n = Number(unit[1]);
    if (unit[2] === "year") months += 12 * n;
    else if (unit[2] === "mon") months += n;
    else days += n;
    i++;
  }
  return { months, days, micros };
}
