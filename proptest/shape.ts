import type { Type } from "../core/types.js";

/**
 * How `kmig test` compares the SQL and JavaScript results of a volatile mapping (`random()`,
 * `gen_random_uuid()`: a new value per call, so the two sides can never agree on the value): by
 * shape and type. Both absent or both present; the SQL value of the column's type; and equal once
 * every UUID and every number in them is set aside — `review || '-' || to_text(gen_random_uuid())`
 * must give `<review>-<uuid>` on both sides, whatever the UUID.
 */

const UUID_TEXT = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi;
const NUMBER_TEXT = /-?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?/gi;

/** A value with its UUIDs, numbers and booleans replaced by placeholders: what every evaluation of a volatile expression shares. */
export function shapeOf(v: unknown): unknown {
  if (v === undefined || v === null) return v;
  if (typeof v === "number") return "<number>";
  if (typeof v === "boolean") return "<boolean>";
  if (typeof v === "string") return v.replace(UUID_TEXT, "<uuid>").replace(NUMBER_TEXT, "<number>");
  if (Array.isArray(v)) return v.map(shapeOf);
  if (typeof v === "object") return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, shapeOf(x)]));
  return String(v);
}

const UUID_ONLY = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INTEGER_RANGES: Readonly<Record<string, readonly [number, number]>> = { smallint: [-32768, 32767], integer: [-2147483648, 2147483647] };

/** Whether `v` (the JS value model) is a value of type `t`: a UUID's format, an integer's range, a text's length. */
export function conformsTo(v: unknown, t: Type): boolean {
  if (v === undefined) return t.kind === "null" || t.kind === "error" || t.nullable;
  switch (t.kind) {
    case "json":
    case "null":
    case "error":
      return true;
    case "array":
      return Array.isArray(v) && v.every((x) => x === undefined || x === null || conformsTo(x, t.element));
    case "opaque":
      return typeof v === "string";
    case "enum":
      // A label (which labels the type has is the schema's: PostgreSQL checks it on write).
      return typeof v === "string";
    case "scalar": {
      const range = INTEGER_RANGES[t.name];
      if (range) return typeof v === "number" && Number.isInteger(v) && v >= range[0] && v <= range[1];
      switch (t.name) {
        case "uuid":
          return typeof v === "string" && UUID_ONLY.test(v);
        case "boolean":
          return typeof v === "boolean";
        case "real":
        case "double precision":
          return typeof v === "number" && !Number.isNaN(v);
        case "bigint":
          return typeof v === "string" && /^-?\d+$/.test(v);
        case "numeric":
          return typeof v === "string" && /^-?\d+(\.\d+)?$|^NaN$|^-?Infinity$/.test(v);
        case "varchar":
        case "char":
          return typeof v === "string" && (t.args[0] === undefined || [...v].length <= t.args[0]);
        default:
          return typeof v === "string";
      }
    }
  }
}

/**
 * The SQL result of a volatile expression against its JavaScript evaluations (`samples`, several
 * calls on the same row): a reason they disagree, or null. Where the samples differ in shape among
 * themselves (a random choice of branch), only the type and, if the samples agree on it, presence
 * are compared.
 */
export function shapeDisagreement(samples: readonly unknown[], sql: unknown, t: Type): string | null {
  if (!conformsTo(sql, t)) return `SQL gives ${JSON.stringify(sql) ?? "NULL"}, which is not a value of the column's type`;
  const present = new Set(samples.map((s) => s !== undefined));
  if (present.size === 1 && present.has(sql !== undefined) === false) return `SQL gives ${sql === undefined ? "NULL" : JSON.stringify(sql)}, JS gives ${JSON.stringify(samples[0]) ?? "undefined (NULL)"}`;
  const shapes = new Set(samples.map((s) => JSON.stringify(shapeOf(s))));
  if (shapes.size !== 1) return null;
  const want = [...shapes][0];
  const got = JSON.stringify(shapeOf(sql));
  return got === want ? null : `SQL gives ${JSON.stringify(sql)} (shape ${got}), JS gives ${JSON.stringify(samples[0])} (shape ${want}); the expression is volatile, so only shapes are compared`;
}
