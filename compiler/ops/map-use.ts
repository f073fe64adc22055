import type { Type } from "../../core/types.js";
import type { MapUse } from "../expr/scope.js";
import { report, type MigrationContext } from "../migration/context.js";
import type { Assignment } from "../rollback/assignment.js";
import { literalText } from "./value-map.js";

/**
 * Status maps checked where they are used: a map over a column whose values are not a closed
 * set needs `else`; entries no value can reach are flagged; outputs must fit the column written.
 */
export function checkMapUses(cx: MigrationContext, uses: readonly MapUse[], assignments: readonly Assignment[], oldColumns: ReadonlyMap<string, Type>): void {
  for (const use of uses) {
    const map = cx.maps.get(use.map);
    if (!map) continue;
    const items = map.ast.items;
    const hasElse = items.some((i) => i.kind === "MapFallback");
    const inputs = items.flatMap((i) => (i.kind === "MapEntry" ? i.inputs : []));
    const argType = use.arg.type;
    const nullable = argType.kind === "null" || argType.kind === "error" || argType.nullable;
    const closedByType = argType.kind === "scalar" && argType.name === "boolean" && ["true", "false"].every((v) => inputs.some((i) => literalText(i) === v)) && (!nullable || inputs.some((i) => i.kind === "NullLit"));
    if (!hasElse && !map.ast.closed && !closedByType) {
      const what = use.arg.kind === "column" ? `\`${use.arg.column}\`` : "this value";
      report(cx, "K4001", use.span, `map \`${use.map}\` has no \`else\`, but ${what} can hold values it does not list`, {
        help: "add `else -> value` to the map, or declare the listed inputs complete with `map … closed { … }`",
        secondary: [{ file: cx.file, span: map.ast.name.span, label: "map declared here" }],
      });
    }
    if (!nullable) {
      for (const i of inputs) if (i.kind === "NullLit") report(cx, "K4004", i.span, `this \`null\` entry is never reached: the value mapped is NOT NULL`, { help: "remove the entry" });
    }
    const target = assignments.find((a) => a.value.kind === "mapApply" && a.value.span === use.span);
    const max = target && target.targetType.kind === "scalar" && target.targetType.name === "varchar" ? target.targetType.args[0] : undefined;
    if (max !== undefined) {
      for (const i of items) {
        const out = i.kind === "MapEntry" || i.kind === "MapFallback" ? i.output : null;
        if (out && out.kind === "StringLit" && [...out.value].length > max) {
          report(cx, "K3005", out.span, `'${out.value}' has ${[...out.value].length} characters; \`${target?.target}\` allows ${max}`, { help: `shorten it, or widen the column to varchar(${[...out.value].length})` });
        }
      }
    }
    void oldColumns;
  }
}
