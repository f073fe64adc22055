import type { ArrayItem, CallExpr, Expr, ObjectEntry, Span, SpreadElement, WhenExpr } from "../ast.js";
import { exprPrinter, hasOwnLooseComment, isForcedBreak, type ExprPrinter } from "./expr-forced.js";
import { COMPARED, flat, flatArrayElement, memberObjectPrec, needsParens, notOperandPrec, operandPrecs, PREC, unaryPrefix } from "./expr-flat.js";
import { below, concat, endColumn, INDENT, join, line, reaching, starting, text, widthOf, type Block, type Line } from "./layout.js";
import { findChar, prevTokenEnd } from "./source.js";
import { identText, keyText } from "./words.js";

/** Re-exported: statement printers need only this module for expressions. */
export { exprPrinter, type ExprPrinter };

/** Where an expression starts: the indentation of its line, its column, and what must follow it on the line. */
export interface At {
  readonly indent: number;
  readonly col: number;
  /** Characters that follow the expression on its last line (a `,`, a `)`). */
  readonly reserve: number;
}

/**
 * An expression, on one line when it fits and no comment sits inside one of its lists;
 * otherwise object and array literals go one element per line, `when` chains one branch per
 * line (lined up under the first `when`), and calls hug their last argument or wrap.
 */
export function layoutExpr(p: ExprPrinter, e: Expr, at: At, minPrec = 0, rightEdge = true): Block {
  if (!isForcedBreak(p, e)) {
    const f = flat(e, minPrec, rightEdge);
    if (fits(p, f, at)) return text(f, e.span.end);
  }
  if (needsParens(e, minPrec, rightEdge)) {
    const inner = layoutBroken(p, e, { ...at, col: at.col + 1, reserve: at.reserve + 1 }, true);
    return reaching(join("(", inner, ")"), e.span.end);
  }
  return reaching(layoutBroken(p, e, at, rightEdge), e.span.end);
}

/** `kw value` after a statement keyword (`:=`, `default`, `reverse`): a long `when` chain starts on the next line. */
export function layoutAssigned(p: ExprPrinter, kw: string, e: Expr, at: At): Block {
  const valueAt = { ...at, col: at.col + kw.length + 1 };
  if (!isForcedBreak(p, e) && fits(p, flat(e), valueAt)) return join(`${kw} `, text(flat(e), e.span.end));
  if (e.kind === "WhenExpr") {
    const inner = at.indent + INDENT;
    // Moved to lines of its own, the chain takes one line per branch even where it would fit on one.
    const chain = reaching(layoutWhen(p, e, { indent: inner, col: inner, reserve: at.reserve }, true), e.span.end);
    // The chain lines up with the statement's indentation, not with any column of its first line.
    // The line ends with the keyword: comments after it go to the end of that line or below it.
    return { ...below(text(kw, prevTokenEnd(p.src, e.span.start)), chain, inner), colDependent: false };
  }
  return join(`${kw} `, layoutExpr(p, e, valueAt));
}

function fits(p: ExprPrinter, s: string, at: At): boolean {
  return at.col + widthOf(s) + at.reserve <= p.width;
}

function after(b: Block, at: At, extra: number, reserve = 0): At {
  return { indent: at.indent, col: endColumn(b, at.col) + extra, reserve };
}

function layoutBroken(p: ExprPrinter, e: Expr, at: At, rightEdge: boolean): Block {
  switch (e.kind) {
    case "ObjectExpr":
      return layoutList(p, "{", "}", e.span.start, e.span.end, e.entries.map((x) => ({ span: x.span, layout: (a: At) => objectElement(p, x, a) })), at, true);
    case "ArrayExpr":
      return layoutArray(p, e.elements, e.span, at);
    case "CallExpr":
      return layoutCall(p, e, at);
    case "WhenExpr":
      return layoutWhen(p, e, at, rightEdge);
    case "BinaryExpr": {
      const prec = operandPrecs(e.op);
      const left = layoutExpr(p, e.left, { ...at, reserve: 0 }, prec.left, false);
      const right = layoutExpr(p, e.right, after(left, at, e.op.length + 2, at.reserve), prec.right, rightEdge);
      return join(left, ` ${e.op} `, right);
    }
    case "UnaryExpr": {
      const prefix = unaryPrefix(e.op, e.operand);
      const operandAt = { ...at, col: at.col + prefix.length };
      return join(prefix, layoutExpr(p, e.operand, operandAt, e.op === "not" ? notOperandPrec(e.operand) : PREC.unary, rightEdge));
    }
    case "MemberExpr": {
      const object = layoutExpr(p, e.object, { ...at, reserve: 0 }, memberObjectPrec(e.object), false);
      return join(object, `.${keyText(e.key)}`);
    }
    case "IndexExpr": {
      const object = layoutExpr(p, e.object, { ...at, reserve: 0 }, PREC.postfix, false);
      return join(object, "[", layoutExpr(p, e.index, after(object, at, 1, at.reserve + 1)), "]");
    }
    case "InExpr": {
      const subject = layoutExpr(p, e.subject, { ...at, reserve: 0 }, COMPARED, false);
      const op = e.negated ? " not in " : " in ";
      const open = findChar(p.src, e.subject.span.end, "[");
      const items = e.list.map((x) => ({ span: x.span, layout: (a: At) => layoutExpr(p, x, a) }));
      return join(subject, op, layoutList(p, "[", "]", open, e.span.end, items, after(subject, at, op.length, at.reserve), true));
    }
    case "IsNullExpr": {
      const subject = layoutExpr(p, e.subject, { ...at, reserve: 0 }, COMPARED, false);
      return join(subject, e.negated ? " is not null" : " is null");
    }
    default:
      return text(flat(e), e.span.end);
  }
}

interface ListItem {
  readonly span: Span;
  readonly layout: (at: At) => Block;
}

/**
 * `open`, one item per line one level deeper, `close` back at the line's indentation. An item's
 * line reaches its `,` (or, for the last item, the last token before the closing bracket): a `)`
 * that closes parentheses around the item lies outside the item's span.
 */
function layoutList(p: ExprPrinter, open: string, close: string, openAt: number, end: number, items: readonly ListItem[], at: At, trailingComma: boolean): Block {
  const inner = at.indent + INDENT;
  const lines: Line[] = [line(0, open, openAt + 1)];
  let colDependent = false;
  items.forEach((item, i) => {
    const comma = trailingComma || i < items.length - 1;
    const body = item.layout({ indent: inner, col: inner, reserve: comma ? 1 : 0 });
    const withComma = comma ? join(body, ",") : body;
    const separator = i < items.length - 1 ? findChar(p.src, item.span.end, ",") : -1;
    const reach = Math.max(item.span.end, separator >= 0 ? separator + 1 : i === items.length - 1 ? prevTokenEnd(p.src, end - 1) : -1);
    const [first, ...rest] = starting(reaching(withComma, reach), item.span.start).lines;
    lines.push({ ...first, indent: inner, blankFrom: i > 0 ? item.span.start : null }, ...rest);
    colDependent ||= withComma.colDependent;
  });
  lines.push(line(at.indent, close, end, { closes: true }));
  return { lines, colDependent };
}

function objectElement(p: ExprPrinter, x: ObjectEntry | SpreadElement, at: At): Block {
  if (x.kind === "SpreadElement") return join("...", layoutExpr(p, x.expr, { ...at, col: at.col + 3 }));
  const key = `${keyText(x.key)}${x.optional ? "?" : ""}: `;
  const value = layoutExpr(p, x.value, { ...at, col: at.col + key.length, reserve: x.guard ? 0 : at.reserve });
  if (!x.guard) return join(key, value);
  return join(key, value, " if ", layoutExpr(p, x.guard, after(value, { ...at, col: at.col + key.length }, 4, at.reserve)));
}

/** An array one element per line; consecutive one-line `value if guard` elements line up their `if`. */
function layoutArray(p: ExprPrinter, elements: readonly (ArrayItem | SpreadElement)[], span: Span, at: At): Block {
  const inner = at.indent + INDENT;
  const guarded = elements.map((x) => guardedOneLine(p, x, inner));
  const items = elements.map((x, i) => {
    const layout = (a: At): Block => {
      const g = guarded[i];
      if (g) return text(`${g.value.padEnd(runWidth(guarded, i))} if ${g.guard}`, x.span.end);
      if (x.kind === "SpreadElement") return join("...", layoutExpr(p, x.expr, { ...a, col: a.col + 3 }));
      const value = layoutExpr(p, x.value, { ...a, reserve: x.guard ? 0 : a.reserve });
      return x.guard ? join(value, " if ", layoutExpr(p, x.guard, after(value, a, 4, a.reserve))) : value;
    };
    return { span: x.span, layout };
  });
  return layoutList(p, "[", "]", span.start, span.end, items, at, true);
}

function guardedOneLine(p: ExprPrinter, x: ArrayItem | SpreadElement, col: number): { value: string; guard: string } | null {
  if (x.kind !== "ArrayItem" || !x.guard || isForcedBreak(p, x.value) || isForcedBreak(p, x.guard)) return null;
  const all = flatArrayElement(x);
  if (!fits(p, all, { indent: col, col, reserve: 1 })) return null;
  return { value: flat(x.value), guard: flat(x.guard) };
}

/** The widest value in the run of one-line guarded elements around element `i`. */
function runWidth(guarded: readonly ({ value: string } | null)[], i: number): number {
  let lo = i;
  let hi = i;
  while (lo > 0 && guarded[lo - 1]) lo--;
  while (hi < guarded.length - 1 && guarded[hi + 1]) hi++;
  return Math.max(...guarded.slice(lo, hi + 1).map((g) => (g ? g.value.length : 0)));
}

/** `f(a, b, {` … `})` when only the last argument needs lines; otherwise one argument per line (if more than one). */
function layoutCall(p: ExprPrinter, e: CallExpr, at: At): Block {
  const name = identText(e.callee);
  const open = findChar(p.src, e.callee.span.end, "(");
  const last = e.args[e.args.length - 1];
  if (last && huggable(p, last) && !hasOwnLooseComment(p.src, e)) {
    const prior = e.args.slice(0, -1);
    if (prior.every((a) => !isForcedBreak(p, a))) {
      const head = `${name}(${prior.map((a) => `${flat(a)}, `).join("")}`;
      if (fits(p, head, { ...at, reserve: 0 })) {
        const headEnd = prior.length > 0 ? prior[prior.length - 1].span.end : open + 1;
        const arg = layoutExpr(p, last, { indent: at.indent, col: at.col + head.length, reserve: at.reserve + 1 });
        return join(text(head, headEnd), arg, text(")", e.span.end));
      }
    }
  }
  if (e.args.length === 1 && !hasOwnLooseComment(p.src, e)) {
    // One argument on a line of its own gains nothing: it stays, and breaks itself if it can.
    const arg = layoutExpr(p, e.args[0], { indent: at.indent, col: at.col + name.length + 1, reserve: at.reserve + 1 });
    return join(text(`${name}(`, open + 1), arg, text(")", e.span.end));
  }
  const items = e.args.map((a) => ({ span: a.span, layout: (x: At) => layoutExpr(p, a, x) }));
  return join(name, layoutList(p, "(", ")", open, e.span.end, items, { ...at, col: at.col + name.length }, false));
}

function huggable(p: ExprPrinter, e: Expr): boolean {
  switch (e.kind) {
    case "ObjectExpr":
      return e.entries.length > 0 || isForcedBreak(p, e);
    case "ArrayExpr":
      return e.elements.length > 0 || isForcedBreak(p, e);
    case "CallExpr":
      return e.args.length > 0;
    case "WhenExpr":
      return true;
    default:
      return false;
  }
}

/** One branch per line under the first `when`; `then` lined up when every condition is one line. */
function layoutWhen(p: ExprPrinter, e: WhenExpr, at: At, rightEdge: boolean): Block {
  const col = at.col;
  const conds = e.branches.map((b) => (isForcedBreak(p, b.condition) ? null : flat(b.condition)));
  const aligned = conds.every((c) => c !== null && fits(p, c, { indent: col, col: col + 5, reserve: 5 }));
  const width = aligned ? Math.max(...conds.map((c) => (c as string).length)) : 0;
  let out: Block | null = null;
  for (const [i, b] of e.branches.entries()) {
    const condAt = { indent: col, col: col + 5, reserve: 0 };
    const cond = aligned ? text((conds[i] as string).padEnd(width), b.condition.span.end) : layoutExpr(p, b.condition, condAt);
    const head = join("when ", cond, " then ");
    const result = layoutExpr(p, b.result, { indent: col, col: endColumn(head, col), reserve: 0 });
    const branch = starting(reaching(concat(head, result), b.span.end), b.span.start);
    out = out === null ? branch : below(out, branch, col);
  }
  const otherwiseExpr = layoutExpr(p, e.otherwise, { indent: col, col: col + 5, reserve: at.reserve }, 0, rightEdge);
  const otherwise = starting(join("else ", otherwiseExpr), e.otherwise.span.start);
  return { ...below(out ?? text(""), otherwise, col), colDependent: true };
}
