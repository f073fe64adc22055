/**
 * Numeric text exactly as PostgreSQL reads and prints it, so that JavaScript results match the
 * server's: exact decimals with their scale kept, and the decimal syntax `to_number` accepts.
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
