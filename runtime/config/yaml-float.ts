import { isScalar, Pair, Scalar, visit, YAMLMap, type Document } from "yaml";

/**
 * A YAML scalar whose JavaScript value would change it on the way back to YAML. Copied, it is
 * written back as it was read (as PyYAML, the v1 migrator, and jsonb keep it); computed with, it is
 * its plain `value`.
 */
export abstract class YamlExact {
  abstract readonly value: number | string;
  /** JSON has no such distinctions: the plain value. */
  toJSON(): number | string {
    return this.value;
  }
}

/**
 * A YAML float whose value is a whole number (`1.0`, `3.0e+2`). A JavaScript number cannot tell it
 * from the int `1`, but PyYAML and jsonb can: `1.0` read stays `1.0` written. Floats with a
 * fraction (`2.5`) stay plain numbers: they print as floats anyway.
 */
export class YamlFloat extends YamlExact {
  constructor(readonly value: number) {
    super();
  }
}

/** A YAML int beyond JavaScript's safe integers (PyYAML's ints are exact): written back digit for digit. */
export class YamlBigInt extends YamlExact {
  readonly value: number;
  constructor(readonly exact: bigint) {
    super();
    this.value = Number(exact);
  }
}

/** A YAML 1.1 timestamp (`2024-05-01`): PyYAML reads a date; kmig keeps its text and writes it back plain, a date still. */
export class YamlTimestamp extends YamlExact {
  constructor(readonly value: string) {
    super();
  }
  get text(): string {
    return this.value;
  }
}

/** Where a mapping read from YAML keeps its keys that were not strings (`1:`, `null:`), by their string form (see yaml-keys.ts). */
export const YAML_KEYS = Symbol("kmig.yaml-keys");

/** A mapping's keys that were not strings, as read, by the string each is known by in kmig. */
export const yamlKeysOf = (o: object): ReadonlyMap<string, unknown> | undefined => (o as { [YAML_KEYS]?: Map<string, unknown> })[YAML_KEYS];

/** The text PostgreSQL would give the value as `->>` does: `1.0` for a whole float, every digit of a big int. */
export const exactText = (v: YamlExact): string => (v instanceof YamlFloat ? floatText(v) : v instanceof YamlBigInt ? v.exact.toString() : String(v.value));

/** A float for `n`: a YamlFloat when it is whole, else the number itself. */
export const floatOf = (n: number): number | YamlFloat => (Number.isInteger(n) ? new YamlFloat(n) : n);

/** The text PostgreSQL gives a jsonb float (`1.0`), as `->>` and casts to text or numeric do. */
export const floatText = (f: YamlFloat): string => (/[.e]/.test(String(f.value)) ? String(f.value) : `${f.value}.0`);

/**
 * A copy of the parsed document in which every whole-valued float scalar holds a YamlFloat and
 * every big int a YamlBigInt, so that `toJS` (which keeps scalar values as they are) hands them on.
 * The original is untouched: patch mode still splices its source ranges.
 */
export function withFloats(doc: Document): Document {
  const copy = doc.clone();
  visit(copy, {
    Scalar(_key, node) {
      if (typeof node.value === "bigint") node.value = new YamlBigInt(node.value);
      else if (typeof node.value === "number" && Number.isInteger(node.value) && isFloatSource(node)) node.value = new YamlFloat(node.value);
    },
  });
  return copy;
}

/** The scalar was written as a float: tagged `!!float`, or plain with a dot (every PyYAML float has one, no int has). */
function isFloatSource(node: Scalar): boolean {
  if (node.tag === "tag:yaml.org,2002:float") return true;
  const source = (node as Scalar & { source?: string }).source;
  return typeof source === "string" && source.includes(".");
}

/**
 * `v` with each YamlExact replaced by `leaf(it)`; with `typedKeys`, each mapping that had keys other
 * than strings becomes a YAMLMap node with those keys as read (written `1: x`, not `"1": x`).
 * Parts that hold none are shared, not copied: plain data costs nothing, and an object used twice
 * stays one object (the YAML writer aliases it).
 */
function replaceExact(v: unknown, leaf: (f: YamlExact) => unknown, typedKeys: boolean, seen = new Map<object, unknown>()): unknown {
  if (v instanceof YamlExact) return leaf(v);
  if (typeof v !== "object" || v === null || isScalar(v)) return v;
  if (seen.has(v)) return seen.get(v);
  const again = (x: unknown) => replaceExact(x, leaf, typedKeys, seen);
  let out: unknown = v;
  if (Array.isArray(v)) {
    const items = v.map(again);
    if (items.some((x, i) => x !== v[i])) out = items;
  } else {
    const entries = Object.entries(v).map(([k, x]) => [k, again(x)] as const);
    const keys = typedKeys ? yamlKeysOf(v) : undefined;
    if (keys) out = typedMap(entries.map(([k, x]) => [keys.has(k) ? again(keys.get(k)) : k, x]));
    else if (entries.some(([k, x]) => x !== (v as Record<string, unknown>)[k])) out = Object.fromEntries(entries);
  }
  seen.set(v, out);
  return out;
}

/** A mapping node with the given keys (numbers, null, booleans, dates, strings) as they are. */
function typedMap(entries: readonly (readonly [unknown, unknown])[]): YAMLMap {
  const map = new YAMLMap<unknown, unknown>();
  for (const [k, x] of entries) map.items.push(new Pair(isScalar(k) ? k : new Scalar(k), x));
  return map;
}

/** `v` without YamlExacts (each becomes its plain number or text), for code that inspects values. */
export const plainOf = (v: unknown): unknown => replaceExact(v, (f) => f.value, false);

/**
 * `v` ready for the `yaml` library: each YamlFloat becomes a float scalar that prints as `1.0`, a
 * YamlBigInt a bigint scalar, a YamlTimestamp a scalar the PyYAML schema writes plain; mappings get
 * their keys' types back.
 */

export const yamlValueOf = (v: unknown): unknown =>
  replaceExact(
    v,
    (f) => {
      if (f instanceof YamlBigInt) return new Scalar(f.exact);
      if (f instanceof YamlTimestamp) return new Scalar(f);
      const s = new Scalar(f.value);
      s.minFractionDigits = 1;
      return s;
    },
    true,
  );
