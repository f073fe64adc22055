import type { Literal as AstLiteral } from "../../grammar/ast.js";
import type { BackfillMapUse } from "../../core/plan.js";
import type { MapInfo } from "../expr/scope.js";
import { mapValueSql } from "../expr/lower-sql.js";
import { children, type IrExpr } from "../ir/expr.js";
import type { MigrationContext } from "../migration/context.js";
import { originOf } from "../migration/context.js";
import type { Assignment } from "../rollback/assignment.js";
import { literalText } from "./value-map.js";

/**
 * Every status map a backfill's mappings apply, with the SQL `kmig plan` needs to count, over the
 * live rows, how many rows hold each input value and which of them fall to the fallback.
 */
export function backfillMapUses(cx: MigrationContext, assignments: readonly Assignment[], lowerOld: (e: IrExpr) => string): BackfillMapUse[] {
  const out: BackfillMapUse[] = [];
  for (const a of assignments) {
    for (const use of mapApplications(a.value)) {
      const info = cx.maps.get(use.map);
      if (!info) continue;
      const arg = lowerOld(use.arg);
      out.push({ map: use.map, column: a.target, argSql: arg, resultSql: lowerOld(use), listedSql: listedSql(info, arg), ...entries(info), origin: originOf(cx, use.span) });
    }
  }
  return out;
}

function mapApplications(e: IrExpr): Extract<IrExpr, { kind: "mapApply" }>[] {
  const found = e.kind === "mapApply" ? [e] : [];
  return [...found, ...children(e).flatMap(mapApplications)];
}

function listedSql(info: MapInfo, arg: string): string {
  const inputs = info.ast.items.flatMap((i) => (i.kind === "MapEntry" ? i.inputs : []));
  const nullListed = inputs.some((i) => i.kind === "NullLit");
  const values = inputs.filter((i) => i.kind !== "NullLit").map((i: AstLiteral) => mapValueSql(i, info.inputType));
  return `(CASE WHEN (${arg}) IS NULL THEN ${nullListed ? "TRUE" : "FALSE"} ELSE ${values.length > 0 ? `(${arg}) IN (${values.join(", ")})` : "FALSE"} END)`;
}

function entries(info: MapInfo): Pick<BackfillMapUse, "cases" | "fallback"> {
  const cases: { input: string; output: string }[] = [];
  let fallback: string | null = null;
  for (const item of info.ast.items) {
    if (item.kind === "MapEntry") for (const input of item.inputs) cases.push({ input: literalText(input), output: literalText(item.output) });
    else if (item.kind === "MapFallback") fallback = literalText(item.output);
  }
  return { cases, fallback };
}
