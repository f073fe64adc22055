import type { CstNode, IToken } from "chevrotain";
import type * as A from "./ast.js";
import { childrenInOrder, firstKey, isToken, joinSpans, nodeSpan, onlyKey, sub, subs, tok, tokenSpan, toks } from "./cst.js";
import { canonicalType, unescapeString, type LiteralProblem } from "./literals.js";
import { ARITHMETIC_LEVELS, chainOf, LOGICAL_LEVELS, type ChainItem } from "./to-ast-chain.js";

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
      return logicalOf(n, cx);
    case "notExpr":
      return notExprOf(n, cx);
    case "cmpExpr":
      return cmpExprOf(n, cx);
    case "unaryExpr":
      return unaryOf(n, cx);
    case "primary":
      return postfixOf(n, cx);
    default:
      return errorExpr(n, cx);
  }
}

/** `a or b and c`: the parser's flat list, built by precedence (see `to-ast-chain.ts`). */
function logicalOf(n: CstNode, cx: Cx): A.Expr {
  const operands = n.children.notExpr;
  if (!operands) return errorExpr(n, cx);
  // Most expressions have no `or`/`and`: skip the ordering work.
  if (operands.length === 1 && !n.children.Or && !n.children.And) return exprOf(operands[0] as CstNode, cx);
  return chainOf(operatorList(n, ["notExpr"]), LOGICAL_LEVELS, (o) => exprOf(o, cx), cx.fallback);
}

/**
 * The operands (under `operandKeys`) and binary operators of `n` in source order, the operand
 * that error recovery left empty (it has no position) last.
 */
function operatorList(n: CstNode, operandKeys: readonly string[]): ChainItem[] {
  const items: ChainItem[] = [];
  for (const { key, el } of childrenInOrder(n)) {
    if (!isToken(el)) {
      if (operandKeys.includes(key)) items.push(el);
    } else if (BINARY_TOKENS[key] !== undefined) {
      items.push(BINARY_TOKENS[key]);
    }
  }
  for (const key of operandKeys) {
    for (const el of n.children[key] ?? []) {
      if (!isToken(el) && !Number.isFinite(el.location?.startOffset)) items.push(el);
    }
  }
  return items;
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
  return exprOf(sub(n, "primary"), cx);
}

const COMPARISONS = ["EqEq", "NotEq", "LessEq", "GreaterEq", "Less", "Greater"];

/** `a + b == c ?? d`, `a not in [...]`, `a is null`, or just `a + b`: a flat list, built by precedence. */
function cmpExprOf(n: CstNode, cx: Cx): A.Expr {
  // Most comparisons are a single operand with no operator: skip the ordering work.
  const only = n.children.unaryExpr;
  if (only?.length === 1 && onlyKey(n) === "unaryExpr") return exprOf(only[0] as CstNode, cx);
  const [leftItems, rightItems] = comparisonSides(n);
  const left = chainOf(leftItems, ARITHMETIC_LEVELS, (o) => exprOf(o, cx), cx.fallback);
  const span = nodeSpan(n, cx.fallback);
  if (tok(n, "Is")) return { kind: "IsNullExpr", subject: left, negated: tok(n, "isNot") !== undefined, span };
  const list = sub(n, "inList");
  if (tok(n, "In")) {
    const items = list ? subs(list, "element").map((e) => exprOf(e, cx)) : [];
    return { kind: "InExpr", subject: left, list: items, negated: tok(n, "notIn") !== undefined, span };
  }
  for (const key of COMPARISONS) {
    if (!tok(n, key)) continue;
    const right = rightItems.length > 0 ? chainOf(rightItems, ARITHMETIC_LEVELS, (o) => exprOf(o, cx), cx.fallback) : errorExpr(undefined, cx);
    return { kind: "BinaryExpr", op: BINARY_TOKENS[key], left, right, span };
  }
  return left;
}

const COMPARISON_OPS: ReadonlySet<A.BinaryOp> = new Set(["==", "!=", "<", "<=", ">", ">="]);

/** The operator lists left and right of the comparison operator (the right one is empty without one). */
function comparisonSides(n: CstNode): [ChainItem[], ChainItem[]] {
  const all = operatorList(n, ["unaryExpr", "right"]);
  const at = all.findIndex((item) => typeof item === "string" && COMPARISON_OPS.has(item));
  return at < 0 ? [all, []] : [all.slice(0, at), all.slice(at + 1)];
}

function postfixOf(n: CstNode, cx: Cx): A.Expr {
  let acc = primaryOf(n, cx);
  if (n.children.memberKey === undefined && n.children.index === undefined) return acc;
  const start = acc.span.start;
  const items = childrenInOrder(n);
  for (const { key, el } of items) {
    if (isToken(el)) continue;
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

/** The `primary` node's operand, before any `.key` or `[i]` that follow it in the same node. */
function primaryOf(n: CstNode, cx: Cx): A.Expr {
  // One key per alternative: dispatch on the first rather than look each one up.
  const key = firstKey(n);
  const el = key === undefined ? undefined : n.children[key][0];
  if (el === undefined) return errorExpr(n, cx);
  if (isToken(el)) {
    // A literal's span is its token's (the node also spans any `.key` after it).
    const span = tokenSpan(el, cx.fallback);
    switch (key) {
      case "NumberLiteral":
        return { kind: "NumberLit", text: el.image, span };
      case "True":
        return { kind: "BoolLit", value: true, span };
      case "False":
        return { kind: "BoolLit", value: false, span };
      case "Null":
        return { kind: "NullLit", span };
      case "Dollar":
        return { kind: "RootExpr", span };
      case "Old":
        return { kind: "OldExpr", span };
      case "LParen": {
        const paren = sub(n, "paren");
        return paren ? exprOf(paren, cx) : errorExpr(n, cx);
      }
      default:
        return errorExpr(n, cx);
    }
  }
  switch (key) {
    case "nameOrCall":
      return nameOrCallOf(el, cx);
    case "string":
      return stringOf(el, cx) ?? errorExpr(n, cx);
    case "objectLit":
      return objectOf(el, cx);
    case "arrayLit":
      return arrayOf(el, cx);
    case "whenExpr":
      return whenOf(el, cx);
    default:
      return errorExpr(n, cx);
  }
}

/** `x` or `f(a, b)`: the name's token is a child of this node. */
function nameOrCallOf(n: CstNode, cx: Cx): A.Expr {
  const name = nameOf(n, cx);
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
