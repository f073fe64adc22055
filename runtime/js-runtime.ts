import { lookupBuiltin } from "../stdlib/index.js";
import type { Type } from "../core/types.js";
import type { Rt } from "../core/rt.js";
import { compareTimeValues, type TimeKind } from "../stdlib/support/datetime.js";

export type { Rt };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** JSON equality as jsonb defines it: numbers by value, objects regardless of key order. */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number") return a === b;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => jsonEqual(x, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && jsonEqual(a[k], b[k]));
  }
  return a === b;
}

/** Compares code point by code point, as PostgreSQL's "C" collation compares UTF-8 bytes. */
function codePointCompare(a: string, b: string): number {
  const x = [...a];
  const y = [...b];
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    const d = (x[i].codePointAt(0) as number) - (y[i].codePointAt(0) as number);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

function scalarCompare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
  if (typeof a === "string" && typeof b === "string") {
    if (/^-?\d+(\.\d+)?$/.test(a) && /^-?\d+(\.\d+)?$/.test(b)) return Number(a) - Number(b);
    return codePointCompare(a, b);
  }
  return Number(a) - Number(b);
}

/** Dates, timestamps, times and intervals by value, as PostgreSQL orders them (`1 mon` equals `30 days`). */
function timeCompare(a: unknown, b: unknown, types: readonly Type[]): number {
  const kind = (t: Type | undefined): TimeKind => (t?.kind === "scalar" ? (t.name as TimeKind) : "timestamp");
  return compareTimeValues(a as string, kind(types[0]), b as string, kind(types[1]));
}

function intType(t: Type): boolean {
  return t.kind === "scalar" && (t.name === "smallint" || t.name === "integer" || t.name === "bigint");
}

export const rt: Rt = {
  call(fn, args, types) {
    const b = lookupBuiltin(fn);
    if (!b) throw new Error(`kmig runtime: unknown built-in ${fn}`);
    return b.js(args, types);
  },
  get(object, key) {
    if (typeof key === "string") return isObject(object) && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
    if (typeof key === "number" && Array.isArray(object)) {
      const i = key < 0 ? object.length + key : key;
      return i >= 0 && i < object.length ? object[i] : undefined;
    }
    return undefined;
  },
  // Conditions are two-valued (the checker makes every operand a non-NULL boolean).
  and: (a, b) => a === true && b() === true,
  or: (a, b) => a === true || b() === true,
  not: (a) => a !== true,
  truthyCond: (a) => a === true,
  compare(op, a, b, json, types) {
    // Absent (SQL NULL, missing, JSON null) equals absent; an ordering with an absent side is false.
    const absentA = a === undefined || a === null;
    const absentB = b === undefined || b === null;
    const order = (): number => (types ? timeCompare(a, b, types) : scalarCompare(a, b));
    if (op === "==" || op === "!=") {
      const eq = absentA || absentB ? absentA && absentB : json ? jsonEqual(a, b) : order() === 0 || (!types && a === b);
      return op === "==" ? eq : !eq;
    }
    if (absentA || absentB) return false;
    const c = order();
    return op === "<" ? c < 0 : op === "<=" ? c <= 0 : op === ">" ? c > 0 : c >= 0;
  },
  arith(op, a, b, type) {
    if (a === undefined || b === undefined) return undefined;
    if (type.kind === "scalar" && type.name === "bigint") {
      const x = BigInt(a as string | number);
      const y = BigInt(b as string | number);
      const r = op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : op === "/" ? x / y : x % y;
      return String(r);
    }
    const x = Number(a);
    const y = Number(b);
    let r = op === "+" ? x + y : op === "-" ? x - y : op === "*" ? x * y : op === "/" ? x / y : x % y;
    if (op === "/" && intType(type)) r = Math.trunc(r);
    return type.kind === "scalar" && type.name === "numeric" ? String(r) : r;
  },
  concat: (a, b) => (a === undefined || b === undefined ? undefined : `${a as string}${b as string}`),
  inList(x, list, negated, json, types) {
    const found = list.some((item) => rt.compare("==", x, item, json, types) === true);
    return negated ? !found : found;
  },
  isNull: (x) => x === undefined || x === null,
  object(parts) {
    const out: Record<string, unknown> = {};
    for (const p of parts) {
      if ("spread" in p) {
        if (isObject(p.spread)) Object.assign(out, p.spread);
        continue;
      }
      if ("guard" in p && p.guard !== true) continue;
      if (p.optional && p.value === undefined) continue;
      // Replace rather than assign so that a later key moves to the end, as jsonb_build_object keeps the last.
      delete out[p.key];
      out[p.key] = p.value === undefined ? null : p.value;
    }
    return out;
  },
  array(parts) {
    const out: unknown[] = [];
    for (const p of parts) {
      if ("spread" in p) {
        if (Array.isArray(p.spread)) out.push(...p.spread);
        continue;
      }
      if ("guard" in p && p.guard !== true) continue;
      out.push(p.value === undefined ? null : p.value);
    }
    return out;
  },
  fromJson(v, type) {
    if (v === undefined || v === null) return undefined;
    if (type.kind !== "scalar") return v;
    if (type.name === "boolean") return typeof v === "boolean" ? v : v === "true" ? true : v === "false" ? false : undefined;
    if (type.name === "smallint" || type.name === "integer" || type.name === "real" || type.name === "double precision") return Number(v);
    if (typeof v === "string") return v;
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  },
};
