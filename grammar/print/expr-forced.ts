import type { Expr, Span } from "../ast.js";
import { MAX_WIDTH } from "./layout.js";
import { findChar, hasLooseComment, type PrintSource } from "./source.js";

/** Printer state for one file: its source, the line width, and what is known about its expressions. */
export interface ExprPrinter {
  readonly src: PrintSource;
  readonly forced: WeakMap<Expr, boolean>;
  /** Lines longer than this are broken where the layout allows (`Infinity`: only where the grammar needs it). */
  readonly width: number;
}

/** Fresh printer state for one file. */
export function exprPrinter(src: PrintSource, width = MAX_WIDTH): ExprPrinter {
  return { src, forced: new WeakMap(), width };
}

/**
 * Whether `e` must be printed over several lines whatever the width: a comment sits between
 * the elements of one of its lists (so it can only stay there one element per line).
 */
export function isForcedBreak(p: ExprPrinter, e: Expr): boolean {
  const known = p.forced.get(e);
  if (known !== undefined) return known;
  const result = hasOwnLooseComment(p.src, e) || subExprs(e).some((c) => isForcedBreak(p, c));
  p.forced.set(e, result);
  return result;
}

/** Whether a comment sits between the elements of `e`'s own list (not in a nested one). */
export function hasOwnLooseComment(src: PrintSource, e: Expr): boolean {
  if (src.comments.length === 0) return false;
  switch (e.kind) {
    case "ObjectExpr":
      return hasLooseComment(src, e.span.start, e.span.end - 1, e.entries.map((x) => x.span));
    case "ArrayExpr":
      return hasLooseComment(src, e.span.start, e.span.end - 1, e.elements.map((x) => x.span));
    case "CallExpr":
      return hasLooseComment(src, findChar(src, e.callee.span.end, "("), e.span.end - 1, e.args.map((x) => x.span));
    case "InExpr":
      return hasLooseComment(src, findChar(src, e.subject.span.end, "["), e.span.end - 1, e.list.map((x) => x.span));
    case "WhenExpr": {
      const parts: Span[] = [...e.branches.map((b) => b.span), e.otherwise.span];
      return hasLooseComment(src, e.span.start, e.span.end, parts);
    }
    default:
      return false;
  }
}

/** The direct subexpressions of `e`, in source order. */
export function subExprs(e: Expr): readonly Expr[] {
  switch (e.kind) {
    case "MemberExpr":
      return [e.object];
    case "IndexExpr":
      return [e.object, e.index];
    case "CallExpr":
      return e.args;
    case "UnaryExpr":
      return [e.operand];
    case "BinaryExpr":
      return [e.left, e.right];
    case "InExpr":
      return [e.subject, ...e.list];
    case "IsNullExpr":
      return [e.subject];
    case "BetweenExpr":
      return [e.subject, e.low, e.high];
    case "WhenExpr":
      return [...e.branches.flatMap((b) => [b.condition, b.result]), e.otherwise];
    case "ObjectExpr":
      return e.entries.flatMap((x) => (x.kind === "SpreadElement" ? [x.expr] : x.guard ? [x.value, x.guard] : [x.value]));
    case "ArrayExpr":
      return e.elements.flatMap((x) => (x.kind === "SpreadElement" ? [x.expr] : x.guard ? [x.value, x.guard] : [x.value]));
    case "StringLit":
    case "NumberLit":
    case "BoolLit":
    case "NullLit":
    case "TypedLit":
    case "NameExpr":
    case "RootExpr":
    case "OldExpr":
    case "ErrorExpr":
      return [];
  }
}
