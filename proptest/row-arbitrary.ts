import fc from "fast-check";
import type { Type } from "../core/types.js";
import type { TableState } from "../compiler/model/schema.js";
import { insertableColumns, primaryKey, type ColumnState } from "../compiler/model/schema.js";
import { textScalarArb } from "./scalar-arbitrary.js";
import type { NamedTypeState } from "../compiler/model/named-type.js";
import { domainArb, enumArb, type Bounds } from "./named-type-arbitrary.js";

/** What the spec itself mentions: map inputs, literals and JSON keys, so generated rows hit every case. */
export interface Hints {
  readonly strings: readonly string[];
  readonly jsonKeys: readonly string[];
  /** The chain's enum types and domains, as the schema has them where the rows are made. */
  readonly types?: ReadonlyMap<string, NamedTypeState>;
}

/** The truthy and falsy JSON values the Keiko contract lists, and a few more. */
const AWKWARD_JSON = [true, false, 0, 1, -1, 0.5, "", "0", "false", "true", " ", "ünï 😀", [], [0], {}, { a: 1 }, null];
const AWKWARD_TEXT = ["", " ", "FINISHED", " running", "O'Brien", "ünï 😀", "NULL", "null"];

/** A string PostgreSQL can store (no NUL), up to `max` characters. */
const pgString = (max: number) => fc.string({ unit: "grapheme", maxLength: Math.min(max, 40) }).map((s) => [...s.replace(/\0/g, "")].slice(0, max).join(""));

function jsonArb(hints: Hints): fc.Arbitrary<unknown> {
  const leaf = fc.oneof(fc.constantFrom(...AWKWARD_JSON), fc.integer({ min: -1e6, max: 1e6 }), pgString(12));
  const keyed = hints.jsonKeys.length > 0 ? fc.dictionary(fc.constantFrom(...hints.jsonKeys), leaf, { maxKeys: hints.jsonKeys.length }) : fc.constant({});
  const value = fc.letrec((tie) => ({
    v: fc.oneof({ depthSize: "small" }, leaf, fc.array(tie("v"), { maxLength: 3 }), fc.dictionary(pgString(6), tie("v"), { maxKeys: 3 })),
  })).v;
  return fc.oneof({ weight: 3, arbitrary: keyed }, { weight: 1, arbitrary: value });
}

const two = (n: number) => String(n).padStart(2, "0");
const dateText = fc.date({ min: new Date("1990-01-01T00:00:00Z"), max: new Date("2090-12-31T00:00:00Z"), noInvalidDate: true }).map((d) => `${d.getUTCFullYear()}-${two(d.getUTCMonth() + 1)}-${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`);

/** Values of one column's type in the JS value model (SQL NULL = undefined). */
export function valueArb(t: Type, hints: Hints, bounds: Bounds | null = null): fc.Arbitrary<unknown> {
  const domain = t.kind === "scalar" && t.domain ? hints.types?.get(t.domain) : undefined;
  const base = ((): fc.Arbitrary<unknown> => {
    if (domain?.kind === "domain") return domainArb(domain, (b, within) => valueArb(b, hints, within));
    switch (t.kind) {
      case "enum":
        return enumArb(t, hints.types ?? new Map());
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
            const fits = [...hints.strings, ...AWKWARD_TEXT].filter((s) => [...s].length <= max);
            return fits.length > 0 ? fc.oneof(fc.constantFrom(...fits), pgString(max)) : pgString(max);
          }
          case "smallint":
            return fc.integer({ min: Math.max(bounds?.min ?? -32768, -32768), max: Math.min(bounds?.max ?? 32767, 32767) });
          case "integer":
            if (bounds) return fc.integer({ min: Math.max(bounds.min ?? -2147483648, -2147483648), max: Math.min(bounds.max ?? 2147483647, 2147483647) });
            return fc.oneof(fc.constantFrom(0, 1, -1, 300), fc.integer({ min: -2147483648, max: 2147483647 }));
          case "bigint":
            return fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }).map(String);
          case "numeric":
            return fc.integer({ min: -1e9, max: 1e9 }).map((n) => (n / 100).toFixed(2));
          case "real":
          case "double precision":
            return fc.integer({ min: -1e6, max: 1e6 });
          case "boolean":
            return fc.boolean();
          case "date":
            return dateText.map((s) => s.slice(0, 10));
          case "timestamp":
            return dateText;
          case "timestamptz":
            return dateText.map((s) => `${s}+00`);
          case "inet":
            return fc.ipV4();
          default:
            return textScalarArb(t.name, t.args) ?? pgString(20);
        }
    }
  })();
  return t.kind !== "null" && t.kind !== "error" && t.nullable ? fc.option(base, { nil: undefined, freq: 4 }) : base;
}

/** Values a serial's or identity's sequence hands out: from 1 up to its type's maximum (bigint as text). */
function numbered(c: ColumnState): fc.Arbitrary<unknown> | null {
  if (c.identity === null && c.default?.sequence == null) return null;
  if (c.type.kind === "scalar" && c.type.name === "bigint") return fc.bigInt({ min: 1n, max: 2n ** 63n - 1n }).map(String);
  return fc.integer({ min: 1, max: c.type.kind === "scalar" && c.type.name === "smallint" ? 32767 : 2147483647 });
}

/** Rows of a table (unique primary keys), as objects keyed by column name. */
export function rowsArb(table: TableState, hints: Hints, maxRows: number): fc.Arbitrary<Record<string, unknown>[]> {
  // Generated columns are PostgreSQL's to compute; serial and identity columns get numbers their sequence could give.
  const row = fc.record(Object.fromEntries(insertableColumns(table).map((c) => [c.name, numbered(c) ?? valueArb(c.type, hints)])), { noNullPrototype: true }) as fc.Arbitrary<Record<string, unknown>>;
  const key = primaryKey(table) ?? [];
  return fc.uniqueArray(row, { minLength: 1, maxLength: maxRows, selector: (r) => JSON.stringify(key.map((k) => r[k])) });
}
