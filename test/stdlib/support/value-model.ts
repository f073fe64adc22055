import { sqlType, type Type } from "../../../core/types.js";
import { float4Text, float8Text } from "../../../stdlib/support/float-text.js";

/**
 * The value model on the wire: how a test binds JavaScript values as query parameters, reads results
 * back, and compares them. Every argument travels as JSON (`null` for missing, else `[value]`) and is
 * cast to its type in SQL; every result comes back as `::text` and is parsed by its type.
 */

/** The JSON encoding of one argument: null for missing, else a one-element array with its text or JSON. */
export function encodeArg(v: unknown, t: Type): unknown {
  if (v === undefined) return null;
  return [t.kind === "json" ? v : scalarText(v, t)];
}

function scalarText(v: unknown, t: Type): unknown {
  if (t.kind === "array") return (v as unknown[]).map((e) => (e === undefined ? null : scalarText(e, t.element)));
  if (typeof v !== "number") return String(v);
  if (t.kind === "scalar" && t.name === "real") return float4Text(v);
  return float8Text(v); // keeps -0, NaN and Infinity, which JSON numbers cannot carry
}

/** SQL reading argument `k` of the row `row` (a jsonb array of encoded arguments) as type `t`. */
export function decodeArgSql(row: string, k: number, t: Type): string {
  // Guarded: `->` reads a scalar as a one-element array, so `'null'::jsonb -> 0` would be JSON null.
  const encoded = `(CASE WHEN jsonb_typeof(${row} -> ${k}) = 'array' THEN ${row} -> ${k} -> 0 END)`;
  switch (t.kind) {
    case "null":
    case "error":
      return "NULL";
    case "enum":
    case "json":
      return encoded;
    case "opaque":
      return `((${encoded} #>> '{}')::${sqlType(t)})`;
    case "scalar":
      return `((${encoded} #>> '{}')::${sqlType(t)})`;
    case "array":
      return (
        `(CASE WHEN ${encoded} IS NULL THEN NULL ELSE ARRAY(SELECT (x.e)::${sqlType(t.element)} ` +
        `FROM jsonb_array_elements_text(${encoded}) WITH ORDINALITY AS x(e, o) ORDER BY x.o) END)`
      );
  }
}

/** A result read back from its `::text` (arrays: `to_jsonb(…)::text`; null for SQL NULL) into the value model. */
export function fromSqlText(text: string | null, t: Type): unknown {
  if (text === null) return undefined;
  if (t.kind === "json") return JSON.parse(text);
  // Array results are read as to_jsonb text: enough for arrays of text and integer, which is all the tests use.
  if (t.kind === "array") return (JSON.parse(text) as unknown[]).map((e) => (e === null ? undefined : e));
  if (t.kind !== "scalar") return undefined;
  switch (t.name) {
    case "smallint":
    case "integer":
    case "real":
    case "double precision":
      return Number(text);
    case "boolean":
      return text === "true";
    default:
      return text;
  }
}

/** Equality under the value model: numbers by value (NaN equals NaN, -0 equals 0), objects regardless of key order. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b || (Number.isNaN(a) && Number.isNaN(b));
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (typeof a === "object" && a !== null && typeof b === "object" && b !== null) {
    const ka = Object.keys(a).sort();
    const kb = Object.keys(b).sort();
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue(ra[k], rb[k]));
  }
  return a === b;
}

/** A value for messages: JSON, with missing, NaN and -0 spelled out. */
export function showValue(v: unknown): string {
  if (v === undefined) return "‹missing›";
  return JSON.stringify(v, (_k, x) =>
    x === undefined ? "‹missing›" : typeof x === "number" && !Number.isFinite(x) ? `‹${x}›` : Object.is(x, -0) ? "‹-0›" : x,
  );
}
