import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EMPTY_SCHEMA, findIndex, putTable, referencesTo, removeTable, type ConstraintState, type SchemaState, type TableState } from "../../compiler/model/schema.js";
import { compileFolder } from "../support/spec-chain.js";

/**
 * The schema's name lookups (`names`) are kept up to date table by table; the law: in every state
 * they are exactly what a scan of the tables finds, and so are the answers built on them.
 */

/** The lookups as a scan of every table computes them, as sorted entries. */
function scanned(s: SchemaState) {
  const relations = new Map<string, number>();
  const constraints = new Map<string, number>();
  const indexTables = new Map<string, Map<string, number>>();
  const referencedBy = new Map<string, Map<string, number>>();
  const inc = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  const held = (m: Map<string, Map<string, number>>, k: string) => m.get(k) ?? m.set(k, new Map()).get(k)!;
  for (const t of s.tables.values()) {
    inc(relations, t.name);
    for (const i of t.indexes) {
      inc(relations, i.name);
      inc(held(indexTables, i.name), t.name);
    }
    for (const c of t.constraints) {
      inc(constraints, c.name);
      if (c.kind === "primaryKey" || c.kind === "unique") inc(relations, c.name);
      if (c.kind === "foreignKey") inc(held(referencedBy, c.refTable), t.name);
    }
  }
  const sorted = <V>(m: ReadonlyMap<string, V>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { relations: sorted(relations), constraints: sorted(constraints), indexTables: sorted(indexTables).map(([k, v]) => [k, sorted(v)]), referencedBy: sorted(referencedBy).map(([k, v]) => [k, sorted(v)]) };
}

function kept(s: SchemaState) {
  const sorted = <V>(m: Iterable<[string, V]>) => [...m].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const n = s.names;
  return { relations: sorted(n.relations), constraints: sorted(n.constraints), indexTables: sorted(n.indexTables).map(([k, v]) => [k, sorted(v)]), referencedBy: sorted(n.referencedBy).map(([k, v]) => [k, sorted(v)]) };
}

/** What `referencesTo` and `findIndex` answered when they scanned every table. */
const referencesByScan = (s: SchemaState, table: string) =>
  [...s.tables.values()].flatMap((t) => t.constraints.filter((c) => c.kind === "foreignKey" && c.refTable === table && t.name !== table).map((c) => ({ table: t.name, constraint: c })));
function findIndexByScan(s: SchemaState, name: string) {
  for (const t of s.tables.values()) {
    const index = t.indexes.find((i) => i.name === name);
    if (index) return { table: t, index };
  }
  return undefined;
}

const NAMES = ["a", "b", "c", "d"];
const constraintArb: fc.Arbitrary<ConstraintState> = fc.oneof(
  fc.record({ kind: fc.constant("primaryKey" as const), name: fc.constantFrom(...NAMES, "a_pkey"), columns: fc.constant(["id"]) }),
  fc.record({ kind: fc.constant("unique" as const), name: fc.constantFrom(...NAMES, "a_key"), columns: fc.constant(["id"]) }),
  fc.record({ kind: fc.constant("check" as const), name: fc.constantFrom(...NAMES, "ck"), columns: fc.constant([]), sql: fc.constant("true"), expr: fc.constant(null) }),
  fc.record({ kind: fc.constant("foreignKey" as const), name: fc.constantFrom(...NAMES, "fk"), columns: fc.constant(["id"]), refTable: fc.constantFrom(...NAMES), refColumns: fc.constant(["id"]), onDelete: fc.constant(null), onUpdate: fc.constant(null) }),
);
const tableArb: fc.Arbitrary<TableState> = fc.record({
  name: fc.constantFrom(...NAMES),
  columns: fc.constant([]),
  constraints: fc.array(constraintArb, { maxLength: 3 }),
  indexes: fc.array(fc.constantFrom(...NAMES, "i1", "i2").map((name) => ({ name, columns: [], unique: false, method: "btree", whereSql: null, where: null })), { maxLength: 3 }),
  comment: fc.constant(null),
});
const opArb = fc.oneof(tableArb.map((t) => ({ put: t })), fc.constantFrom(...NAMES).map((name) => ({ remove: name })));

describe("the schema's name lookups", () => {
  it("are what a scan of the tables finds, after any sequence of puts and removes", () => {
    fc.assert(
      fc.property(fc.array(opArb, { maxLength: 30 }), (ops) => {
        let s = EMPTY_SCHEMA;
        for (const op of ops) {
          s = "put" in op ? putTable(s, op.put) : removeTable(s, op.remove);
          expect(kept(s)).toEqual(scanned(s));
          for (const name of NAMES) expect(referencesTo(s, name)).toEqual(referencesByScan(s, name));
          for (const name of [...NAMES, "i1", "i2"]) expect(findIndex(s, name)).toEqual(findIndexByScan(s, name));
        }
      }),
    );
  });

  it("are what a scan finds in every state of the reference migration", () => {
    const chain = compileFolder("specs/keiko");
    expect(chain.units.length).toBeGreaterThan(1);
    for (const u of chain.units) {
      for (const s of [u.before, u.after]) {
        expect(kept(s)).toEqual(scanned(s));
        for (const t of s.tables.values()) for (const i of t.indexes) expect(findIndex(s, i.name)?.table).toBe(t);
      }
    }
  });
});
