import type { Span } from "./ast.js";

/**
 * Deepest AST nesting accepted. Later phases walk the tree recursively, and a flat-looking chain
 * such as `'a' || 'b' || … ` with thousands of parts is a tree that deep: past this limit the
 * file is reported (K1105) instead of crashing a later phase. Real specs stay far below it.
 */
export const MAX_AST_DEPTH = 256;

/**
 * How deep a statement node above an expression can be: a file, a unit, a config item, then
 * `key { … }` blocks, nested at most as deep as brackets are (`MAX_NESTING`, 64), then the key.
 */
const STATEMENT_DEPTH = 70;

/**
 * Whether the tree may hold a node deeper than MAX_AST_DEPTH, given the parser's bound on how
 * deep its expressions nest (`ParserBase.nestingBound`), which only holds when the parse met no
 * syntax error. When it may not, the walk (`tooDeepExpression`) is skipped: it visits every node.
 */
export function mayBeTooDeep(expressionNesting: number, syntaxErrors: boolean): boolean {
  return syntaxErrors || STATEMENT_DEPTH + expressionNesting > MAX_AST_DEPTH;
}

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
