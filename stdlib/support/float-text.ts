import { decimalText } from "./numbers.js";

/**
 * float4 and float8 text exactly as PostgreSQL prints it (`extra_float_digits` ≥ 1). PostgreSQL
 * uses Ryū built without STRICTLY_SHORTEST: the shortest digits strictly inside the interval that
 * reads back as the value (a decimal exactly halfway to a neighbour is never chosen), the nearest
 * of them, ties to even. JavaScript's own shortest form accepts the halfway points (`1e23` prints
 * as `1e+23` there, `9.999999999999999e+22` in PostgreSQL), so this is computed exactly with BigInt.
 */

/** PostgreSQL's float8 output: fixed notation for 1e-4 ≤ |x| < 1e15, else `1.5e+15`, `1e-05`. */
export function float8Text(n: number): string {
  return floatText(n, 64, 15);
}

/** PostgreSQL's float4 output (of `Math.fround(n)`): fixed notation for 1e-4 ≤ |x| < 1e6. */
export function float4Text(n: number): string {
  return floatText(Math.fround(n), 32, 6);
}

function floatText(n: number, bits: 32 | 64, fixedBelow: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  if (n === 0) return Object.is(n, -0) ? "-0" : "0";
  const { digits, scale } = shortestDigits(Math.abs(n), bits);
  const sign = n < 0 ? "-" : "";
  const exp = scale + digits.length - 1; // the power of ten of the first digit
  if (exp >= -4 && exp < fixedBelow) return decimalText(`${sign}${digits}e${scale}`) ?? String(n);
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : "";
  return `${sign}${digits[0]}${fraction}e${exp < 0 ? "-" : "+"}${String(Math.abs(exp)).padStart(2, "0")}`;
}

/** A positive float as mantissa × 2^exp2, and whether its lower neighbour is closer (at a power of two). */
function decompose(x: number, bits: 32 | 64): { mantissa: bigint; exp2: number; lowerCloser: boolean } {
  const view = new DataView(new ArrayBuffer(8));
  const [fracBits, bias] = bits === 64 ? [52n, 1075] : [23n, 150];
  const raw = bits === 64 ? (view.setFloat64(0, x), view.getBigUint64(0)) : (view.setFloat32(0, x), BigInt(view.getUint32(0)));
  const biased = Number(raw >> fracBits);
  const fraction = raw & ((1n << fracBits) - 1n);
  const mantissa = biased === 0 ? fraction : fraction | (1n << fracBits);
  return { mantissa, exp2: (biased === 0 ? 1 : biased) - bias, lowerCloser: fraction === 0n && biased > 1 };
}

/** The digits (no trailing zeros) and power of ten PostgreSQL prints for the positive float `x`. */
function shortestDigits(x: number, bits: 32 | 64): { digits: string; scale: number } {
  const { mantissa: m, exp2: e, lowerCloser } = decompose(x, bits);
  // The value and the (excluded) bounds of the interval that reads back as it, in units of 2^(e-2).
  const value = 4n * m;
  const upper = value + 2n;
  const lower = lowerCloser ? value - 1n : value - 2n;
  const exact = e >= 0 ? { digits: (m << BigInt(e)).toString(), scale: 0 } : { digits: (m * 5n ** BigInt(-e)).toString(), scale: e };
  for (let p = 1; p <= exact.digits.length; p++) {
    const nearest = roundHalfEven(exact.digits, exact.scale, p);
    // d × 10^scale and n × 2^(e-2), both multiplied by the same factor into integers.
    const dec = (d: bigint): bigint => d * pow(10n, nearest.scale) * pow(2n, 2 - e);
    const bin = (n: bigint): bigint => n * pow(2n, e - 2) * pow(10n, -nearest.scale);
    const center = BigInt(nearest.digits);
    const inside = [center - 1n, center, center + 1n].filter((d) => d > 0n && dec(d) > bin(lower) && dec(d) < bin(upper));
    if (inside.length === 0) continue;
    const distance = (d: bigint): bigint => (dec(d) > bin(value) ? dec(d) - bin(value) : bin(value) - dec(d));
    // The nearest to the value; of two equally near, the even one.
    const best = inside.reduce((a, b) => (distance(a) < distance(b) || (distance(a) === distance(b) && a % 2n === 0n) ? a : b));
    return trimZeros(best.toString(), nearest.scale);
  }
  return trimZeros(exact.digits, exact.scale);
}

/** base^k for k > 0, else 1: the factor that only one side of a comparison needs. */
function pow(base: bigint, k: number): bigint {
  return k > 0 ? base ** BigInt(k) : 1n;
}

function trimZeros(digits: string, scale: number): { digits: string; scale: number } {
  const trimmed = digits.replace(/0+$/, "");
  return { digits: trimmed, scale: scale + digits.length - trimmed.length };
}

/** digits × 10^scale rounded to p significant digits, half to even. */
function roundHalfEven(digits: string, scale: number, p: number): { digits: string; scale: number } {
  if (digits.length <= p) return { digits, scale };
  const kept = digits.slice(0, p);
  const rest = digits.slice(p);
  const half = /^50*$/.test(rest);
  const up = rest[0] > "5" || (rest[0] === "5" && !half) || (half && Number(kept[kept.length - 1]) % 2 === 1);
  return { digits: up ? (BigInt(kept) + 1n).toString() : kept, scale: scale + rest.length };
}
