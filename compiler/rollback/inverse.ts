import type * as A from "../../grammar/ast.js";
import { checkExpr } from "../expr/check-expr.js";
import { checkFits } from "../expr/fits.js";
import type { MapInfo } from "../expr/scope.js";
import { caseOf, col, eq, fromJson, hasKey, jsonGetKey, lit } from "../ir/build.js";
import type { IrExpr } from "../ir/expr.js";
import { sameBase, withNullable, type Type } from "../../core/types.js";
import { mapValueSql } from "../expr/lower-sql.js";
import { report, type MigrationContext } from "../migration/context.js";
import { rowScope } from "../migration/scopes.js";
import { literalKey, literalText } from "../ops/value-map.js";
import type { Assignment, InverseResult } from "./assignment.js";

/**
 * Derives how a rollback recomputes a column the mapping overwrote. Exact inverses need no stash;
 * otherwise a candidate inverse is chosen and the backfill keeps exactly the rows it gets wrong.
 */
export function deriveInverse(cx: MigrationContext, table: string, a: Assignment, all: readonly Assignment[], newColumns: ReadonlyMap<string, Type>): InverseResult {
  const d = a.destroys;
  if (!d) return { kind: "exact", g: null, why: "" };
  if (a.inverse?.kind === "IrreversibleClause") return { kind: "irreversible", g: null, why: `declared irreversible: ${a.inverse.reason.value}` };
  if (a.inverse?.kind === "ReverseClause") {
    const g = checkFits(checkExpr(a.inverse.expr, rowScope(cx, table, newColumns)), { what: `the reverse of \`${d.column}\``, type: withNullable(d.type, true), types: cx.schema.types }, cx.file, cx.diags, a.inverse.expr.span);
    return { kind: "lossy", g, why: `\`${d.column}\` comes back through the declared reverse (not checked to be exact)` };
  }
  const f = a.value;
  const self = col(a.target, "new", a.targetType);
  if (f.kind === "column" && f.side === "old" && f.column === d.column) return { kind: "exact", g: self, why: `\`${a.target}\` is \`${d.column}\` unchanged` };
  if (f.kind === "mapApply" && f.arg.kind === "column" && f.arg.column === d.column) return mapInverse(cx, a, f.map, all, self);
  if (sameBase(a.targetType, d.type)) {
    return { kind: "stash", g: self, why: `\`${d.column}\` is overwritten; the rows whose value changes keep their original in the stash` };
  }
  return { kind: "stash", g: null, why: `\`${d.column}\` is overwritten by a value of another type; every original is kept in the stash` };
}

function mapInverse(cx: MigrationContext, a: Assignment, mapName: string, all: readonly Assignment[], self: IrExpr): InverseResult {
  const map = cx.maps.get(mapName) as MapInfo;
  const d = a.destroys as { column: string; type: Type };
  const choices = chosenInputs(map);
  const inverseMap = caseOf(
    [...choices.entries()].map(([, { output, input }]) => ({ when: eq(self, lit(literalValue(output), map.outputType)), then: lit(literalValue(input), d.type) })),
    lit(null, withNullable(d.type, true)),
    withNullable(d.type, true),
  );
  const keep = map.ast.items.find((i): i is A.MapKeepOriginal => i.kind === "MapKeepOriginal");
  if (keep) {
    const place = keptPlace(keep.path);
    const stored = place && all.find((x) => x.target === place.base);
    const exact = stored && storesOriginal(stored.value, place.key, d.column);
    if (!place || !stored || !exact) {
      report(cx, "K4005", keep.path.span, `map \`${mapName}\` keeps the original in \`${place ? `${place.base}.${place.key}` : "?"}\`, but this table's mapping does not store \`${d.column}\` there`, {
        help: place ? `add it to the mapping: \`${place.base} := { …, ${place.key}: ${d.column} }\`` : "write `keep original in column.key`",
      });
      return { kind: "stash", g: inverseMap, why: "" };
    }
    const baseType = all.find((x) => x.target === place.base)?.targetType ?? self.type;
    const base = col(place.base, "new", baseType);
    const g = caseOf([{ when: hasKey(base, place.key), then: fromJson(jsonGetKey(base, place.key), d.type) }], inverseMap, withNullable(d.type, true));
    return { kind: "exact", g, why: `\`${d.column}\` is mapped many-to-one by \`${mapName}\`; the original is kept in \`${place.base}.${place.key}\` and read back exactly` };
  }
  const declared = map.ast.items.some((i) => i.kind === "MapReverseChoice");
  if (declared) return { kind: "lossy", g: inverseMap, why: `\`${mapName}\` is many-to-one; rollback uses its declared reverse choices` };
  if (isInjectiveTotal(map)) return { kind: "exact", g: inverseMap, why: `\`${mapName}\` is one-to-one: its inverse is exact` };
  return { kind: "stash", g: inverseMap, why: `\`${mapName}\` is many-to-one; rollback maps each output back to its first input and the stash keeps every row where that is wrong` };
}

/** For each output, the input a rollback restores: the declared choice, else the first listed. */
function chosenInputs(map: MapInfo): Map<string, { output: A.Literal; input: A.Literal }> {
  const out = new Map<string, { output: A.Literal; input: A.Literal }>();
  for (const i of map.ast.items) if (i.kind === "MapReverseChoice") out.set(literalKey(i.output), { output: i.output, input: i.input });
  for (const i of map.ast.items) {
    if (i.kind !== "MapEntry") continue;
    const k = literalKey(i.output);
    if (!out.has(k) && i.inputs.length > 0) out.set(k, { output: i.output, input: i.inputs[0] });
  }
  return out;
}

function isInjectiveTotal(map: MapInfo): boolean {
  if (map.ast.items.some((i) => i.kind === "MapFallback")) return false;
  const outputs = new Set<string>();
  for (const i of map.ast.items) {
    if (i.kind !== "MapEntry") continue;
    if (i.inputs.length !== 1 || outputs.has(literalKey(i.output))) return false;
    outputs.add(literalKey(i.output));
  }
  return map.ast.closed;
}

function literalValue(v: A.Literal): string | number | boolean | null {
  switch (v.kind) {
    case "StringLit":
      return v.value;
    case "NumberLit":
      return Number(v.text);
    case "BoolLit":
      return v.value;
    case "NullLit":
      return null;
  }
}

function keptPlace(path: A.Expr): { base: string; key: string } | null {
  if (path.kind === "MemberExpr" && path.object.kind === "NameExpr") return { base: path.object.name.name, key: path.key.name };
  return null;
}

/** Whether `value` is an object literal whose entry `key` is exactly the old column `column`. */
function storesOriginal(value: IrExpr, key: string, column: string): boolean {
  if (value.kind !== "object") return false;
  const entry = value.parts.find((p) => p.kind === "entry" && p.key === key);
  if (!entry || entry.kind !== "entry" || entry.optional || entry.guard) return false;
  const v = entry.value.kind === "toJson" ? entry.value.arg : entry.value;
  return v.kind === "column" && v.side === "old" && v.column === column;
}

export { literalText, mapValueSql };
