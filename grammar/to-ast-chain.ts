import type { CstNode } from "chevrotain";
import type * as A from "./ast.js";
import { joinSpans } from "./cst.js";

/**
 * Binary operators by precedence. The parser reads `a + b * c ?? d` as one flat list of operands
 * and operators (a rule per precedence level made the CST several times larger); this builds
 * the tree. It also keeps what error recovery left behind as it was when each level had its own
 * rule, so that the AST of broken input does not change: an operand that read nothing (a node
 * with no position, only ever last) becomes an error expression at the end of its left operand,
 * except after `??`, whose old rule kept it and gave it the file's fallback span.
 */

/** One element of an operator list: an operand's CST node, or an operator. */
export type ChainItem = CstNode | A.BinaryOp;

export interface Level {
  readonly ops: ReadonlySet<A.BinaryOp>;
  /** `a ?? b ?? c` is `a ?? (b ?? c)`; the other operators group to the left. */
  readonly toRight: boolean;
}

const level = (ops: A.BinaryOp[], toRight = false): Level => ({ ops: new Set(ops), toRight });

/** Between `not`s: `or` binds loosest. */
export const LOGICAL_LEVELS: readonly Level[] = [level(["or"]), level(["and"])];

/** Between the operands of one side of a comparison, loosest first. */
export const ARITHMETIC_LEVELS: readonly Level[] = [level(["??"], true), level(["||"]), level(["+", "-"]), level(["*", "/", "%"])];

/** Builds the tree of `items` (operands and operators in source order); `operand` reads one operand. */
export function chainOf(items: readonly ChainItem[], levels: readonly Level[], operand: (n: CstNode) => A.Expr, fallback: A.Span): A.Expr {
  return build(items, levels, 0, operand, fallback);
}

function build(items: readonly ChainItem[], levels: readonly Level[], i: number, operand: (n: CstNode) => A.Expr, fallback: A.Span): A.Expr {
  if (i === levels.length) {
    const only = items[0];
    return items.length === 1 && typeof only !== "string" ? operand(only) : { kind: "ErrorExpr", span: fallback };
  }
  const { ops, toRight } = levels[i];
  const groups: ChainItem[][] = [[]];
  const between: A.BinaryOp[] = [];
  for (const item of items) {
    if (typeof item === "string" && ops.has(item)) {
      between.push(item);
      groups.push([]);
    } else {
      groups[groups.length - 1].push(item);
    }
  }
  if (groups.length === 1) return build(items, levels, i + 1, operand, fallback);
  const next = (g: readonly ChainItem[]): A.Expr => build(g, levels, i + 1, operand, fallback);
  if (toRight) {
    const operands = groups.map(next);
    let acc = operands[operands.length - 1];
    for (let k = operands.length - 2; k >= 0; k--) acc = binary(between[k], operands[k], acc);
    return acc;
  }
  let left: A.Expr | null = null;
  let op: A.BinaryOp | null = null;
  groups.forEach((g, k) => {
    if (k > 0) op = between[k - 1];
    if (readNothing(g)) return;
    const right = next(g);
    left = left === null || op === null ? right : binary(op, left, right);
    op = null;
  });
  const last = left as A.Expr | null;
  if (last && op) return binary(op, last, { kind: "ErrorExpr", span: { start: last.span.end, end: last.span.end } });
  return last ?? { kind: "ErrorExpr", span: fallback };
}

/** A group that is only an operand in which error recovery read nothing (it has no position). */
function readNothing(g: readonly ChainItem[]): boolean {
  if (g.length === 0) return true;
  const only = g[0];
  return g.length === 1 && typeof only !== "string" && !Number.isFinite(only.location?.startOffset);
}

export function binary(op: A.BinaryOp, left: A.Expr, right: A.Expr): A.BinaryExpr {
  return { kind: "BinaryExpr", op, left, right, span: joinSpans(left.span, right.span) };
}
