import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";
import { childrenInOrder, isToken, joinSpans, nodeSpan, sub, subs, tok, tokenSpan, toks } from "./cst.js";
import { canonicalType, unescapeString, type LiteralProblem } from "./literals.js";

/** State shared by the CST→AST functions: the problems found, and a span for invented nodes. */
export interface Cx {
  readonly problems: LiteralProblem[];
  readonly fallback: A.Span;
}

const BINARY_TOKENS: Record<string, A.BinaryOp> = {
  Or: "or",
  And: "and",
  EqEq: "==",
  NotEq: "!=",
  Less: "<",
  LessEq: "<=",
  Greater: ">",
  GreaterEq: ">=",
  QuestionQuestion: "??",
  Concat: "||",
  Plus: "+",
  Minus: "-",
  Star: "*",
  Slash: "/",
  Percent: "%",
};

export function errorExpr(n: CstNode | undefined, cx: Cx): A.ErrorExpr {
  return { kind: "ErrorExpr", span: nodeSpan(n, cx.fallback) };
}

// ---------------------------------------------------------------- leaves

export function identFromToken(t: IToken, cx: Cx): A.Ident {
  const span = tokenSpan(t, cx.fallback);
  if (t.tokenType.name === "QuotedIdent") {
    return { kind: "Ident", name: t.image.slice(1, -1).replace(/""/g, '"'), quoted: true, span };
  }
  if (t.tokenType.name === "StringLiteral") {
    return { kind: "Ident", name: stringValue(t, cx), quoted: true, span };
  }
  return { kind: "Ident", name: t.image, quoted: false, span };
}

/** The `name` rule: an identifier or quoted identifier. */
export function nameOf(n: CstNode | undefined, cx: Cx): A.Ident | null {
  if (!n) return null;
  const t = tok(n, "Identifier") ?? tok(n, "QuotedIdent");
  if (!t || t.isInsertedInRecovery) return null;
  return identFromToken(t, cx);
}

export function stringValue(t: IToken, cx: Cx): string {
  if (t.tokenType.name === "TripleString") return t.image.slice(3, -3);
  // Already reported as unclosed: its text as written, without reporting its escapes too.
  if (t.tokenType.name === "UnterminatedTripleString") return t.image.slice(3);
  if (t.tokenType.name === "UnterminatedString") return t.image.slice(1);
  return unescapeString(t.image.slice(1, -1), t.startOffset + 1, cx.problems);
}

/** The `string` rule. */
export function stringOf(n: CstNode | undefined, cx: Cx): A.StringLit | null {
  if (!n) return null;
  const t = tok(n, "StringLiteral") ?? tok(n, "TripleString");
  if (!t || t.isInsertedInRecovery) return null;
  return stringLit(t, cx);
}

export function stringLit(t: IToken, cx: Cx): A.StringLit {
  return { kind: "StringLit", value: stringValue(t, cx), span: tokenSpan(t, cx.fallback) };
}

// ---------------------------------------------------------------- types

export function typeRefOf(n: CstNode | undefined, cx: Cx): A.TypeRef | null {
  if (!n) return null;
  const nameNode = sub(n, "typeName");
  const nameTok = nameNode && (tok(nameNode, "Identifier") ?? tok(nameNode, "QuotedIdent"));
  if (!nameTok || nameTok.isInsertedInRecovery) return null;
  const span = nodeSpan(n, cx.fallback);
  const precision = tok(n, "precision");
  const numbers = toks(n, "NumberLiteral");
  const args = numbers.map((t) => Number(t.image));
  const written = precision ? `${nameTok.image} precision` : nameTok.image;
  const argSpan = numbers.length > 0 ? joinSpans(tokenSpan(numbers[0], span), tokenSpan(numbers[numbers.length - 1], span)) : span;
  const nameSpan = tokenSpan(nameTok, span);
  const lookup = precision && nameTok.image.toLowerCase() === "double" ? "double" : written;
  if (precision && nameTok.image.toLowerCase() !== "double") {
    cx.problems.push({ code: "K1201", span: nameSpan, message: `unknown type \`${written}\``, help: "did you mean `double precision`?" });
  }
  const name = canonicalType(lookup, args, { name: nameSpan, args: argSpan }, cx.problems);
  return {
    kind: "TypeRef",
    name,
    args,
    arrayDims: toks(n, "LBracket").length,
    nullable: tok(n, "Question") !== undefined,
    span,
  };
}

// ---------------------------------------------------------------- expressions

export function exprOf(n: CstNode | undefined, cx: Cx): A.Expr {
  if (!n) return errorExpr(n, cx);
  switch (n.name) {
    case "expr":
      return binaryChain(n, "andExpr", cx);
    case "andExpr":
      return binaryChain(n, "notExpr", cx);
    case "notExpr":
      return notExprOf(n, cx);
    case "cmpExpr":
      return cmpExprOf(n, cx);
    case "coalesceExpr":
      return coalesceOf(n, cx);
    case "concatExpr":
      return binaryChain(n, "addExpr", cx);
    case "addExpr":
      return binaryChain(n, "mulExpr", cx);
    case "mulExpr":
      return binaryChain(n, "unaryExpr", cx);
    case "unaryExpr":
      return unaryOf(n, cx);
    case "postfixExpr":
      return postfixOf(n, cx);
    default:
      return errorExpr(n, cx);
  }
}

/** `a op b op c` as a left-leaning tree, reading operators and operands in source order. */
function binaryChain(n: CstNode, operandRule: string, cx: Cx): A.Expr {
  // Most chains are a single operand: skip the ordering work (it dominates on large files).
  const only = soleChild(n, operandRule);
  if (only) return exprOf(only, cx);
  const items = childrenInOrder(n);
  let left: A.Expr | null = null;
  let op: A.BinaryOp | null = null;
  for (const { key, el } of items) {
    if (!isToken(el)) {
      if (key !== operandRule) continue;
      const operand = exprOf(el, cx);
      left = left === null || op === null ? operand : binary(op, left, operand);
      op = null;
    } else if (BINARY_TOKENS[el.tokenType.name] !== undefined) {
      op = BINARY_TOKENS[el.tokenType.name];
    }
  }
  if (left && op) left = binary(op, left, errorExpr(undefined, { ...cx, fallback: { start: left.span.end, end: left.span.end } }));
  return left ?? errorExpr(n, cx);
}

/** The one child node of `n` when `key` is its only child, else undefined. */
function soleChild(n: CstNode, key: string): CstNode | undefined {
  const keys = Object.keys(n.children);
  if (keys.length !== 1 || keys[0] !== key) return undefined;
  const c = n.children[key];
  return c.length === 1 && !isToken(c[0]) ? (c[0] as CstNode) : undefined;
}

function binary(op: A.BinaryOp, left: A.Expr, right: A.Expr): A.BinaryExpr {
  return { kind: "BinaryExpr", op, left, right, span: joinSpans(left.span, right.span) };
}

/** `a ?? b ?? c` associates to the right: `a ?? (b ?? c)`. */
function coalesceOf(n: CstNode, cx: Cx): A.Expr {
  const operands = subs(n, "concatExpr").map((c) => exprOf(c, cx));
  if (operands.length === 0) return errorExpr(n, cx);
  let acc = operands[operands.length - 1];
  for (let i = operands.length - 2; i >= 0; i--) acc = binary("??", operands[i], acc);
  return acc;
}

function notExprOf(n: CstNode, cx: Cx): A.Expr {
  const inner = sub(n, "notExpr");
  if (tok(n, "Not") && inner) {
    return { kind: "UnaryExpr", op: "not", operand: exprOf(inner, cx), span: nodeSpan(n, cx.fallback) };
  }
  return exprOf(sub(n, "cmpExpr"), cx);
}

function unaryOf(n: CstNode, cx: Cx): A.Expr {
  const inner = sub(n, "unaryExpr");
  if (tok(n, "Minus") && inner) {
    return { kind: "UnaryExpr", op: "-", operand: exprOf(inner, cx), span: nodeSpan(n, cx.fallback) };
  }
  return exprOf(sub(n, "postfixExpr"), cx);
}

function cmpExprOf(n: CstNode, cx: Cx): A.Expr {
  const left = exprOf(sub(n, "coalesceExpr"), cx);
  const span = nodeSpan(n, cx.fallback);
  if (tok(n, "Is")) return { kind: "IsNullExpr", subject: left, negated: tok(n, "isNot") !== undefined, span };
  const list = sub(n, "inList");
  if (tok(n, "In")) {
    const items = list ? subs(list, "element").map((e) => exprOf(e, cx)) : [];
    return { kind: "InExpr", subject: left, list: items, negated: tok(n, "notIn") !== undefined, span };
  }
  const right = sub(n, "right");
  for (const key of ["EqEq", "NotEq", "LessEq", "GreaterEq", "Less", "Greater"]) {
    if (tok(n, key)) return { kind: "BinaryExpr", op: BINARY_TOKENS[key], left, right: exprOf(right, cx), span };
  }
  return left;
}

function postfixOf(n: CstNode, cx: Cx): A.Expr {
  let acc = primaryOf(sub(n, "primary"), cx);
  if (soleChild(n, "primary")) return acc;
  const start = acc.span.start;
  const items = childrenInOrder(n);
  for (const { key, el } of items) {
    if (isToken(el) || key === "primary") continue;
    const end = nodeSpan(el, acc.span).end;
    if (key === "memberKey") {
      const t = el.children && Object.values(el.children)[0]?.[0];
      if (!t || !isToken(t) || t.isInsertedInRecovery) continue;
      const keyIdent = identFromToken(t, cx);
      acc = { kind: "MemberExpr", object: acc, key: keyIdent, span: { start, end: keyIdent.span.end } };
    } else if (key === "index") {
      const idx = exprOf(el, cx);
      acc = { kind: "IndexExpr", object: acc, index: idx, span: { start, end: end + 1 } };
    }
  }
  return acc;
}

function primaryOf(n: CstNode | undefined, cx: Cx): A.Expr {
  if (!n) return errorExpr(n, cx);
  const span = nodeSpan(n, cx.fallback);
  const str = sub(n, "string");
  if (str) return stringOf(str, cx) ?? errorExpr(n, cx);
  const num = tok(n, "NumberLiteral");
  if (num) return { kind: "NumberLit", text: num.image, span };
  if (tok(n, "True")) return { kind: "BoolLit", value: true, span };
  if (tok(n, "False")) return { kind: "BoolLit", value: false, span };
  if (tok(n, "Null")) return { kind: "NullLit", span };
  if (tok(n, "Dollar")) return { kind: "RootExpr", span };
  if (tok(n, "Old")) return { kind: "OldExpr", span };
  const paren = sub(n, "paren");
  if (paren) return exprOf(paren, cx);
  const obj = sub(n, "objectLit");
  if (obj) return objectOf(obj, cx);
  const arr = sub(n, "arrayLit");
  if (arr) return arrayOf(arr, cx);
  const when = sub(n, "whenExpr");
  if (when) return whenOf(when, cx);
  const noc = sub(n, "nameOrCall");
  if (noc) return nameOrCallOf(noc, cx);
  return errorExpr(n, cx);
}

function nameOrCallOf(n: CstNode, cx: Cx): A.Expr {
  const name = nameOf(sub(n, "name"), cx);
  const span = nodeSpan(n, cx.fallback);
  if (!name) return errorExpr(n, cx);
  if (tok(n, "LParen")) {
    return { kind: "CallExpr", callee: name, args: subs(n, "arg").map((a) => exprOf(a, cx)), span };
  }
  return { kind: "NameExpr", name, span };
}

function whenOf(n: CstNode, cx: Cx): A.Expr {
  const branches: A.WhenBranch[] = subs(n, "whenBranch").map((b) => ({
    kind: "WhenBranch",
    condition: exprOf(sub(b, "condition"), cx),
    result: exprOf(sub(b, "result"), cx),
    span: nodeSpan(b, cx.fallback),
  }));
  return { kind: "WhenExpr", branches, otherwise: exprOf(sub(n, "otherwise"), cx), span: nodeSpan(n, cx.fallback) };
}

function objectOf(n: CstNode, cx: Cx): A.ObjectExpr {
  const entries: (A.ObjectEntry | A.SpreadElement)[] = [];
  for (const e of subs(n, "objectElement")) {
    const span = nodeSpan(e, cx.fallback);
    const spread = sub(e, "spread");
    if (tok(e, "Ellipsis")) {
      entries.push({ kind: "SpreadElement", expr: exprOf(spread, cx), span });
      continue;
    }
    const keyNode = sub(e, "objectKey");
    const keyTok = keyNode && Object.values(keyNode.children)[0]?.[0];
    if (!keyTok || !isToken(keyTok) || keyTok.isInsertedInRecovery) continue;
    const guard = sub(e, "guard");
    entries.push({
      kind: "ObjectEntry",
      key: identFromToken(keyTok, cx),
      optional: tok(e, "Question") !== undefined,
      value: exprOf(sub(e, "value"), cx),
      guard: guard ? exprOf(guard, cx) : null,
      span,
    });
  }
  return { kind: "ObjectExpr", entries, span: nodeSpan(n, cx.fallback) };
}

export function arrayOf(n: CstNode, cx: Cx): A.ArrayExpr {
  const elements: (A.ArrayItem | A.SpreadElement)[] = subs(n, "arrayElement").map((e) => {
    const span = nodeSpan(e, cx.fallback);
    if (tok(e, "Ellipsis")) return { kind: "SpreadElement", expr: exprOf(sub(e, "spread"), cx), span };
    const guard = sub(e, "guard");
    return { kind: "ArrayItem", value: exprOf(sub(e, "value"), cx), guard: guard ? exprOf(guard, cx) : null, span };
  });
  return { kind: "ArrayExpr", elements, span: nodeSpan(n, cx.fallback) };
}

/** An optional expression child (e.g. a `default`): absent stays `null`. */
export function optExpr(n: CstNode, key: string, cx: Cx): A.Expr | null {
  const e = sub(n, key);
  return e ? exprOf(e, cx) : null;
}
