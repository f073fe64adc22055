import { exactText, YAML_KEYS, YamlExact } from "./yaml-float.js";

/** The string a YAML key is known by (as the yaml library names it): `1`, `true`, `1.0`; `""` for null. */
function keyText(k: unknown): string {
  if (k === null || k === undefined) return "";
  if (k instanceof YamlExact) return exactText(k);
  return typeof k === "object" ? JSON.stringify(k) : String(k);
}

/**
 * The data of a document read with `mapAsMap`, as kmig computes with it: each mapping a plain object
 * keyed by strings (so that `external.provider` reads it), its other keys remembered (not enumerable:
 * JSON and comparisons never see them) so that a copied mapping is written with PyYAML's key types.
 * An object used twice (an alias) stays one object; one that contains itself (`&a [*a]`) is an error:
 * neither JSON nor kmig's mappings can hold it.
 */
export function objectsOf(v: unknown, seen = new Map<object, unknown>(), open = new Set<object>()): unknown {
  if (typeof v !== "object" || v === null || v instanceof YamlExact) return v;
  if (open.has(v)) throw new Error("a collection contains itself through an alias");
  if (seen.has(v)) return seen.get(v);
  open.add(v);
  try {
    return convert(v, (x) => objectsOf(x, seen, open), seen);
  } finally {
    open.delete(v);
  }
}

function convert(v: object, again: (x: unknown) => unknown, seen: Map<object, unknown>): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    seen.set(v, out);
    for (const x of v) out.push(again(x));
    return out;
  }
  if (!(v instanceof Map) && !(v instanceof Set)) return v;
  const out: Record<string, unknown> = {};
  seen.set(v, out);
  const keys = new Map<string, unknown>();
  for (const [k, x] of v instanceof Set ? [...v].map((k) => [k, null] as const) : v) {
    const text = keyText(k);
    if (typeof k === "string") keys.delete(text);
    else keys.set(text, again(k));
    // defineProperty: a key `__proto__` is a key like any other.
    Object.defineProperty(out, text, { value: again(x), writable: true, enumerable: true, configurable: true });
  }
  if (keys.size > 0) Object.defineProperty(out, YAML_KEYS, { value: keys, enumerable: false });
  return out;
}
