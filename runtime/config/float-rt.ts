import type { Type } from "../../core/types.js";
import { rt, type Rt } from "../js-runtime.js";
import { exactText, floatOf, plainOf, YamlExact } from "./yaml-float.js";

/** Built-ins that hand their JSON arguments on untouched: a float inside stays a float. */
const KEEPS_VALUES = new Set(["default", "json_array", "json_object"]);
/** Built-ins that take a container apart: only a float at the top is a number to them. */
const TAKES_APART = new Set(["json_get", "merge"]);

const top = (v: unknown): unknown => (v instanceof YamlExact ? v.value : v);
const textual = (t: Type) => t.kind === "scalar" && ["text", "varchar", "char", "numeric"].includes(t.name);

/**
 * The JavaScript runtime (`rt`) for config mappings, where JSON values may hold YamlExacts. Copying
 * a value keeps a float a float (`retry_delay ?? 1.0` writes `1.0`, as jsonb and PyYAML keep it);
 * everything that looks at a value sees plain numbers, so every result is the one `rt` gives —
 * except a float read as text or numeric, which is `1.0` as PostgreSQL's `->>` makes it.
 */
export const floatRt: Rt = {
  ...rt,
  call(fn, args, types) {
    if (fn === "to_json") return types[0]?.kind === "json" ? args[0] : numericJson(args[0], types[0]) ?? rt.call(fn, args.map(plainOf), types);
    if (fn === "to_text" && args[0] instanceof YamlExact) return exactText(args[0]);
    if (KEEPS_VALUES.has(fn)) return rt.call(fn, args, types);
    return rt.call(fn, args.map(TAKES_APART.has(fn) ? top : plainOf), types);
  },
  get: (object, key) => rt.get(top(object), top(key)),
  compare: (op, a, b, json, types) => rt.compare(op, plainOf(a), plainOf(b), json, types),
  arith: (op, a, b, type) => rt.arith(op, top(a), top(b), type),
  concat: (a, b) => rt.concat(top(a), top(b)),
  inList: (x, list, negated, json, types) => rt.inList(plainOf(x), list.map(plainOf), negated, json, types),
  isNull: (x) => rt.isNull(top(x)),
  object: (parts) => rt.object(parts.map((p) => ("spread" in p ? { spread: top(p.spread) } : p))),
  fromJson(v, type) {
    if (v instanceof YamlExact && textual(type)) return exactText(v);
    return rt.fromJson(plainOf(v), type);
  },
};

/** A numeric written with a fraction or exponent (`1.0`) as JSON: a float, as `to_jsonb` keeps its scale. */
function numericJson(v: unknown, t: Type | undefined): unknown {
  if (typeof v !== "string" || t?.kind !== "scalar" || t.name !== "numeric" || !/[.eE]/.test(v)) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? floatOf(n) : undefined;
}
