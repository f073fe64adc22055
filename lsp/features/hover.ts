import { MarkupKind, type Hover } from "vscode-languageserver";
import { occurrenceAt } from "../../compiler/symbols/chain-symbols.js";
import { showType } from "../../core/types.js";
import type { CompiledUnit } from "../../compiler/migration/compile-unit.js";
import { rangeOf } from "../convert.js";
import type { DocumentContext } from "../server.js";
import { nameHover } from "./hover-names.js";
import { statementAt, stepHover } from "./hover-steps.js";
import { typedAt, typedExpressions, type TypedSpan } from "./typed-exprs.js";

const typedCache = new WeakMap<CompiledUnit, TypedSpan[]>();

/**
 * Hover: a name shows what it stands for (a column's type before and after the migration, a
 * map's signature and entries, a def, a stdlib function's doc and SQL); any other expression its
 * type; a statement's keyword what the plan does for it (reversibility, stash).
 */
export function hover(d: DocumentContext, offset: number): Hover | null {
  const { analysis, file } = d;
  const unit = analysis.unitOf(file);
  const typed = unit ? (typedCache.get(unit) ?? cache(unit)) : [];
  const expr = typedAt(typed, offset);
  const cs = analysis.symbols();
  const o = occurrenceAt(cs, file.source, offset);
  if (o) {
    const text = nameHover(analysis, cs, o);
    if (text) {
      const read = expr && expr.span.start === o.span.start && expr.span.end === o.span.end ? `\n\nhere: \`${showType(expr.type)}\`` : "";
      return markdown(text + read, rangeOf(file.source, o.span));
    }
  }
  if (expr && expr.kind !== "invalid") return markdown(`expression: \`${showType(expr.type)}\``, rangeOf(file.source, expr.span));
  const ast = file.parsed.ast.units[0];
  const statement = ast ? statementAt(ast, offset) : null;
  const steps = unit && statement ? stepHover(unit, file.source, statement) : null;
  return steps ? markdown(steps, null) : null;
}

function cache(unit: CompiledUnit): TypedSpan[] {
  const t = typedExpressions(unit);
  typedCache.set(unit, t);
  return t;
}

function markdown(value: string, range: Hover["range"] | null): Hover {
  return { contents: { kind: MarkupKind.Markdown, value }, ...(range ? { range } : {}) };
}
