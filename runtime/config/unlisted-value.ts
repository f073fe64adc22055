import type { Rt } from "../js-runtime.js";
import { exactText, YamlExact } from "./yaml-float.js";

/** The error a closed map's JavaScript throws for a value it does not list (see compiler/expr/lower-js.ts). */
export interface UnlistedValue {
  readonly map: string;
  readonly value: unknown;
}

export function unlistedValueOf(e: unknown): UnlistedValue | null {
  const m = (e as { kmigClosedMap?: unknown } | null)?.kmigClosedMap;
  return typeof m === "string" ? { map: m, value: (e as { kmigValue?: unknown }).kmigValue } : null;
}

/** The value as SQL's `quote_literal` shows it, as the closed map's SQL error does. */
export const quotedValue = (v: unknown): string => (v === undefined || v === null ? "NULL" : `'${String(v).replace(/'/g, "''")}'`);

/**
 * Where in the old document an unlisted value came from. Runs the mapping again with an `rt` that
 * records every key it reads (by its path in the document), then picks the last read whose value is
 * the unlisted one (as text), else the last scalar read; null when the mapping read no key.
 */
export function sourceOfValue(old: unknown, base: Rt, evaluate: (rt: Rt) => unknown, value: unknown): (string | number)[] | null {
  const paths = new WeakMap<object, (string | number)[]>();
  const index = (v: unknown, path: (string | number)[]) => {
    if (typeof v !== "object" || v === null || v instanceof YamlExact || paths.has(v)) return;
    paths.set(v, path);
    for (const [k, x] of Object.entries(v)) index(x, [...path, Array.isArray(v) ? Number(k) : k]);
  };
  index(old, []);
  const reads: { path: (string | number)[]; value: unknown }[] = [];
  const tracking: Rt = {
    ...base,
    get(object, key) {
      const got = base.get(object, key);
      const at = typeof object === "object" && object !== null ? paths.get(object) : undefined;
      if (at && (typeof key === "string" || typeof key === "number")) reads.push({ path: [...at, key], value: got });
      return got;
    },
  };
  try {
    evaluate(tracking);
  } catch {
    // It fails again, as expected: the reads up to the failure are what we want.
  }
  const text = (v: unknown) => (v instanceof YamlExact ? exactText(v) : typeof v === "object" || v === undefined || v === null ? null : String(v));
  const scalars = reads.filter((r) => typeof r.value !== "object" || r.value === null || r.value instanceof YamlExact);
  const wanted = value === undefined || value === null ? null : String(value);
  const same = scalars.filter((r) => (wanted === null ? r.value === undefined || r.value === null : text(r.value) === wanted));
  return (same.at(-1) ?? scalars.at(-1) ?? reads.at(-1))?.path ?? null;
}
