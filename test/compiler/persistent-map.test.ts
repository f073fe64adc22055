import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { PersistentMap } from "../../compiler/model/persistent-map.js";

/** A step of a random history: set a key, or delete one. Few distinct keys, so that keys come back. */
const stepArb = fc.oneof(
  fc.record({ op: fc.constant("set" as const), key: fc.string({ maxLength: 3 }), value: fc.integer() }),
  fc.record({ op: fc.constant("delete" as const), key: fc.string({ maxLength: 3 }) }),
);

describe("PersistentMap", () => {
  it("behaves as a Map, insertion order included, and leaves every earlier version unchanged", () => {
    fc.assert(
      fc.property(fc.array(stepArb, { maxLength: 200 }), (steps) => {
        let p = PersistentMap.empty<number>();
        const m = new Map<string, number>();
        const versions: { p: PersistentMap<number>; entries: [string, number][] }[] = [];
        for (const s of steps) {
          if (s.op === "set") {
            p = p.with(s.key, s.value);
            m.set(s.key, s.value);
          } else {
            p = p.without(s.key);
            m.delete(s.key);
          }
          expect([...p]).toEqual([...m]);
          expect(p.size).toBe(m.size);
          versions.push({ p, entries: [...m] });
        }
        for (const v of versions) expect([...v.p.entries()]).toEqual(v.entries);
      }),
    );
  });

  it("keeps keys whose hashes share many bits apart (deep branches, then removal back to a leaf)", () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `t${i}`);
    let p = PersistentMap.empty<number>();
    keys.forEach((k, i) => (p = p.with(k, i)));
    expect(keys.every((k, i) => p.get(k) === i)).toBe(true);
    for (const k of keys.slice(1)) p = p.without(k);
    expect([...p]).toEqual([["t0", 0]]);
    expect(p.has("t1")).toBe(false);
  });

  it("keeps keys with the same 32-bit hash apart", () => {
    // `k4uzx` and `kf2ad` have the same FNV-1a hash, as have `k4uzy` and `kf2ae`.
    let p = PersistentMap.of([["k4uzx", 1], ["kf2ad", 2], ["k4uzy", 3], ["kf2ae", 4]]);
    expect([p.get("k4uzx"), p.get("kf2ad"), p.get("k4uzy"), p.get("kf2ae")]).toEqual([1, 2, 3, 4]);
    p = p.with("kf2ad", 5).without("k4uzx");
    expect([...p]).toEqual([["kf2ad", 5], ["k4uzy", 3], ["kf2ae", 4]]);
    expect(p.without("kf2ad").without("kf2ae").get("k4uzy")).toBe(3);
  });
});
