import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import { children, type IrExpr } from "../compiler/ir/expr.js";
import type { Hints } from "./row-arbitrary.js";

/** Strings and JSON keys the migration mentions: generated inputs use them to reach every branch. */
export function hintsOf(unit: CompiledUnit): Hints {
  const strings = new Set<string>();
  const jsonKeys = new Set<string>();
  const walk = (e: IrExpr) => {
    if (e.kind === "literal" && typeof e.value === "string") strings.add(e.value);
    if (e.kind === "jsonGet" && e.key.kind === "literal" && typeof e.key.value === "string") jsonKeys.add(e.key.value);
    if (e.kind === "docKey") jsonKeys.add(e.key);
    children(e).forEach(walk);
  };
  for (const m of unit.mappings) {
    for (const { assignment } of m.assignments) walk(assignment.value);
    for (const e of m.expects) walk(e.expr);
  }
  for (const c of unit.configs) for (const k of c.keys) walk(k.value);
  for (const map of unit.maps.values()) for (const i of map.ast.items) if (i.kind === "MapEntry") for (const v of i.inputs) if (v.kind === "StringLit") strings.add(v.value);
  return { strings: [...strings], jsonKeys: [...jsonKeys], types: unit.before.types };
}
