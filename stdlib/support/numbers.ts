/**
 * Number text exactly as PostgreSQL prints it, so that JavaScript results match the server's:
 * numeric (exact decimals, scale kept), float8 and float4 (shortest round-trip digits).
 */

const DECIMAL = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/;

/**
 * The numeric text PostgreSQL prints for the decimal `s` (`numeric_in` then `numeric_out`): no
 * exponent, the scale the input implies (`1.50e1` → `15.0`), no sign on zero. Undefined if `s` is not a decimal.
 */
export function decimalText(s: string): string | undefined {
  const m = DECIMAL.exec(s);
  if (!m) return undefined;
  const [, sign, intDigits, fracDigits = "", expText = "0"] = m;
  const digits = intDigits + fracDigits;
  if (digits === "") return undefined;
  const exp = Number(expText);
  const point = intDigits.length + exp; // where the decimal point falls within `digits`
  const scale = Math.max(0, fracDigits.length - exp);
  const whole = point <= 0 ? "0" : digits.slice(0, point).padEnd(point, "0");
  const fraction = (point < 0 ? "0".repeat(-point) + digits : digits.slice(Math.max(point, 0))).slice(0, scale);
  const intPart = whole.replace(/^0+(?=[0-9])/, "");
  const negative = sign === "-" && /[1-9]/.test(digits);
  return `${negative ? "-" : ""}${intPart}${scale > 0 ? `.${fraction}` : ""}`;
}

/** The numeric text of a (finite) JSON number as jsonb prints it: plain decimal notation, never `1e+21`. */
export function jsonNumberText(n: number): string {
  return decimalText(JSON.stringify(n)) ?? "0";
}

/** PostgreSQL's float8 output (`extra_float_digits` ≥ 1): shortest digits, exponent form outside 1e-4 ≤ |x| < 1e15. */
export function float8Text(n: number): string {
  return floatText(n, n.toExponential(), 15);
}

/**
 * PostgreSQL's float4 output: the shortest digits that read back as the same float4, the nearest of
 * them to the exact value, an exact tie going to the even digit (`toPrecision` would round it up);
 * exponent form from 1e6.
 */
export function float4Text(n: number): string {
  const f = Math.fround(n);
  if (!Number.isFinite(f) || f === 0) return floatText(f, "", 6);
  const exact = exactFloat4(Math.abs(f));
  for (let p = 1; p <= 9; p++) {
    const { digits, scale } = roundHalfEven(exact.digits, exact.scale, p);
    if (Math.fround(Number(`${digits}e${scale}`)) !== Math.abs(f)) continue;
    const trimmed = digits.replace(/0+$/, "");
    const exp = scale + digits.length - 1;
    const exponential = `${f < 0 ? "-" : ""}${trimmed[0]}${trimmed.length > 1 ? `.${trimmed.slice(1)}` : ""}e${exp < 0 ? "-" : "+"}${Math.abs(exp)}`;
    return floatText(f, exponential, 6);
  }
  return floatText(f, f.toExponential(), 6);
}

/** The exact decimal value of a positive float4 as digits × 10^scale. */
function exactFloat4(f: number): { digits: string; scale: number } {
  const view = new DataView(new ArrayBuffer(4));
  view.setFloat32(0, f);
  const bits = view.getUint32(0);
  const biased = (bits >>> 23) & 0xff;
  const mantissa = BigInt(biased === 0 ? bits & 0x7fffff : (bits & 0x7fffff) | 0x800000);
  const exp2 = (biased === 0 ? 1 : biased) - 150;
  if (exp2 >= 0) return { digits: (mantissa << BigInt(exp2)).toString(), scale: 0 };
  // m × 2^-k = m × 5^k × 10^-k
  return { digits: (mantissa * 5n ** BigInt(-exp2)).toString(), scale: exp2 };
}

/** digits × 10^scale rounded to p significant digits, half to even. */
function roundHalfEven(digits: string, scale: number, p: number): { digits: string; scale: number } {
  if (digits.length <= p) return { digits, scale };
  const kept = digits.slice(0, p);
  const rest = digits.slice(p);
  const half = rest[0] === "5" && /^50*$/.test(rest);
  const up = rest[0] > "5" || (rest[0] === "5" && !half) || (half && Number(kept[kept.length - 1]) % 2 === 1);
  return { digits: up ? (BigInt(kept) + 1n).toString() : kept, scale: scale + rest.length };
}

function floatText(n: number, exponential: string, fixedBelow: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  const m = /^(-?)([0-9])(?:\.([0-9]+))?e([+-][0-9]+)$/.exec(exponential);
  if (!m) return String(n);
  const [, sign, first, rest = "", expText] = m;
  const exp = Number(expText);
  if (exp >= -4 && exp < fixedBelow) return decimalText(exponential) ?? String(n);
  const expDigits = String(Math.abs(exp)).padStart(2, "0");
  return `${sign}${first}${rest ? `.${rest}` : ""}e${exp < 0 ? "-" : "+"}${expDigits}`;
}

/**
 * Text that `to_number` accepts: an optionally signed decimal with an optional exponent of at most
 * three digits, surrounded by optional ASCII blanks. The same pattern runs in PostgreSQL (`~`), so
 * both sides accept exactly the same strings; the limits keep the numeric within PostgreSQL's range.
 */
export const NUMERIC_TEXT_PATTERN = "^[ \\t\\n\\r]*[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]{1,3})?[ \\t\\n\\r]*$";
/** Longer texts are not numbers for `to_number` (PostgreSQL's numeric has a bounded number of digits). */
export const NUMERIC_TEXT_MAX_LENGTH = 1000;

const NUMERIC_TEXT = new RegExp(NUMERIC_TEXT_PATTERN);

/** The numeric text of `s` if `to_number` accepts it, else undefined. */
export function parseNumericText(s: string): string | undefined {
  if (s.length > NUMERIC_TEXT_MAX_LENGTH || !NUMERIC_TEXT.test(s)) return undefined;
  return decimalText(s.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, ""));
}

/** True when the numeric text `s` (as `decimalText` prints it) is a whole number. */
export function isWholeDecimal(s: string): boolean {
  return /^-?[0-9]+(\.0*)?$/.test(s);
}
