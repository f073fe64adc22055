import type { Span } from "./ast.js";

/**
 * Deepest AST nesting accepted. Later phases walk the tree recursively, and a flat-looking chain
 * such as `'a' || 'b' || … ` with thousands of parts is a tree that deep: past this limit the
 * file is reported (K1105) instead of crashing a later phase. Real specs stay far below it.
 */
export const MAX_AST_DEPTH = 256;

/**
 * The outermost expression holding an AST node nested deeper than `max`, found without recursion
 * (the tree may be deeper than the stack); null when the tree is shallow enough.
 */
export function tooDeepExpression(root: unknown, max = MAX_AST_DEPTH): Span | null {
  // Each entry: a value, its depth in AST nodes, and the span of the outermost expression above it.
  const stack: [unknown, number, Span | null][] = [[root, 0, null]];
  while (stack.length > 0) {
    const [value, depth, outer] = stack.pop() as [unknown, number, Span | null];
    if (value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) {
      for (const v of value) stack.push([v, depth, outer]);
      continue;
    }
    const node = value as { kind?: unknown; span?: Span };
    const isNode = typeof node.kind === "string";
    const d = isNode ? depth + 1 : depth;
    const expr = outer ?? (isNode && /(Expr|Lit)$/.test(node.kind as string) && node.span ? node.span : null);
    if (d > max && node.span) return expr ?? node.span;
    for (const [k, v] of Object.entries(value)) if (k !== "span") stack.push([v, d, expr]);
  }
  return null;
}
