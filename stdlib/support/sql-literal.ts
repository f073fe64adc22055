import type { Type } from "../../core/types.js";
import { castName, sqlString } from "./sql.js";
import { float4Text, float8Text } from "./float-text.js";

/** A SQL literal for a value of the JavaScript value model, typed as `t` (missing becomes a typed NULL). */
export function sqlLiteral(v: unknown, t: Type): string {
  if (t.kind === "null" || t.kind === "error") return "NULL";
  const type = t.kind === "scalar" && t.name === "char" ? `char(${t.args[0] ?? 1})` : castName(t);
  if (v === undefined) return `NULL::${type}`;
  if (t.kind === "json") return `${sqlString(JSON.stringify(v))}::jsonb`;
  if (t.kind === "array") {
    const items = (v as readonly unknown[]).map((e) => sqlLiteral(e ?? undefined, t.element));
    return `ARRAY[${items.join(", ")}]::${type}`;
  }
  if (typeof v === "boolean") return String(v);
  if (typeof v === "number") {
    const text = t.name === "real" ? float4Text(v) : t.name === "double precision" ? float8Text(v) : String(v);
    return `${sqlString(text)}::${type}`;
  }
  return `${sqlString(String(v))}::${type}`;
}
