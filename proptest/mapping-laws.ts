import type { TableMapping } from "../compiler/migration/context.js";
import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import { volatilityOf } from "../compiler/expr/volatility.js";
import { primaryKey } from "../compiler/model/schema.js";
import type { Type } from "../core/types.js";
import { jsonEqual, rt } from "../runtime/js-runtime.js";
import type { Origin } from "../core/plan.js";
import { expectedMapOutput } from "./map-oracle.js";
import { shapeDisagreement } from "./shape.js";
import { LawFailure } from "./law-failure.js";
import type { LawModule } from "./law-module.js";

type Row = Record<string, unknown>;

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
export function checkMapping(unit: CompiledUnit, m: TableMapping, before: readonly Row[], after: readonly Row[], code: LawModule["tables"][number], maps: LawModule["maps"]): void {
  const key = primaryKey(m.before) ?? [];
  const byKey = new Map(after.map((r) => [JSON.stringify(key.map((k) => r[k])), r]));
  const fns = m.assignments.map(({ assignment: a }) => ({ a, volatile: volatilityOf(a.value) === "volatile" }));
  const map = code.map;
  for (const row of before) {
    const got = byKey.get(JSON.stringify(key.map((k) => row[k])));
    if (!got) continue;
    // The module's map function computes every mapped column of the row at once, as the backfill's UPDATE does.
    const evaluate = (): Record<string, unknown> => {
      try {
        return map ? map(row, rt) : {};
      } catch (e) {
        const first = m.assignments[0]?.assignment;
        throw new LawFailure("forward is total", spanOrigin(unit, first ? first.span.start : 0), row, `the JS mapping of ${m.table} throws: ${(e as Error).message}`);
      }
    };
    const computed = fns.some((f) => f.volatile) ? Array.from({ length: VOLATILE_SAMPLES }, evaluate) : [evaluate()];
    for (const { a, volatile } of fns) {
      const where = spanOrigin(unit, a.span.start);
      if (a.value.kind === "mapApply" && a.value.arg.kind === "column") {
        const map = unit.maps.get(a.value.map);
        const want = map ? expectedMapOutput(map, row[a.value.arg.column]) : undefined;
        if (map && !sameValue(want, got[a.target], a.targetType)) {
          throw new LawFailure("status maps land where they say", spanOrigin(unit, map.ast.span.start), row, `${a.value.map}(${JSON.stringify(row[a.value.arg.column])}) should be ${JSON.stringify(want)} by the map's entries, the migration wrote ${JSON.stringify(got[a.target])}`);
        }
      }
      if (volatile) {
        const why = shapeDisagreement(computed.map((c) => c[a.target]), got[a.target], a.targetType);
        if (why) throw new LawFailure("SQL agrees with JS", where, row, `${m.table}.${a.target}: ${why}`);
        continue;
      }
      const js = computed[0][a.target];
      if (!sameValue(js, got[a.target], a.targetType)) {
        throw new LawFailure("SQL agrees with JS", where, row, `${m.table}.${a.target}: SQL gives ${JSON.stringify(got[a.target])}, JS gives ${JSON.stringify(js)}`);
      }
    }
    for (const e of code.expects) {
      if (e.holds(row, got, rt) !== true) {
        throw new LawFailure("expect clauses hold", { file: e.origin.file, line: e.origin.line, column: e.origin.column }, row, `expect fails for this row (new row: ${JSON.stringify(got)})`);
      }
    }
  }
}
