import type { ScalarName, Type } from "../../core/types.js";
import { type Json } from "./json-text.js";
import { float4Text, float8Text } from "./float-text.js";

/**
 * Conversions between values of the JavaScript value model (see builtin.ts), mirroring the casts the
 * SQL lowerings make: char loses its padding as text, scalars become JSON the way `to_jsonb` makes them.
 */

/** A text-like value as text: char(n) loses its trailing blanks, as PostgreSQL's cast to text does. */
export function textOf(v: string, t: Type): string {
  return t.kind === "scalar" && t.name === "char" ? v.replace(/ +$/, "") : v;
}

/** `v` (of type `t`) as `to_jsonb` converts it; missing stays missing. */
export function jsonOf(v: unknown, t: Type): Json | undefined {
  if (v === undefined) return undefined;
  switch (t.kind) {
    case "json":
    case "error":
      return v as Json;
    case "null":
      return undefined;
    case "enum":
    case "opaque":
      // PostgreSQL's to_jsonb writes a type without a JSON form as a string of its text output.
      return v as string;
    case "array":
      return (v as readonly unknown[]).map((e) => jsonOf(e, t.element) ?? null);
    case "scalar":
      return jsonOfScalar(v, t.name);
  }
}

function jsonOfScalar(v: unknown, name: ScalarName): Json {
  switch (name) {
    case "real":
    case "double precision":
      // jsonb has no NaN or Infinity: to_jsonb writes them as strings.
      return Number.isFinite(v) ? (v as number) : name === "real" ? float4Text(v as number) : float8Text(v as number);
    case "bigint":
    case "numeric":
      return /^-?[0-9]/.test(v as string) ? Number(v) : (v as string);
    case "char":
      return textOf(v as string, { kind: "scalar", name, args: [], nullable: false });
    case "timestamp":
      return (v as string).replace(" ", "T");
    case "timestamptz":
      // to_jsonb writes ISO 8601: `T` between date and time, the offset with minutes.
      return (v as string).replace(" ", "T").replace(/([+-][0-9]{2})( BC)?$/, "$1:00$2");
    default:
      return v as Json;
  }
}

/**
 * `v` of type `from` as a value of type `to`, where `to` is what both arguments of `default` unify to:
 * JSON by `to_jsonb`, char to text, smaller integers to the string form of bigint and numeric.
 */
export function convertValue(v: unknown, from: Type, to: Type): unknown {
  if (v === undefined) return undefined;
  if (to.kind === "json" && from.kind !== "json") return jsonOf(v, from);
  if (to.kind !== "scalar" || from.kind !== "scalar") return v;
  if (from.name === "char" && to.name !== "char") return textOf(v as string, from);
  if (typeof v === "number" && (to.name === "bigint" || to.name === "numeric")) return String(v);
  return v;
}
