import { lowerJs } from "../expr/lower-js.js";
import type { IrExpr } from "../ir/expr.js";
import { showType, type Type } from "../../core/types.js";
import { jsLiteral } from "./js-literal.js";
import { exportedConst, type Declaration } from "./module-model.js";

/**
 * lowerJs for one module. lowerJs writes each type an `rt` helper needs as an inline JSON
 * literal; here each is replaced by `types["varchar(50)?"]`, one module-level table keyed by the
 * type as a spec writes it, so that a mapping reads as the spec does instead of drowning in
 * `{ kind: "scalar", … }`.
 */
export interface ModuleLowering {
  /** The JavaScript of an expression, types hoisted. */
  readonly js: (e: IrExpr) => string;
  /** The `types` table of every type used so far, or null if none was. */
  readonly typesDeclaration: () => Declaration | null;
}

/** The name of the hoisted type table (module names never take it). */
export const TYPES_NAME = "types";

const TYPE_LITERAL_START = '{"kind":"';

/** A fresh lowering for one module, with an empty type table. */
export function moduleLowering(): ModuleLowering {
  const table = new Map<string, Type>();
  const byJson = new Map<string, string>();
  const nameOf = (json: string): string => {
    const known = byJson.get(json);
    if (known !== undefined) return known;
    const type = JSON.parse(json) as Type;
    let name = showType(type);
    for (let i = 2; table.has(name); i++) name = `${showType(type)} #${i}`;
    table.set(name, type);
    byJson.set(json, name);
    return name;
  };
  const js = (e: IrExpr): string => hoistTypes(lowerJs(e), nameOf);
  const typesDeclaration = (): Declaration | null => {
    if (table.size === 0) return null;
    const entries = [...table].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const literal = `{ ${entries.map(([name, t]) => `${JSON.stringify(name)}: ${jsLiteral(t)}`).join(", ")} } as const`;
    return exportedConst(TYPES_NAME, "The expression types the functions below pass to `rt` helpers, by their spec spelling.", null, literal);
  };
  return { js, typesDeclaration };
}

/**
 * Replaces each type literal lowerJs wrote (`{"kind":…}`, JSON with unescaped quotes, which no JS
 * string literal in its output can contain) by a reference into the table.
 */
function hoistTypes(js: string, nameOf: (json: string) => string): string {
  let out = "";
  let from = 0;
  for (let at = js.indexOf(TYPE_LITERAL_START); at >= 0; at = js.indexOf(TYPE_LITERAL_START, from)) {
    const end = matchingBrace(js, at);
    if (end < 0) break;
    out += `${js.slice(from, at)}${TYPES_NAME}[${JSON.stringify(nameOf(js.slice(at, end + 1)))}]`;
    from = end + 1;
  }
  return out + js.slice(from);
}

/** The index of the `}` closing the JSON object at `start`, skipping strings; -1 if unbalanced. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === "\\") i++;
    } else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i;
  }
  return -1;
}
