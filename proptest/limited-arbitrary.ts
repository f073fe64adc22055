import fc from "fast-check";
import type { Type } from "../core/types.js";
import type { ColumnLimits } from "./check-limits.js";
import type { Hints } from "./row-arbitrary.js";
import { textArb } from "./text-arbitrary.js";

const INTEGER_RANGE: Readonly<Record<string, readonly [number, number]>> = { smallint: [-32768, 32767], integer: [-2147483648, 2147483647] };

/**
 * Values of `t` within what the table's checks say of the column (`limits`), or null when they say
 * nothing this generator uses (row-arbitrary.ts then generates from the type alone). Values outside
 * are never generated, so that a `check (age >= 18)` column gets ages from 18 up, not a row thrown
 * away in two.
 */
export function limitedArb(t: Type, hints: Hints, l: ColumnLimits): fc.Arbitrary<unknown> | null {
  if (t.kind !== "scalar") return null;
  if (l.values) return valuesArb(t, l.values);
  const name = t.name;
  if (l.min === undefined && l.max === undefined && l.minLength === undefined && l.maxLength === undefined) return null;
  const range = INTEGER_RANGE[name];
  if (range) return integerArb(Math.max(range[0], Math.ceil(l.min ?? -Infinity)), Math.min(range[1], Math.floor(l.max ?? Infinity)));
  if (name === "bigint") return integerArb(Math.max(-(2 ** 53), Math.ceil(l.min ?? -Infinity)), Math.min(2 ** 53, Math.floor(l.max ?? Infinity))).map(String);
  if (name === "real" || name === "double precision") return integerArb(Math.max(-1e6, Math.ceil(l.min ?? -Infinity)), Math.min(1e6, Math.floor(l.max ?? Infinity)));
  if (name === "numeric") return numericArb(t, l);
  if (name === "text" || name === "varchar" || name === "char" || name === "bpchar") return limitedTextArb(t, hints, l);
  return null;
}

/** An `in` list (or `=`): only its values, in the value model of `t`; none fits — no value but NULL. */
function valuesArb(t: Type & { kind: "scalar" }, values: readonly unknown[]): fc.Arbitrary<unknown> {
  const inModel = values.map((v) => (t.name === "numeric" || t.name === "bigint" ? String(v) : v));
  return inModel.length > 0 ? fc.constantFrom(...inModel) : fc.constant(undefined);
}

/** Whole numbers from `min` to `max`, the bounds themselves and 0 (when inside) more often. */
function integerArb(min: number, max: number): fc.Arbitrary<number> {
  if (min > max) return fc.constant(min);
  const edges = [min, max, 0, min + 1].filter((n) => n >= min && n <= max);
  return fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...edges) }, { weight: 3, arbitrary: fc.integer({ min, max }) });
}

/** numeric(p, s) text within the bounds: `s` decimals (2 without a scale), at most `p` digits. */
export function numericArb(t: Type & { kind: "scalar" }, l: ColumnLimits = {}): fc.Arbitrary<string> {
  const [precision, scale] = [t.args[0], t.args[1] ?? (t.args[0] === undefined ? 2 : 0)];
  const unit = 10 ** scale;
  const most = precision === undefined ? 1e11 : Math.min(1e11, 10 ** precision - 1);
  const lo = Math.max(-most, Math.ceil((l.min ?? -Infinity) * unit));
  const hi = Math.min(most, Math.floor((l.max ?? Infinity) * unit));
  return integerArb(lo, Math.max(lo, hi)).map((k) => (k / unit).toFixed(scale));
}

/** Text whose length is within the column's limit and the checks' length bounds. */
function limitedTextArb(t: Type & { kind: "scalar" }, hints: Hints, l: ColumnLimits): fc.Arbitrary<string> {
  const max = Math.min(t.args[0] ?? 200, l.maxLength ?? Infinity);
  const min = Math.min(max, l.minLength ?? 0);
  return textArb(hints.strings, max, min);
}
