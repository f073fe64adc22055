import type { TableMapping } from "../compiler/migration/context.js";
import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import { lowerJs } from "../compiler/expr/lower-js.js";
import { volatilityOf } from "../compiler/expr/volatility.js";
import { primaryKey } from "../compiler/model/schema.js";
import type { Type } from "../core/types.js";
import { jsonEqual, rt } from "../runtime/js-runtime.js";
import type { Origin } from "../core/plan.js";
import { expectedMapOutput } from "./map-oracle.js";
import { shapeDisagreement } from "./shape.js";
import { LawFailure } from "./law-failure.js";

type Fn = (row: unknown, rtArg: typeof rt, maps: Record<string, (v: unknown) => unknown>, next?: unknown) => unknown;
type Row = Record<string, unknown>;

const compile = (js: string): Fn => new Function("row", "rt", "maps", "next", `return (${js});`) as Fn;

/** How many times a volatile mapping is evaluated in JavaScript on one row, to tell its fixed shape from chance. */
const VOLATILE_SAMPLES = 3;

export function sameValue(js: unknown, sql: unknown, t: Type): boolean {
  if (js === undefined || sql === undefined) return js === sql;
  if (t.kind === "json") return jsonEqual(js, sql);
  if (t.kind === "scalar" && ["numeric", "bigint", "real", "double precision"].includes(t.name)) return Number(js) === Number(sql);
  return js === sql;
}

/** Where in the spec an offset of the unit's file is. */
export const spanOrigin = (unit: CompiledUnit, start: number): Origin => {
  const lines = unit.file.text.slice(0, start).split("\n");
  return { file: unit.file.path, line: lines.length, column: lines[lines.length - 1].length + 1 };
};

/**
 * One table block's laws on the rows it read (`before`, as the database held them when its backfill
 * ran) and wrote (`after`): each mapped column's SQL agrees with its JavaScript — by value, or by
 * shape and type for a volatile one (shape.ts) —, a status map sends each input where its entries
 * say, and each `expect` holds.
 */
export function checkMapping(unit: CompiledUnit, m: TableMapping, before: readonly Row[], after: readonly Row[], maps: Record<string, (v: unknown) => unknown>): void {
  const key = primaryKey(m.before) ?? [];
  const byKey = new Map(after.map((r) => [JSON.stringify(key.map((k) => r[k])), r]));
  const fns = m.assignments.map(({ assignment: a }) => ({ a, fn: compile(lowerJs(a.value)), volatile: volatilityOf(a.value) === "volatile" }));
  const expects = m.expects.map((e) => ({ e, claim: compile(lowerJs(e.expr)), when: e.when ? compile(lowerJs(e.when)) : null }));
  for (const row of before) {
    const got = byKey.get(JSON.stringify(key.map((k) => row[k])));
    if (!got) continue;
    for (const { a, fn, volatile } of fns) {
      const where = spanOrigin(unit, a.span.start);
      const evaluate = () => {
        try {
          return fn(row, rt, maps);
        } catch (e) {
          throw new LawFailure("forward is total", where, row, `the JS mapping of ${m.table}.${a.target} throws: ${(e as Error).message}`);
        }
      };
      if (a.value.kind === "mapApply" && a.value.arg.kind === "column") {
        const map = unit.maps.get(a.value.map);
        const want = map ? expectedMapOutput(map, row[a.value.arg.column]) : undefined;
        if (map && !sameValue(want, got[a.target], a.targetType)) {
          throw new LawFailure("status maps land where they say", spanOrigin(unit, map.ast.span.start), row, `${a.value.map}(${JSON.stringify(row[a.value.arg.column])}) should be ${JSON.stringify(want)} by the map's entries, the migration wrote ${JSON.stringify(got[a.target])}`);
        }
      }
      if (volatile) {
        const why = shapeDisagreement(Array.from({ length: VOLATILE_SAMPLES }, evaluate), got[a.target], a.targetType);
        if (why) throw new LawFailure("SQL agrees with JS", where, row, `${m.table}.${a.target}: ${why}`);
        continue;
      }
      const js = evaluate();
      if (!sameValue(js, got[a.target], a.targetType)) {
        throw new LawFailure("SQL agrees with JS", where, row, `${m.table}.${a.target}: SQL gives ${JSON.stringify(got[a.target])}, JS gives ${JSON.stringify(js)}`);
      }
    }
    for (const { e, claim, when } of expects) {
      const applies = when ? rt.truthyCond(when(row, rt, maps, got)) : true;
      if (applies && claim(row, rt, maps, got) !== true) {
        throw new LawFailure("expect clauses hold", spanOrigin(unit, e.span.start), row, `expect fails for this row (new row: ${JSON.stringify(got)})`);
      }
    }
  }
}
