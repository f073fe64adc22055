import type { Literal } from "../grammar/ast.js";
import type { MapInfo } from "../compiler/expr/scope.js";

/** A map literal in the JS value model. */
function valueOf(l: Literal, type: MapInfo["outputType"]): unknown {
  switch (l.kind) {
    case "NullLit":
      return undefined;
    case "BoolLit":
      return l.value;
    case "StringLit":
      return l.value;
    case "NumberLit":
      return type.kind === "scalar" && (type.name === "bigint" || type.name === "numeric") ? l.text : Number(l.text);
  }
}

/**
 * What a status map's entries say an input becomes, read straight from the spec (not from either
 * lowering): the oracle of the "status maps" law.
 */
export function expectedMapOutput(map: MapInfo, input: unknown): unknown {
  let fallback: unknown = undefined;
  for (const item of map.ast.items) {
    if (item.kind === "MapFallback") fallback = valueOf(item.output, map.outputType);
    if (item.kind !== "MapEntry") continue;
    for (const i of item.inputs) {
      const v = valueOf(i, map.inputType);
      if (v === input || (typeof v === "number" && Number(input) === v && input !== undefined)) return valueOf(item.output, map.outputType);
    }
  }
  return fallback;
}
