import type { BinaryOp, Expr, ObjectEntry, SpreadElement, ArrayItem } from "../ast.js";
import { identText, keyText, singleLineStringText, stringText } from "./words.js";

/**
 * Expressions on one line, with the fewest parentheses that read back as the same tree.
 * Binding strength, loosest first: or, and, not, comparison / in / is, ??, ||, + -, * / %,
 * unary -, postfix (`.key`, `[i]`), primary.
 */
export const PREC = {
  or: 0,
  and: 1,
  not: 2,
  compare: 3,
  coalesce: 4,
  concat: 5,
  add: 6,
  mul: 7,
  unary: 8,
  postfix: 9,
  primary: 10,
} as const;

/** How tightly each binary operator binds. */
export function binaryPrec(op: BinaryOp): number {
  switch (op) {
    case "or":
      return PREC.or;
    case "and":
      return PREC.and;
    case "==":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=":
      return PREC.compare;
    case "??":
      return PREC.coalesce;
    case "||":
      return PREC.concat;
    case "+":
    case "-":
      return PREC.add;
    case "*":
    case "/":
    case "%":
      return PREC.mul;
  }
}

/**
 * The binding the object of `.key` needs: a number is parenthesised (`(1).x`), since `1.x`
 * reads as a malformed number.
 */
export function memberObjectPrec(object: Expr): number {
  return object.kind === "NumberLit" ? PREC.primary + 1 : PREC.postfix;
}

/** How tightly an expression binds as a whole. */
export function precOf(e: Expr): number {
  switch (e.kind) {
    case "BinaryExpr":
      return binaryPrec(e.op);
    case "UnaryExpr":
      return e.op === "not" ? PREC.not : PREC.unary;
    case "InExpr":
    case "BetweenExpr":
    case "IsNullExpr":
      return PREC.compare;
    case "MemberExpr":
    case "IndexExpr":
      return PREC.postfix;
    default:
      return PREC.primary;
  }
}

/**
 * The binding an operand of a comparison (`==`, `in`, `is null`) needs. Precedence alone would
 * let `a == b ?? c` stand for `a == (b ?? c)`, but `??` binds looser in most languages readers
 * know, so the parentheses stay: the one place where the printer keeps more than it must.
 */
export const COMPARED = PREC.concat;

/** The binding the operand of `not` needs: `not (a == b)` keeps its parentheses for the same reason. */
export function notOperandPrec(operand: Expr): number {
  return operand.kind === "UnaryExpr" && operand.op === "not" ? PREC.not : PREC.coalesce;
}

/** The minimum binding strength each operand of a binary operator needs to go without parentheses. */
export function operandPrecs(op: BinaryOp): { left: number; right: number } {
  const p = binaryPrec(op);
  if (p === PREC.compare) return { left: COMPARED, right: COMPARED }; // and `a == b == c` does not parse
  if (op === "??") return { left: p + 1, right: p }; // right-associative
  return { left: p, right: p + 1 };
}

/**
 * Whether `e` needs parentheses where at least `minPrec` binds. A `when` chain ends with an
 * `else` that takes everything to its right, so it needs them unless nothing follows it
 * (`rightEdge`: the expression runs up to a `,`, a bracket or the end of its statement).
 */
export function needsParens(e: Expr, minPrec: number, rightEdge: boolean): boolean {
  return precOf(e) < minPrec || (e.kind === "WhenExpr" && !rightEdge);
}

/** The expression on one line, parenthesised where its context needs it. */
export function flat(e: Expr, minPrec = 0, rightEdge = true): string {
  return needsParens(e, minPrec, rightEdge) ? `(${flatBare(e, true)})` : flatBare(e, rightEdge);
}

// AST nodes never change, so their one-line text is computed once (the layout asks repeatedly).
const atRightEdge = new WeakMap<Expr, string>();
const notAtRightEdge = new WeakMap<Expr, string>();

function flatBare(e: Expr, rightEdge: boolean): string {
  const cache = rightEdge ? atRightEdge : notAtRightEdge;
  let s = cache.get(e);
  if (s === undefined) {
    s = flatUncached(e, rightEdge);
    cache.set(e, s);
  }
  return s;
}

function flatUncached(e: Expr, rightEdge: boolean): string {
  switch (e.kind) {
    case "StringLit":
      return stringText(e.value);
    case "NumberLit":
      return e.text;
    case "BoolLit":
      return e.value ? "true" : "false";
    case "NullLit":
      return "null";
    case "TypedLit":
      return `${e.keyword} ${singleLineStringText(e.value.value)}`;
    case "NameExpr":
      return identText(e.name);
    case "RootExpr":
      return "$";
    case "OldExpr":
      return "old";
    case "MemberExpr":
      return `${flat(e.object, memberObjectPrec(e.object), false)}.${keyText(e.key)}`;
    case "IndexExpr":
      return `${flat(e.object, PREC.postfix, false)}[${flat(e.index)}]`;
    case "CallExpr":
      return `${identText(e.callee)}(${e.args.map((a) => flat(a)).join(", ")})`;
    case "UnaryExpr":
      return unaryPrefix(e.op, e.operand) + flat(e.operand, e.op === "not" ? notOperandPrec(e.operand) : PREC.unary, rightEdge);
    case "BinaryExpr": {
      const p = operandPrecs(e.op);
      return `${flat(e.left, p.left, false)} ${e.op} ${flat(e.right, p.right, rightEdge)}`;
    }
    case "InExpr":
      return `${flat(e.subject, COMPARED, false)} ${e.negated ? "not in" : "in"} [${e.list.map((x) => flat(x)).join(", ")}]`;
    case "BetweenExpr":
      return `${flat(e.subject, COMPARED, false)} ${e.negated ? "not between" : "between"} ${flat(e.low, PREC.unary, false)} and ${flat(e.high, PREC.unary, rightEdge)}`;
    case "IsNullExpr":
      return `${flat(e.subject, COMPARED, false)} is ${e.negated ? "not null" : "null"}`;
    case "WhenExpr":
      return [...e.branches.map((b) => `when ${flat(b.condition)} then ${flat(b.result)}`), `else ${flat(e.otherwise, 0, rightEdge)}`].join(" ");
    case "ObjectExpr":
      return e.entries.length === 0 ? "{}" : `{ ${e.entries.map(flatObjectElement).join(", ")} }`;
    case "ArrayExpr":
      return `[${e.elements.map(flatArrayElement).join(", ")}]`;
    case "ErrorExpr":
      return "<error>";
  }
}

/** `not ` or `-`; a `-` before another `-` keeps a space so that it does not read as `--`. */
export function unaryPrefix(op: "not" | "-", operand: Expr): string {
  if (op === "not") return "not ";
  const inner = operand.kind === "UnaryExpr" && operand.op === "-";
  const negativeNumber = operand.kind === "NumberLit" && operand.text.startsWith("-");
  return inner || negativeNumber ? "- " : "-";
}

/** `key: value`, `key?: value`, `key: value if cond` or `...spread`, on one line. */
export function flatObjectElement(e: ObjectEntry | SpreadElement): string {
  if (e.kind === "SpreadElement") return `...${flat(e.expr)}`;
  const guard = e.guard ? ` if ${flat(e.guard)}` : "";
  return `${keyText(e.key)}${e.optional ? "?" : ""}: ${flat(e.value)}${guard}`;
}

/** `value`, `value if cond` or `...spread`, on one line. */
export function flatArrayElement(e: ArrayItem | SpreadElement): string {
  if (e.kind === "SpreadElement") return `...${flat(e.expr)}`;
  return e.guard ? `${flat(e.value)} if ${flat(e.guard)}` : flat(e.value);
}
