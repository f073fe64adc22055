import fc from "fast-check";
import type { Type } from "../../../core/types.js";
import { textScalarArb } from "../../../proptest/scalar-arbitrary.js";

/**
 * Awkward values of each column type, as the `pg` driver sends them (text for exact numbers and
 * times, JSON text for json/jsonb): NULLs, empty and blank strings, quotes, backslashes, unicode
 * beyond the BMP, falsy-but-present JSON. NUL is left out: PostgreSQL text cannot hold it.
 */
const AWKWARD_TEXT = ["", " ", "ünï😀", "it's", 'say "hi"', "back\\slash", "NULL", "null", "0", "false", "\t\n", "€"];

const noNul = (s: string) => !s.includes("\u0000");

function textArb(maxChars: number | undefined): fc.Arbitrary<string> {
  const any = fc.oneof(fc.constantFrom(...AWKWARD_TEXT), fc.string({ unit: "grapheme", maxLength: 12 }), fc.string({ maxLength: 8 })).filter(noNul);
  return maxChars === undefined ? any : any.filter((s) => [...s].length <= maxChars);
}

/** JSON values (as JSON text), weighted towards the edge cases the language's truthiness and `??` care about. */
export const jsonText: fc.Arbitrary<string> = fc
  .oneof(
    { weight: 3, arbitrary: fc.constantFrom<unknown>(null, "", 0, 1, -1, 0.5, true, false, "0", "false", [], {}, [null], { a: null }, "ünï😀") },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  )
  .map((v) => JSON.stringify(v))
  .filter((s) => !s.includes("\\u0000"));

const int = (min: number, max: number) => fc.oneof(fc.constantFrom(0, 1, -1, min, max), fc.integer({ min, max }));

function numericText(precision: number | undefined, scale: number | undefined): fc.Arbitrary<string> {
  if (precision === undefined) return fc.oneof(fc.constantFrom("0", "-0.5", "1e-3", "123456789012345678901234567890.0123456789"), fc.double({ noNaN: true, noDefaultInfinity: true }).map((d) => String(d)));
  const s = scale ?? 0;
  const whole = Math.min(precision - s, 12);
  const digits = (n: number) => (n <= 0 ? fc.constant("0") : fc.bigInt({ min: 0n, max: 10n ** BigInt(n) - 1n }).map(String));
  return fc.tuple(fc.boolean(), digits(whole), digits(s)).map(([neg, w, f]) => `${neg ? "-" : ""}${w}${s > 0 ? `.${f.padStart(s, "0")}` : ""}`);
}

const seconds = fc.integer({ min: -2_000_000_000, max: 4_000_000_000 });
const isoAt = (s: number, micros: number) => new Date(s * 1000).toISOString().replace("T", " ").replace(/\.\d+Z$/, `.${String(micros).padStart(6, "0")}`);

/** An arbitrary of one column's values (never NULL: nullability is added by the caller). */
export function valueArb(t: Type): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case "json":
      return jsonText;
    case "enum":
      throw new Error("enum values depend on the schema's labels: give them with fc.constantFrom");
    case "opaque":
      throw new Error("kmig makes no values of an opaque type: give them with fc.constantFrom");
    case "array":
      // PostgreSQL's arrays are rectangular: the inner arrays of one value have one length.
      if (t.element.kind === "array") {
        const inner = t.element.element;
        return fc.integer({ min: 1, max: 2 }).chain((n) => fc.array(fc.array(valueArb(inner), { minLength: n, maxLength: n }), { maxLength: 2 }));
      }
      return fc.array(valueArb(t.element), { maxLength: 3 });
    case "null":
    case "error":
      return fc.constant(null);
    case "scalar":
      switch (t.name) {
        case "uuid":
          return fc.uuid();
        case "text":
          return textArb(undefined);
        case "varchar":
          return textArb(t.args[0]);
        case "char":
        case "bpchar":
          // Trailing blanks are not significant in char(n): PostgreSQL pads and compares without them.
          return textArb(t.args[0] ?? 1).map((s) => s.trimEnd());
        case "smallint":
          return int(-32768, 32767);
        case "integer":
          return int(-2147483648, 2147483647);
        case "bigint":
          return fc.oneof(fc.constantFrom(0n, -(2n ** 63n), 2n ** 63n - 1n), fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })).map(String);
        case "boolean":
          return fc.boolean();
        case "numeric":
          return numericText(t.args[0], t.args[1]);
        case "real":
          return fc.oneof(fc.constantFrom(0, -0, 1.5, -1e10), fc.float({ noNaN: true, noDefaultInfinity: true, min: Math.fround(-1e30), max: Math.fround(1e30) }));
        case "double precision":
          return fc.oneof(fc.constantFrom(0, -0, 1.5, -1e10), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e30, max: 1e30 }));
        case "date":
          return seconds.map((s) => isoAt(s, 0).slice(0, 10));
        case "timestamp":
          return fc.tuple(seconds, fc.integer({ min: 0, max: 999999 })).map(([s, us]) => isoAt(s, us));
        case "timestamptz":
          return fc.tuple(seconds, fc.integer({ min: 0, max: 999999 })).map(([s, us]) => `${isoAt(s, us)}+00`);
        case "inet":
          return fc.oneof(fc.ipV4(), fc.ipV6());
        case "bytea":
          return fc.uint8Array({ maxLength: 8 }).map((b) => Buffer.from(b));
        default:
          // The types whose value is their text: generated as PostgreSQL prints them.
          return textScalarArb(t.name, t.args) ?? textArb(undefined);
      }
  }
}
