import type { Span } from "./ast.js";

/**
 * Deepest AST nesting accepted. Later phases walk the tree recursively, and a flat-looking chain
 * such as `'a' || 'b' || … ` with thousands of parts is a tree that deep: past this limit the
 * file is reported (K1105) instead of crashing a later phase. Real specs stay far below it.
 */
export const MAX_AST_DEPTH = 256;

/** The first AST node nested deeper than `max`, found without recursion (the tree may be deeper than the stack). */
export function tooDeepNode(root: unknown, max = MAX_AST_DEPTH): { kind: string; span: Span } | null {
  const stack: [unknown, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [value, depth] = stack.pop() as [unknown, number];
    if (value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) {
      for (const v of value) stack.push([v, depth]);
      continue;
    }
    const node = value as { kind?: unknown; span?: Span };
    const d = typeof node.kind === "string" ? depth + 1 : depth;
    if (d > max && node.span) return { kind: node.kind as string, span: node.span };
    for (const [k, v] of Object.entries(value)) if (k !== "span") stack.push([v, d]);
  }
  return null;
}
