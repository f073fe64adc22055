import fc from "fast-check";
import { opaqueArb } from "./opaque-samples.js";
import type { Type } from "../core/types.js";
import { textScalarArb } from "./scalar-arbitrary.js";
import { dateText as dateOfDay, daysFromCivil, instantText, US_PER_DAY } from "../stdlib/support/datetime.js";
import { limitedArb, numericArb } from "./limited-arbitrary.js";
import { pgString, textArb } from "./text-arbitrary.js";
import type { ColumnLimits } from "./check-limits.js";
import type { NamedTypeState } from "../compiler/model/named-type.js";
import { domainArb, enumArb } from "./named-type-arbitrary.js";

/** What the spec itself mentions: map inputs, literals and JSON keys, so generated rows hit every case. */
export interface Hints {
  readonly strings: readonly string[];
  readonly jsonKeys: readonly string[];
  /** The chain's enum types and domains, as the schema has them where the rows are made. */
  readonly types?: ReadonlyMap<string, NamedTypeState>;
}

/** The truthy and falsy JSON values the Keiko contract lists, and a few more. */
const AWKWARD_JSON = [true, false, 0, 1, -1, 0.5, "", "0", "false", "true", " ", "ünï 😀", [], [0], {}, { a: 1 }, null];

function jsonArb(hints: Hints): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(fc.constantFrom(...AWKWARD_JSON), fc.integer({ min: -1e6, max: 1e6 }), pgString(12));
  const keyed = hints.jsonKeys.length > 0 ? fc.dictionary(fc.constantFrom(...hints.jsonKeys), leaf, { maxKeys: hints.jsonKeys.length }) : fc.constant({});
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(pgString(6), tie("v"), { maxKeys: 3 })),
  })).v;
  return fc.oneof({ weight: 3, arbitrary: keyed }, { weight: 1, arbitrary: value });
}

/**
 * Days from 1900 to 2100, a third of them month ends and leap days (where adding months clamps),
 * and times of day in whole seconds or with microseconds: values date arithmetic is tested on.
 * No ±infinity: PostgreSQL refuses to subtract them, which a mapping could not be blamed for.
 */
const MONTH_END_DAYS = [[2024, 1, 31], [2024, 2, 29], [2023, 2, 28], [2023, 3, 31], [2000, 2, 29], [1999, 12, 31], [2023, 8, 30]].map(([y, m, d]) => daysFromCivil(y, m, d));
const dayArb = fc.oneof(
  { weight: 2, arbitrary: fc.integer({ min: daysFromCivil(1900, 1, 1), max: daysFromCivil(2100, 12, 31) }) },
  { weight: 1, arbitrary: fc.constantFrom(...MONTH_END_DAYS) },
);
const microsOfDay = fc.oneof(fc.integer({ min: 0, max: 86_399 }).map((s) => s * 1_000_000), fc.integer({ min: 0, max: US_PER_DAY - 1 }));
const dateText = dayArb.map(dateOfDay);
const timestampText = (zone: boolean) => fc.record({ day: dayArb, us: microsOfDay }).map((t) => instantText(t, zone));

/**
 * Values of one column's type in the JS value model (SQL NULL = undefined), within `limits` (what the
 * table's simple checks say of the column: proptest/check-limits.ts).
 */
export function valueArb(t: Type, hints: Hints, limits: ColumnLimits = {}): fc.Arbitrary<unknown> {
  const domain = t.kind === "scalar" && t.domain ? hints.types?.get(t.domain) : undefined;
  const limited = domain?.kind === "domain" ? domainArb(domain, (base, within) => valueArb(base, hints, { ...within, ...limits })) : limitedArb(t, hints, limits);
  const base = limited ?? ((): fc.Arbitrary<unknown> => {
    switch (t.kind) {
      case "enum":
        return enumArb(t, hints.types ?? new Map());
      case "opaque":
        return opaqueArb(t);
      case "json":
        return jsonArb(hints);
      case "array":
        return fc.array(valueArb({ ...t.element, nullable: false } as Type, hints), { maxLength: 3 });
      case "null":
      case "error":
        return fc.constant(undefined);
      case "scalar":
        switch (t.name) {
          case "uuid":
            return fc.uuid({ version: 4 });
          case "text":
          case "varchar":
          case "char":
          case "bpchar": {
            const max = t.args[0] ?? 200;
            return textArb(hints.strings, max);
          }
          case "smallint":
            return fc.integer({ min: -32768, max: 32767 });
          case "integer":
            return fc.oneof(fc.constantFrom(0, 1, -1, 300), fc.integer({ min: -2147483648, max: 2147483647 }));
          case "bigint":
            return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);
          case "numeric":
            return numericArb(t);
          case "real":
          case "double precision":
            return fc.integer({ min: -1e6, max: 1e6 });
          case "boolean":
            return fc.boolean();
          case "date":
            return dateText;
          case "timestamp":
            return timestampText(false);
          case "timestamptz":
            return timestampText(true);
          case "inet":
            return fc.ipV4();
          default:
            return textScalarArb(t.name, t.args) ?? pgString(20);
        }
    }
  })();
  const allowed = limits.not?.length ? base.filter((v) => !limits.not!.some((x) => x === v || (typeof x === "number" && Number(v) === x))) : base;
  return t.kind !== "null" && t.kind !== "error" && t.nullable ? fc.option(allowed, { nil: undefined, freq: 4 }) : allowed;
}
