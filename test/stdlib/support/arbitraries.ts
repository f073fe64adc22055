import fc from "fast-check";
import { isNullable, type Type } from "../../../core/types.js";
import { float4Text } from "../../../stdlib/support/float-text.js";
import { decimalText } from "../../../stdlib/support/numbers.js";

/** Generators of argument values in the JavaScript value model, per type, biased towards edge cases. */

// PostgreSQL text cannot hold NUL; fast-check's "binary" unit yields only well-formed code points.
const noNul = (s: string): boolean => !s.includes("\u0000");

const SPECIAL_TEXTS = [
  "",
  " ",
  "  a ",
  "a  ",
  "false",
  "0",
  "true",
  "null",
  "1.5",
  " 12 ",
  "-7",
  "1e3",
  "abc",
  "Straße",
  "İstanbul",
  "ΑΣ",
  "😀",
  "\t",
  "a\nb",
  "O'Brien",
  '"quoted"',
  "back\\slash",
  "\uffff",
  "\ue000",
  "𝟘",
  "ÄÖÜ",
  "Ǆ",
  "ﬁ",
];

/** Text: edge cases, any code points, and short mixes of blanks, case and multi-unit characters. */
export const textArb: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...SPECIAL_TEXTS),
  fc.string({ unit: "binary", maxLength: 10 }).filter(noNul),
  fc.string({ unit: fc.constantFrom(" ", "a", "Z", "ä", "ß", "😀", "\t", "0", "-", ".", "'", "\ue000"), maxLength: 8 }),
);

/** Texts near the decimal syntax: valid and invalid numbers, blanks, exponents, signs. */
export const numberishTextArb: fc.Arbitrary<string> = fc.oneof(
  fc
    .tuple(
      fc.constantFrom("", " ", "\t", "\n "),
      fc.constantFrom("", "-", "+"),
      fc.constantFrom("", "0", "7", "12", "2147483647", "2147483648", "00012", "99999999999999999999"),
      fc.constantFrom("", ".", ".0", ".5", ".000", ".25"),
      fc.constantFrom("", "e3", "E-2", "e+0", "e999", "e-999", "e1000"),
      fc.constantFrom("", " ", "\r\n"),
    )
    .map((parts) => parts.join("")),
  fc.constantFrom("NaN", "Infinity", "-inf", "1_000", "0x1F", ".", "+", "e5", "1e", "١٢", "１２", "1 2", "--1", "2147483647.0"),
);

const NUMBERS = [0, -0, 0.1, 1.5, -2.25, 7, 300, 1e21, 1.5e-7, 2 ** 53, -(2 ** 31), 2 ** 31 - 1, 2 ** 31, 5e-324, Number.MAX_VALUE];

/** JSON numbers: integers, any finite double (all exactly representable as decimals), edge values. */
export const jsonNumberArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.constantFrom(...NUMBERS),
);

const keyArb = fc.oneof(fc.constantFrom("a", "b", "aa", "A", "1", "10", "", "__proto__", "toString", "é", "😀", "urgent", "tags"), textArb);

const jsonLeafArb = fc.oneof(fc.constant(null), fc.boolean(), jsonNumberArb, textArb, numberishTextArb);

/** Any JSON value, nested a few levels: objects built as JSON.parse builds them (own keys, last one wins). */
export const jsonArb: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", maxDepth: 3 },
    jsonLeafArb,
    fc.array(tie("value"), { maxLength: 5 }),
    fc.array(fc.tuple(keyArb, tie("value")), { maxLength: 5 }).map((entries) => Object.fromEntries(entries)),
  ),
})).value;

const ELEMENT_POOL = [
  null,
  true,
  false,
  0,
  1,
  1.5,
  2,
  9,
  10,
  -1,
  "a",
  "A",
  "b",
  "B",
  "",
  "10",
  "é",
  "😀",
  "\uffff",
  [],
  [1],
  [10],
  [9],
  {},
  { a: 1 },
  { b: 0 },
];

/** JSON that is mostly arrays, with elements drawn from a small pool so that repeats are common. */
export const jsonArrayArb: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.oneof(fc.constantFrom(...ELEMENT_POOL), jsonArb), { maxLength: 8 }) },
  { weight: 1, arbitrary: jsonArb },
);

/** JSON that is mostly objects with keys from a small pool, so that keys are shared. */
export const jsonObjectArb: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.array(fc.tuple(fc.constantFrom("a", "b", "c", "__proto__"), jsonArb), { maxLength: 4 }).map((e) => Object.fromEntries(e)),
  },
  { weight: 1, arbitrary: jsonArb },
);

/** Keys for json_get / has_key: some present in generated objects, some not. */
export const jsonKeyArb: fc.Arbitrary<string> = keyArb;

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");
const microseconds = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 999_999 }));
const fraction = (us: number): string => (us ? `.${pad(us, 6).replace(/0+$/, "")}` : "");

const dateArb = fc
  .record({ y: fc.integer({ min: 1, max: 9999 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 28 }) })
  .map(({ y, m, d }) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`);
const timeArb = fc
  .record({ h: fc.integer({ min: 0, max: 23 }), mi: fc.integer({ min: 0, max: 59 }), s: fc.integer({ min: 0, max: 59 }), us: microseconds })
  .map(({ h, mi, s, us }) => `${pad(h)}:${pad(mi)}:${pad(s)}${fraction(us)}`);
const timestampArb = fc.oneof(
  fc.tuple(dateArb, timeArb).map(([d, t]) => `${d} ${t}`),
  fc.constantFrom("infinity", "-infinity", "0044-03-15 12:00:00 BC", "2024-05-01 10:00:00"),
);
const timestamptzArb = timestampArb.map((s) => (/^-?infinity$/.test(s) ? s : s.replace(/( BC)?$/, "+00$1")));

const numericArb = fc
  .oneof(
    fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.nat({ max: 8 }))
      .map(([negative, digits, scale]) => decimalText(`${negative ? "-" : ""}${digits}e-${scale}`) ?? "0"),
    fc.constantFrom("NaN", "Infinity", "-Infinity", "0.000", "2147483647", "2147483648", "-2147483648.000", "7.5", "1e-20"),
  )
  .map((s) => decimalText(s) ?? s);

// Powers of ten are often exactly halfway between two floats, where shortest-digit printers differ.
const powerOfTen = fc.integer({ min: -325, max: 308 }).map((k) => Number(`1e${k}`));

/** A float4 as the value model holds it: the double PostgreSQL's float4 text reads as. */
const realArb = fc
  .oneof(
    fc.float(),
    powerOfTen.map(Math.fround),
    fc.integer({ min: -(2 ** 30), max: 2 ** 30 }).map((n) => n * 16 + 8),
  )
  .map((f) => (Number.isFinite(f) && f !== 0 ? Number(float4Text(f)) : f));

const INTERVALS = ["00:00:00", "1 day 02:00:00", "-1 days", "1 year 2 mons -3 days +04:05:06.5", "00:00:00.000001"];

/** Values of a type (never missing). */
export function valueArb(t: Type): fc.Arbitrary<unknown> {
  switch (t.kind) {
    case "json":
      return jsonArb;
    case "enum":
    case "opaque":
      throw new Error(`the stdlib takes no ${t.kind} arguments`);
    case "array":
      return fc.array(fc.option(valueArb(t.element), { nil: undefined, freq: 5 }), { maxLength: 4 });
    case "null":
    case "error":
      return fc.constant(undefined);
    case "scalar":
      return scalarArb(t);
  }
}

function scalarArb(t: Extract<Type, { kind: "scalar" }>): fc.Arbitrary<unknown> {
  const width = t.args[0];
  switch (t.name) {
    case "text":
      return textArb;
    case "varchar":
      return width === undefined ? textArb : textArb.filter((s) => [...s].length <= width);
    case "char": {
      const n = width ?? 1;
      return textArb.filter((s) => [...s].length <= n).map((s) => s + " ".repeat(n - [...s].length));
    }
    case "smallint":
      return fc.integer({ min: -32768, max: 32767 });
    case "integer":
      return fc.oneof(fc.integer(), fc.constantFrom(0, 1, -1));
    case "bigint":
      return fc.oneof(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), fc.constantFrom(0n, 2n ** 31n, -(2n ** 31n))).map(String);
    case "numeric":
      return numericArb;
    case "real":
      return realArb;
    case "double precision":
      return fc.oneof(fc.double(), powerOfTen, fc.constantFrom(...NUMBERS, 1e23, NaN, Infinity, -Infinity));
    case "boolean":
      return fc.boolean();
    case "uuid":
      return fc.uuid();
    case "date":
      return fc.oneof(dateArb, fc.constantFrom("infinity", "0044-03-15 BC"));
    case "time":
      return timeArb;
    case "timestamp":
      return timestampArb;
    case "timestamptz":
      return timestamptzArb;
    case "interval":
      return fc.constantFrom(...INTERVALS);
    case "inet":
      return fc.ipV4();
    case "bytea":
      return fc.uint8Array({ maxLength: 6 }).map((b) => `\\x${Buffer.from(b).toString("hex")}`);
    default:
      throw new Error(`no generator for ${t.name}`);
  }
}

/** Arguments of a type: its values, and missing too when the type is nullable. */
export function argArb(t: Type, values: fc.Arbitrary<unknown> = valueArb(t)): fc.Arbitrary<unknown> {
  if (t.kind === "null") return fc.constant(undefined);
  return isNullable(t) ? fc.option(values, { nil: undefined, freq: 6 }) : values;
}
