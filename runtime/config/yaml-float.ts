import { isScalar, Scalar, visit, type Document } from "yaml";

/**
 * A YAML float whose value is a whole number (`1.0`, `3.0e2`). A JavaScript number cannot tell it
 * from the int `1`, but PyYAML (the v1 migrator) and jsonb can: `1.0` read stays `1.0` written.
 * Floats with a fraction (`2.5`) stay plain numbers: they print as floats anyway.
 */
export class YamlFloat {
  constructor(readonly value: number) {}
  /** JSON has no float/int distinction: a float serialises as its number. */
  toJSON(): number {
    return this.value;
  }
}

/** A float for `n`: a YamlFloat when it is whole, else the number itself. */
export const floatOf = (n: number): number | YamlFloat => (Number.isInteger(n) ? new YamlFloat(n) : n);

/** The text PostgreSQL gives a jsonb float (`1.0`), as `->>` and casts to text or numeric do. */
export const floatText = (f: YamlFloat): string => (/[.e]/.test(String(f.value)) ? String(f.value) : `${f.value}.0`);

/**
 * A copy of the parsed document in which every whole-valued float scalar holds a YamlFloat, so
 * that `toJS` (which keeps scalar values as they are) hands them on. The original is untouched:
 * patch mode still splices its source ranges.
 */
export function withFloats(doc: Document): Document {
  const copy = doc.clone();
  visit(copy, {
    Scalar(_key, node) {
      if (typeof node.value === "number" && Number.isInteger(node.value) && isFloatSource(node)) node.value = new YamlFloat(node.value);
    },
  });
  return copy;
}

/** The scalar was written as a float: tagged `!!float`, or a plain number with a dot or an exponent (`1.0`, `1e3`). */
function isFloatSource(node: Scalar): boolean {
  if (node.tag === "tag:yaml.org,2002:float") return true;
  const source = (node as Scalar & { source?: string }).source;
  return typeof source === "string" && /^[-+]?[\d_]*\.?[\d_]*([eE][-+]?\d+)?$/.test(source) && /[.eE]/.test(source);
}

/**
 * `v` with each YamlFloat replaced by `leaf(it)`. Parts that hold none are shared, not copied: plain
 * data costs nothing, and an object used twice stays one object (the YAML writer aliases it).
 */
function replaceFloats(v: unknown, leaf: (f: YamlFloat) => unknown): unknown {
  if (v instanceof YamlFloat) return leaf(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => replaceFloats(x, leaf));
    return items.some((x, i) => x !== v[i]) ? items : v;
  }
  if (typeof v === "object" && v !== null && !isScalar(v)) {
    const entries = Object.entries(v).map(([k, x]) => [k, replaceFloats(x, leaf)] as const);
    return entries.some(([k, x]) => x !== (v as Record<string, unknown>)[k]) ? Object.fromEntries(entries) : v;
  }
  return v;
}

/** `v` without YamlFloats (each becomes its number), for code that inspects values. */
export const plainOf = (v: unknown): unknown => replaceFloats(v, (f) => f.value);

/** `v` ready for the `yaml` library: each YamlFloat becomes a float scalar that prints as `1.0`. */
export const yamlValueOf = (v: unknown): unknown =>
  replaceFloats(v, (f) => {
    const s = new Scalar(f.value);
    s.minFractionDigits = 1;
    return s;
  });
