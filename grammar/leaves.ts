import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { unescapeString, type LiteralProblem } from "./literals.js";

/**
 * The AST's leaves, made from tokens: names, strings, literals and types. Tokens that error
 * recovery invented have no position: their nodes get `NO_SPAN`, and a missing name or string
 * makes no node at all (the statement around it is dropped; its syntax error is reported).
 */

/** The span of what is not there: a node recovery invented, or a rule that read no token. */
export const NO_SPAN: A.Span = { start: 0, end: 0 };

/** A token's span; tokens invented by error recovery have no position and get `fallback`. */
export function tokenSpan(t: IToken | undefined, fallback: A.Span = NO_SPAN): A.Span {
  if (!t || !Number.isFinite(t.startOffset) || t.isInsertedInRecovery) return fallback;
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

export function joinSpans(a: A.Span, b: A.Span): A.Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}

export function errorExpr(span: A.Span): A.ErrorExpr {
  return { kind: "ErrorExpr", span };
}

/** A name as written; a string token (an object key) is unescaped. */
export function identFromToken(t: IToken, problems: LiteralProblem[]): A.Ident {
  const span = tokenSpan(t);
  if (t.tokenType.name === "QuotedIdent") {
    return { kind: "Ident", name: t.image.slice(1, -1).replace(/""/g, '"'), quoted: true, span };
  }
  if (t.tokenType.name === "StringLiteral") {
    return { kind: "Ident", name: stringValue(t, problems), quoted: true, span };
  }
  return { kind: "Ident", name: t.image, quoted: false, span };
}

/** The Ident of a `name` rule's token; null when it is missing or was invented by recovery. */
export function nameOf(t: IToken | undefined, problems: LiteralProblem[]): A.Ident | null {
  if (!t || t.isInsertedInRecovery) return null;
  return identFromToken(t, problems);
}

export function stringValue(t: IToken, problems: LiteralProblem[]): string {
  if (t.tokenType.name === "TripleString") return t.image.slice(3, -3);
  // Already reported as unclosed: its text as written, without reporting its escapes too.
  if (t.tokenType.name === "UnterminatedTripleString") return t.image.slice(3);
  if (t.tokenType.name === "UnterminatedString") return t.image.slice(1);
  return unescapeString(t.image.slice(1, -1), t.startOffset + 1, problems);
}

export function stringLit(t: IToken, problems: LiteralProblem[]): A.StringLit {
  return { kind: "StringLit", value: stringValue(t, problems), span: tokenSpan(t) };
}

/** The StringLit of a `string` rule's token; null when it is missing or was invented by recovery. */
export function stringOf(t: IToken | undefined, problems: LiteralProblem[]): A.StringLit | null {
  if (!t || t.isInsertedInRecovery) return null;
  return stringLit(t, problems);
}
