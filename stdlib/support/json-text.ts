import { jsonNumberText } from "./numbers.js";

/**
 * JSON values in the JavaScript value model, and the text and order jsonb gives them, so that
 * JavaScript results compare and print exactly as PostgreSQL's.
 */

/** A JSON value as `JSON.parse` returns it. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** True for a JSON object (not null, not an array). */
export function isJsonObject(v: unknown): v is { readonly [key: string]: Json } {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** The value of an object's own key, or undefined: inherited names like `toString` are not keys. */
export function ownValue(o: { readonly [key: string]: Json }, key: string): Json | undefined {
  return Object.hasOwn(o, key) ? o[key] : undefined;
}

/** Compares by Unicode code point, as PostgreSQL's `COLLATE "C"` does on UTF-8 (UTF-16 order differs above U+D7FF). */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xPair = x >= 0xd800 && x <= 0xdfff;
    const yPair = y >= 0xd800 && y <= 0xdfff;
    // A surrogate starts a code point above U+FFFF, greater than any BMP character.
    if (xPair !== yPair) return xPair ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

function utf8Length(s: string): number {
  let n = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0) ?? 0;
    n += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
  }
  return n;
}

/** jsonb's key order: shorter keys (in UTF-8 bytes) first, then byte order. */
export function compareJsonbKeys(a: string, b: string): number {
  return utf8Length(a) - utf8Length(b) || compareCodePoints(a, b);
}

/** The text jsonb prints for `v`: keys in jsonb order, `", "` and `": "` separators, numbers in plain notation. */
export function jsonText(v: Json): string {
  if (v === null || typeof v === "boolean") return String(v);
  if (typeof v === "number") return jsonNumberText(v);
  if (typeof v === "string") return JSON.stringify(v); // escapes exactly what PostgreSQL's escape_json escapes
  if (Array.isArray(v)) return `[${v.map(jsonText).join(", ")}]`;
  const o = v as { readonly [key: string]: Json };
  const keys = Object.keys(o).sort(compareJsonbKeys);
  return `{${keys.map((k) => `${JSON.stringify(k)}: ${jsonText(o[k])}`).join(", ")}}`;
}

const RANK = { null: 0, boolean: 1, number: 2, string: 3, array: 4, object: 5 } as const;

/** The kind of a JSON value as `jsonb_typeof` names it. */
export function jsonKind(v: Json): keyof typeof RANK {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  return typeof v as "boolean" | "number" | "string" | "object";
}

/**
 * The order `sort` uses, the same in SQL: by kind (null < boolean < number < string < array <
 * object), then false < true, numbers by value, strings by code point, arrays and objects by their
 * jsonb text (by code point).
 */
export function compareJson(a: Json, b: Json): number {
  const ka = jsonKind(a);
  const kb = jsonKind(b);
  if (ka !== kb) return RANK[ka] - RANK[kb];
  switch (ka) {
    case "null":
      return 0;
    case "boolean":
      return Number(a) - Number(b);
    case "number":
      return (a as number) < (b as number) ? -1 : (a as number) > (b as number) ? 1 : 0;
    case "string":
      return compareCodePoints(a as string, b as string);
    default:
      return compareCodePoints(jsonText(a), jsonText(b));
  }
}

/** Ranks of the kinds, for the SQL side of `sort`. */
export const JSON_KIND_RANK: Readonly<Record<keyof typeof RANK, number>> = RANK;
