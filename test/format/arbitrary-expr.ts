import fc from "fast-check";
import type * as A from "../../grammar/ast.js";
import { RESERVED_WORDS, SOFT_KEYWORDS } from "../../grammar/tokens.js";

/**
 * fast-check arbitraries for the leaves and expressions of the AST. Spans are all zero: the
 * round-trip tests compare ASTs without spans. Only trees the grammar can express are made
 * (see `arbitrary-ast.ts` for the few shapes that no text can spell).
 */

export const SPAN: A.Span = { start: 0, end: 0 };

const word = (t: { PATTERN?: unknown }): string => String(t.PATTERN).slice(1, -1);
/** The reserved words, as text. */
export const RESERVED: readonly string[] = RESERVED_WORDS.map(word);
/** The soft keywords (also names), as text. */
export const SOFT: readonly string[] = SOFT_KEYWORDS.map(word);
const KEYWORDS = new Set([...RESERVED, ...SOFT]);

/** Plain identifiers that are no keyword. */
export const plainWord: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("a", "b", "id", "user_id", "x1", "_t", "Status", "mixedCase", "precision", "string"),
  fc.stringMatching(/^[a-z_][a-z0-9_]{0,7}$/).filter((w) => !KEYWORDS.has(w)),
);

/** Text for quoted identifiers: anything but a line break (and NUL, which no text file holds). */
const quotedChar = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom("a", "Z", "_", "0", " ", '"', "'", "\\", "-", ".", "\t", "é", "日", "😀", "$", "/*", "//") },
  { weight: 1, arbitrary: fc.constantFrom(...RESERVED, ...SOFT) },
);
/** Names for quoted identifiers, reserved words and keywords among them. */
export const quotedName: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(...RESERVED, ...SOFT.slice(0, 8), "", "two words", 'say "hi"'),
  fc.array(quotedChar, { maxLength: 5 }).map((cs) => cs.join("")),
);

/** An identifier node. */
export function ident(name: string, quoted: boolean): A.Ident {
  return { kind: "Ident", name, quoted, span: SPAN };
}

/** A name where the grammar takes `name`: a plain word, a soft keyword from `soft`, or a quoted identifier. */
export function nameArb(soft: readonly string[] = SOFT): fc.Arbitrary<A.Ident> {
  const arbs: fc.Arbitrary<A.Ident>[] = [plainWord.map((w) => ident(w, false)), quotedName.map((n) => ident(n, true))];
  if (soft.length > 0) arbs.push(fc.constantFrom(...soft).map((w) => ident(w, false)));
  return fc.oneof({ weight: 5, arbitrary: arbs[0] }, { weight: 2, arbitrary: arbs[1] }, ...(arbs[2] ? [{ weight: 1, arbitrary: arbs[2] }] : []));
}

/** A key after `.` or in an object literal: there reserved words may stand bare. */
export const keyArb: fc.Arbitrary<A.Ident> = fc.oneof(
  { weight: 4, arbitrary: nameArb() },
  { weight: 1, arbitrary: fc.constantFrom(...RESERVED).map((w) => ident(w, false)) },
);

/** An object key may also be a string, so it may hold a line break. */
const objectKeyArb: fc.Arbitrary<A.Ident> = fc.oneof(
  { weight: 6, arbitrary: keyArb },
  { weight: 1, arbitrary: fc.constantFrom("line\nbreak", "cr\rhere").map((n) => ident(n, true)) },
);

const stringChar = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom("a", "b", " ", "'", "\\", '"', "\n", "\t", "\r", "é", "😀", "{", "}", "//", "/*", "*/") },
  { weight: 1, arbitrary: fc.constantFrom("\0", "\u0001", "\u007f", "\ud800", "'''", "\u2028") },
);
/** String values with quotes, backslashes, line breaks, control characters and non-BMP text. */
export const stringValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom("", "plain", "it's", "two\nlines", "'''", "a\\b", "ends with '", "\nleading newline"),
  fc.array(stringChar, { maxLength: 8 }).map((cs) => cs.join("")),
);

/** Number literals as written: leading zeros, fractions, exponents. */
export const numberText: fc.Arbitrary<string> = fc.stringMatching(/^(0|[1-9][0-9]{0,3}|00[0-9])(\.[0-9]{1,3})?([eE][+-]?[0-9]{1,2})?$/);

/** A string literal node. */
export function stringLit(value: string): A.StringLit {
  return { kind: "StringLit", value, span: SPAN };
}

/** Literals of every kind. */
export const literalArb: fc.Arbitrary<A.Literal> = fc.oneof(
  stringValue.map(stringLit),
  numberText.map((text): A.NumberLit => ({ kind: "NumberLit", text, span: SPAN })),
  fc.boolean().map((value): A.BoolLit => ({ kind: "BoolLit", value, span: SPAN })),
  fc.constant<A.NullLit>({ kind: "NullLit", span: SPAN }),
);

const BINARY_OPS: readonly A.BinaryOp[] = ["or", "and", "==", "!=", "<", "<=", ">", ">=", "??", "||", "+", "-", "*", "/", "%"];

const TYPED_LIT_KEYWORDS: readonly A.TypedLitKeyword[] = [
  "date",
  "time",
  "timetz",
  "timestamp",
  "timestamptz",
  "interval",
  "time with time zone",
  "time without time zone",
  "timestamp with time zone",
  "timestamp without time zone",
];

/** Typed literals (`interval '3 days'`): any keyword, any string (the checker, not the parser, reads it). */
export const typedLitArb: fc.Arbitrary<A.Expr> = fc
  .record({ keyword: fc.constantFrom(...TYPED_LIT_KEYWORDS), value: fc.oneof(fc.constantFrom("3 days", "2022-08-01", "10:00"), stringValue) })
  .map(({ keyword, value }): A.TypedLit => ({ kind: "TypedLit", keyword, value: stringLit(value), span: SPAN }));

const leafArb: fc.Arbitrary<A.Expr> = fc.oneof(
  { weight: 3, arbitrary: literalArb },
  { weight: 1, arbitrary: typedLitArb },
  { weight: 4, arbitrary: nameArb().map((name): A.NameExpr => ({ kind: "NameExpr", name, span: SPAN })) },
  { weight: 1, arbitrary: fc.constantFrom<A.Expr>({ kind: "RootExpr", span: SPAN }, { kind: "OldExpr", span: SPAN }) },
);

const byDepth: fc.Arbitrary<A.Expr>[] = [];

/** Expressions of every kind, nested at most `depth` levels. */
export function exprArb(depth = 3): fc.Arbitrary<A.Expr> {
  if (depth <= 0) return leafArb;
  if (byDepth[depth]) return byDepth[depth];
  const sub = exprArb(depth - 1);
  const list = (max: number) => fc.array(sub, { maxLength: max });
  const guard = fc.option(sub, { nil: null, freq: 3 });
  const spread = sub.map((expr): A.SpreadElement => ({ kind: "SpreadElement", expr, span: SPAN }));
  const objectEntry = fc
    .record({ key: objectKeyArb, optional: fc.boolean(), value: sub, guard })
    .map((r): A.ObjectEntry => ({ kind: "ObjectEntry", ...r, span: SPAN }));
  const arrayItem = fc.record({ value: sub, guard }).map((r): A.ArrayItem => ({ kind: "ArrayItem", ...r, span: SPAN }));
  const branch = fc.record({ condition: sub, result: sub }).map((r): A.WhenBranch => ({ kind: "WhenBranch", ...r, span: SPAN }));
  const compound: fc.Arbitrary<A.Expr> = fc.oneof(
    fc.record({ object: sub, key: keyArb }).map((r): A.Expr => ({ kind: "MemberExpr", ...r, span: SPAN })),
    fc.record({ object: sub, index: sub }).map((r): A.Expr => ({ kind: "IndexExpr", ...r, span: SPAN })),
    fc.record({ callee: nameArb(), args: list(3) }).map((r): A.Expr => ({ kind: "CallExpr", ...r, span: SPAN })),
    fc.record({ op: fc.constantFrom<A.UnaryOp>("not", "-"), operand: sub }).map((r): A.Expr => ({ kind: "UnaryExpr", ...r, span: SPAN })),
    fc.record({ op: fc.constantFrom(...BINARY_OPS), left: sub, right: sub }).map((r): A.Expr => ({ kind: "BinaryExpr", ...r, span: SPAN })),
    fc.record({ op: fc.constantFrom(...BINARY_OPS), left: sub, right: sub }).map((r): A.Expr => ({ kind: "BinaryExpr", ...r, span: SPAN })),
    fc.record({ subject: sub, list: list(3), negated: fc.boolean() }).map((r): A.Expr => ({ kind: "InExpr", ...r, span: SPAN })),
    fc.record({ subject: sub, negated: fc.boolean() }).map((r): A.Expr => ({ kind: "IsNullExpr", ...r, span: SPAN })),
    fc.record({ subject: sub, low: leafArb, high: leafArb, negated: fc.boolean() }).map((r): A.Expr => ({ kind: "BetweenExpr", ...r, span: SPAN })),
    fc.record({ branches: fc.array(branch, { minLength: 1, maxLength: 3 }), otherwise: sub }).map((r): A.Expr => ({ kind: "WhenExpr", ...r, span: SPAN })),
    fc.array(fc.oneof({ weight: 4, arbitrary: objectEntry }, { weight: 1, arbitrary: spread }), { maxLength: 4 }).map((entries): A.Expr => ({ kind: "ObjectExpr", entries, span: SPAN })),
    fc.array(fc.oneof({ weight: 4, arbitrary: arrayItem }, { weight: 1, arbitrary: spread }), { maxLength: 4 }).map((elements): A.Expr => ({ kind: "ArrayExpr", elements, span: SPAN })),
  );
  byDepth[depth] = fc.oneof({ weight: 2, arbitrary: leafArb }, { weight: 3, arbitrary: compound });
  return byDepth[depth];
}
