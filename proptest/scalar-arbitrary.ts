import fc from "fast-check";
import type { ScalarName } from "../core/types.js";
import { intervalText } from "../stdlib/support/interval-text.js";

/**
 * Values of the scalar types whose value model is their PostgreSQL text (times, intervals,
 * network addresses, bit strings, geometry, text search, …), each generated already in the form
 * PostgreSQL prints it, so that a value read back compares equal to the one generated. Types with
 * their own generators elsewhere (numbers, text, JSON) are not here.
 */

const two = (n: number) => String(n).padStart(2, "0");
const fraction = (us: number) => (us === 0 ? "" : `.${String(us).padStart(6, "0").replace(/0+$/, "")}`);
const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 }), fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 999999 })))
  .map(([h, m, s, us]) => `${two(h)}:${two(m)}:${two(s)}${fraction(us)}`);
/** A UTC offset as timetz prints it: `+02`, `-03:30`. */
const offset = fc.tuple(fc.integer({ min: -14, max: 14 }), fc.constantFrom(0, 30, 45)).map(([h, m]) => `${h < 0 ? "-" : "+"}${two(Math.abs(h))}${m ? `:${two(m)}` : ""}`);
/** Numbers whose float8 text is what JavaScript prints: halves between ±1000. */
const coordinate = fc.integer({ min: -2000, max: 2000 }).map((n) => String(n / 2));
const pointText = fc.tuple(coordinate, coordinate).map(([x, y]) => `(${x},${y})`);
const hexBytes = (n: number) => fc.array(fc.integer({ min: 0, max: 255 }), { minLength: n, maxLength: n }).map((b) => b.map((x) => x.toString(16).padStart(2, "0")).join(":"));
const bits = (min: number, max: number) => fc.array(fc.constantFrom("0", "1"), { minLength: min, maxLength: max }).map((b) => b.join(""));
const lexeme = fc.stringMatching(/^[a-z]{1,6}$/);
const thousands = (n: bigint) => n.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** `$1,234.50`, `-$0.01`: money as PostgreSQL prints it under the C locale's monetary format. */
const moneyText = fc.bigInt({ min: -(10n ** 12n), max: 10n ** 12n }).map((cents) => {
  const abs = cents < 0n ? -cents : cents;
  return `${cents < 0n ? "-" : ""}$${thousands(abs / 100n)}.${two(Number(abs % 100n))}`;
});

/** An interval's text: months, days and microseconds of mixed signs, in PostgreSQL's output. */
export const intervalTextArb: fc.Arbitrary<string> = fc
  .tuple(
    fc.oneof(fc.constant(0), fc.integer({ min: -600, max: 600 })),
    fc.oneof(fc.constant(0), fc.integer({ min: -400, max: 400 })),
    fc.oneof(fc.constant(0), fc.integer({ min: -100 * 3600, max: 100 * 3600 }).map((s) => s * 1_000_000), fc.integer({ min: -86_400_000_000, max: 86_400_000_000 })),
  )
  .map(([months, days, micros]) => intervalText({ months, days, micros }));

/**
 * A generator of `name`'s values in the value model, or null for the types generated elsewhere.
 * `args` are the type's arguments (a bit string's length).
 */
export function textScalarArb(name: ScalarName, args: readonly number[]): fc.Arbitrary<string> | null {
  switch (name) {
    case "time":
      return clock;
    case "timetz":
      return fc.tuple(clock, offset).map(([c, o]) => `${c}${o}`);
    case "interval":
      return intervalTextArb;
    case "money":
      return moneyText;
    case "macaddr":
      return hexBytes(6);
    case "macaddr8":
      return hexBytes(8);
    case "bit":
      return bits(args[0] ?? 1, args[0] ?? 1);
    case "varbit":
      return bits(0, Math.min(args[0] ?? 16, 16));
    case "tsvector":
      return fc.uniqueArray(lexeme, { minLength: 0, maxLength: 4 }).map((ws) => [...ws].sort().map((w) => `'${w}'`).join(" "));
    case "tsquery":
      return fc.tuple(lexeme, fc.option(fc.tuple(fc.constantFrom("&", "|"), lexeme), { nil: undefined })).map(([a, rest]) => (rest ? `'${a}' ${rest[0]} '${rest[1]}'` : `'${a}'`));
    case "xml":
      return fc.stringMatching(/^[a-z0-9 ]{0,8}$/).map((s) => `<v>${s}</v>`);
    case "point":
      return pointText;
    case "line":
      return fc.tuple(fc.integer({ min: 1, max: 9 }), coordinate, coordinate).map(([a, b, c]) => `{${a},${b},${c}}`);
    case "lseg":
      return fc.tuple(pointText, pointText).map(([a, b]) => `[${a},${b}]`);
    case "box":
      return fc.tuple(coordinate, coordinate, coordinate, coordinate).map(([a, b, c, d]) => {
        const [x1, x2] = [Number(a), Number(c)].sort((p, q) => q - p);
        const [y1, y2] = [Number(b), Number(d)].sort((p, q) => q - p);
        return `(${x1},${y1}),(${x2},${y2})`;
      });
    case "path":
      return fc.tuple(fc.boolean(), fc.array(pointText, { minLength: 1, maxLength: 4 })).map(([closed, ps]) => (closed ? `(${ps.join(",")})` : `[${ps.join(",")}]`));
    case "polygon":
      return fc.array(pointText, { minLength: 1, maxLength: 4 }).map((ps) => `(${ps.join(",")})`);
    case "circle":
      return fc.tuple(pointText, fc.integer({ min: 0, max: 2000 })).map(([c, r]) => `<${c},${r / 2}>`);
    case "oid":
      return fc.integer({ min: 0, max: 4294967295 }).map(String);
    case "cidr":
      return fc.ipV4().map((ip) => `${ip.split(".").slice(0, 3).join(".")}.0/24`);
    case "bytea":
      return fc.uint8Array({ maxLength: 8 }).map((b) => `\\x${Buffer.from(b).toString("hex")}`);
    default:
      return null;
  }
}
