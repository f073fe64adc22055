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
  // A stack of entries: a value, its depth in AST nodes, and the span of the outermost expression
  // above it. Three parallel arrays and for-in rather than tuples and Object.entries: this walks
  // every node of every file, and allocating per node made it a tenth of all parsing time.
  const values: object[] = [];
  const depths: number[] = [];
  const outers: (Span | null)[] = [];
  const push = (v: unknown, depth: number, outer: Span | null): void => {
    if (v === null || typeof v !== "object") return;
    values.push(v);
    depths.push(depth);
    outers.push(outer);
  };
  push(root, 0, null);
  while (values.length > 0) {
    const value = values.pop() as object;
    const depth = depths.pop() as number;
    const outer = outers.pop() as Span | null;
    if (Array.isArray(value)) {
      for (const v of value) push(v, depth, outer);
      continue;
    }
    const node = value as { kind?: unknown; span?: Span };
    const isNode = typeof node.kind === "string";
    const d = isNode ? depth + 1 : depth;
    const expr = outer ?? (isNode && /(Expr|Lit)$/.test(node.kind as string) && node.span ? node.span : null);
    if (d > max && node.span) return expr ?? node.span;
    // AST nodes are plain objects: for-in visits their own keys in Object.entries order.
    for (const k in value) if (k !== "span") push((value as Record<string, unknown>)[k], d, expr);
  }
  return null;
}
