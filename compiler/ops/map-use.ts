import type { Type } from "../../core/types.js";
import type { MapUse } from "../expr/scope.js";
import type { MapFallback } from "../../grammar/ast.js";
import { report, type MigrationContext } from "../migration/context.js";
import type { Assignment } from "../rollback/assignment.js";
import { literalText } from "./value-map.js";
import { enumLabels, reportUnknownLabel } from "../expr/enum-values.js";
import { enumCx } from "./enum-types.js";

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
    const labels = argType.kind === "enum" ? enumLabels(cx.schema.types, argType.name) : undefined;
    const nullListed = !nullable || inputs.some((i) => i.kind === "NullLit");
    const missing = labels ? labels.filter((l) => !inputs.some((i) => i.kind === "StringLit" && i.value === l)) : [];
    if (labels && argType.kind === "enum") checkEnumMap(cx, use, argType.name, labels, missing, nullListed);
    const closedByType = (argType.kind === "scalar" && argType.name === "boolean" && ["true", "false"].every((v) => inputs.some((i) => literalText(i) === v)) && nullListed) || (labels !== undefined && missing.length === 0 && nullListed);
    if (!hasElse && !map.ast.closed && !closedByType && !(labels && missing.length > 0)) {
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

/**
 * A map over an enum value, checked against the labels the type has here: an input that is no
 * label never matches (K2050); a label it does not list is an error for a closed map and for one
 * without `else` (K4050); an `else` no label reaches is dead (K4004).
 */
function checkEnumMap(cx: MigrationContext, use: MapUse, type: string, labels: readonly string[], missing: readonly string[], nullListed: boolean): void {
  const map = cx.maps.get(use.map);
  if (!map) return;
  const items = map.ast.items;
  for (const i of items.flatMap((x) => (x.kind === "MapEntry" ? x.inputs : []))) if (i.kind === "StringLit" && !labels.includes(i.value)) reportUnknownLabel(enumCx(cx), type, i.value, i.span);
  const fallback = items.find((i): i is MapFallback => i.kind === "MapFallback");
  const list = missing.map((l) => `'${l}'`).join(", ");
  if (missing.length > 0 && !fallback) {
    report(cx, "K4050", use.span, `map \`${use.map}\` ${map.ast.closed ? "is closed but does not list" : "has no `else` and does not list"} ${missing.length === 1 ? "the label" : "the labels"} ${list} of \`${type}\``, {
      help: `add ${missing.length === 1 ? "an entry" : "entries"} for ${list}${map.ast.closed ? "" : ", or an `else`"}`,
      secondary: [{ file: cx.file, span: map.ast.name.span, label: "map declared here" }],
    });
  } else if (missing.length === 0 && nullListed && fallback) {
    report(cx, "K4004", fallback.span, `the \`else\` of map \`${use.map}\` is never reached: it lists every label of \`${type}\``, { help: "remove the `else`, or declare the map `closed` so that a label added later is an error" });
  }
}
