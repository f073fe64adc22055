import { BOOLEAN, JSONB, NUMBERS, withNullable, type Type } from "../core/types.js";
import { checkArity, ok } from "./support/signature.js";
import { asText, typed } from "./support/sql.js";
import { isJsonObject } from "./support/json-text.js";
import type { StdlibBuiltin } from "./support/stdlib-builtin.js";
import { textOf } from "./support/values.js";

/**
 * `truthy(x)`: Python's truthiness, as the Keiko contract defines it. JSON: false, 0, "", [], {}, null
 * and missing are falsy, everything else truthy ("false" and "0" too). Text: non-empty; numbers:
 * non-zero (NaN is truthy, as in Python); boolean: itself; arrays: non-empty; other scalars: present.
 */
export const truthy: StdlibBuiltin = {
  name: "truthy",
  doc: "Python truthiness: false for missing, null, false, 0, '', [] and {}; true otherwise ('false' and '0' too).",
  usage: "truthy(any) → boolean",
  example: "truthy(json_get(params, 'urgent'))",
  exampleCall: { args: [{ type: withNullable(JSONB, true), value: "false" }], result: true },
  volatility: "immutable",
  signature: (args) => checkArity("truthy", args, 1, "truthy(x)") ?? ok(BOOLEAN),
  sql: ([x], [t]) => truthySql(x, t),
  js: ([x], [t]) => truthyValue(x, t),
};

// Falsy JSON values; jsonb `=` compares numbers by value, so 0.0 and -0 match '0'.
const FALSY_JSON = ["false", "0", '""', "[]", "{}", "null"].map((j) => `'${j}'::jsonb`).join(", ");

function truthySql(x: string, t: Type): string {
  switch (t.kind) {
    case "json":
      return `COALESCE(${typed(x, t)} NOT IN (${FALSY_JSON}), false)`;
    case "enum":
    case "opaque":
      return `(${x}) IS NOT NULL`;
    case "array":
      return `COALESCE(cardinality(${typed(x, t)}) > 0, false)`;
    case "null":
    case "error":
      return "false";
    case "scalar":
      if (t.name === "boolean") return `COALESCE(${typed(x, t)}, false)`;
      if (NUMBERS.has(t.name)) return `COALESCE(${typed(x, t)} <> 0, false)`;
      if (t.name === "text" || t.name === "varchar" || t.name === "char") return `COALESCE(${asText(x)} <> '', false)`;
      return `(${x}) IS NOT NULL`;
  }
}

function truthyValue(v: unknown, t: Type): boolean {
  if (v === undefined || v === null) return false;
  switch (t.kind) {
    case "json":
      return truthyJson(v);
    case "enum":
    case "opaque":
      return true;
    case "array":
      return (v as readonly unknown[]).length > 0;
    case "null":
    case "error":
      return false;
    case "scalar":
      if (typeof v === "boolean") return v;
      if (typeof v === "number") return v !== 0; // NaN !== 0: truthy, as in Python and PostgreSQL
      if (t.name === "bigint" || t.name === "numeric") return !/^-?[0.]*$/.test(v as string);
      if (t.name === "text" || t.name === "varchar" || t.name === "char") return textOf(v as string, t) !== "";
      return true;
  }
}

function truthyJson(v: unknown): boolean {
  if (typeof v === "boolean") return v;
  if (typeof v === "number") return v !== 0;
  if (typeof v === "string") return v !== "";
  if (Array.isArray(v)) return v.length > 0;
  return isJsonObject(v) && Object.keys(v).length > 0;
}
