import type { IToken, TokenType } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, identFromToken, NO_SPAN, stringOf, tokenSpan } from "./leaves.js";
import { OperatorList } from "./operator-list.js";
import { NO_CHILD } from "./parser-base.js";
import { CompoundParser } from "./parser-compound.js";
import * as T from "./tokens.js";

/** Operators between the operands of one side of a comparison, loosest first. */
const ARITHMETIC_OPERATORS: readonly TokenType[] = [T.QuestionQuestion, T.Concat, T.Plus, T.Minus, T.Star, T.Slash, T.Percent];

/** Stands for a string primary whose token recovery invented: an error expression spanning the primary. */
const NO_STRING = Symbol("no string");

/** A `.key` (its token, if any) or `[index]` after a primary. */
type Postfix = { readonly key: IToken | undefined } | { readonly index: A.Expr; readonly empty: boolean; readonly end: number };

/**
 * Expressions. Precedence, loosest first: `or`, `and`, `not`, a comparison (`==`…, `in`,
 * `is null`), `??`, `||`, `+ -`, `* / %`, unary `-`, postfix `.key` and `[i]`. The operators
 * between `not`s and between comparisons are read as flat `operand (op operand)*` lists, built
 * into a tree by `operator-list.ts`: one rule per level made many nested rule calls for each `x`.
 * The language is the same (`a == b == c` and `a == not b` are errors).
 */
export abstract class ExprParser extends CompoundParser {
  // The alternatives of the hottest ORs, built once: chevrotain otherwise gets a fresh array of
  // closures on every call. They return what they read; the rule makes the node.
  private readonly orAnd = [{ ALT: () => this.CONSUME(T.Or) }, { ALT: () => this.CONSUME(T.And) }];
  private readonly leftOperators = ARITHMETIC_OPERATORS.map((t) => ({ ALT: () => this.CONSUME(t) }));
  private readonly rightOperators = ARITHMETIC_OPERATORS.map((t) => ({ ALT: () => this.CONSUME2(t) }));
  private readonly comparisons = [T.EqEq, T.NotEq, T.Less, T.LessEq, T.Greater, T.GreaterEq].map((t) => ({ ALT: () => this.CONSUME(t) }));
  protected readonly nameAlts = [{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.QuotedIdent) }];
  private readonly stringAlts = [{ ALT: () => this.CONSUME(T.StringLiteral) }, { ALT: () => this.CONSUME(T.TripleString) }];

  // ---------------------------------------------------------------- leaves
  // Leaves return their token: the rule around one makes the node where it uses it, since a
  // statement that recovery left without its name, say, is dropped with everything in it.

  /** A name: its token. */
  public name = this.RULE("name", (): IToken | undefined => this.OR(this.nameAlts));

  /** A string: its token. */
  public string = this.RULE("string", (): IToken | undefined => this.OR(this.stringAlts));

  /** After a dot any word is a key, reserved or not: `params.if` reads key "if". */
  public memberKey = this.RULE("memberKey", (): IToken | undefined =>
    this.OR([{ ALT: () => this.CONSUME(T.Identifier) }, { ALT: () => this.CONSUME(T.QuotedIdent) }, ...T.RESERVED_WORDS.map((t) => ({ ALT: () => this.CONSUME(t) }))]),
  );

  // ---------------------------------------------------------------- operators

  /** `a or b and c`: the operands and their `or`s and `and`s. */
  public expr = this.rule("expr", (): A.Expr => {
    this.nestIn();
    const m = this.mark();
    const q = this.problems.length;
    let first: A.Expr | undefined;
    let list: OperatorList | null = null;
    const open = () => (list ??= new OperatorList(first as A.Expr, !this.readSince(m), q, this.problems.length));
    try {
      first = this.SUBRULE(this.notExpr);
      this.MANY(() => {
        this.op(open(), this.OR(this.orAnd));
        this.operand(open(), false, () => this.SUBRULE2(this.notExpr));
      });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (list === null) return c === NO_CHILD ? (first ?? errorExpr(NO_SPAN)) : c;
        if (list.pending && c !== NO_CHILD) list.end(c as A.Expr, !this.readSince(list.pendingMark), this.problems.length);
        return this.logical(list);
      });
    }
    this.nestOut(list === null ? 0 : (list as OperatorList).ops);
    if (this.RECORDING_PHASE || list === null) return first as A.Expr;
    return this.logical(list);
  });

  private logical(list: OperatorList): A.Expr {
    const tree = list.logical();
    for (const [from, to] of list.unused()) this.retract(from, to);
    return tree;
  }

  /** Adds the operator token `t` to `list` (while recording the grammar, `t` is no token). */
  private op(list: OperatorList, t: IToken, comparison = false): void {
    if (!this.RECORDING_PHASE) list.op(t, comparison);
  }

  /** Reads one operand of `list` with `read`. */
  private operand(list: OperatorList, right: boolean, read: () => A.Expr): void {
    const m = this.mark();
    list.begin(m, this.problems.length, right);
    const value = read();
    list.end(value, !this.readSince(m), this.problems.length);
  }

  public notExpr = this.rule("notExpr", (): A.Expr => {
    this.nestIn();
    const m = this.mark();
    const not = this.LA(1).tokenType === T.Not;
    let inner: A.Expr | undefined;
    try {
      inner = this.OR(this.notAlts);
    } catch (e) {
      throw this.failed(e, (c) => this.prefixed("not", not, c === NO_CHILD ? undefined : (c as A.Expr), m));
    }
    this.nestOut(0);
    return this.RECORDING_PHASE ? (inner as A.Expr) : this.prefixed("not", not, inner, m);
  });

  private readonly notAlts = [
    {
      ALT: () => {
        this.CONSUME(T.Not);
        return this.SUBRULE(this.notExpr);
      },
    },
    { ALT: () => this.SUBRULE(this.cmpExpr) },
  ];

  /** `not x` or `-x` when `prefix` was read, else the operand itself. */
  private prefixed(op: A.UnaryOp, prefix: boolean, operand: A.Expr | undefined, m: number): A.Expr {
    if (prefix && operand) return { kind: "UnaryExpr", op, operand, span: this.spanFrom(m) };
    return prefix || !operand ? errorExpr(NO_SPAN) : operand;
  }

  /** `a + b * c`, then at most one comparison: `… == x ?? y`, `… not in [...]`, `… is not null`. */
  public cmpExpr = this.rule("cmpExpr", (): A.Expr => {
    this.nestIn();
    const m = this.mark();
    const q = this.problems.length;
    let first: A.Expr | undefined;
    let list: OperatorList | null = null;
    const open = () => (list ??= new OperatorList(first as A.Expr, !this.readSince(m), q, this.problems.length));
    let tail: ComparisonTail | null = null;
    try {
      first = this.SUBRULE(this.unaryExpr);
      this.MANY(() => {
        this.op(open(), this.OR(this.leftOperators));
        this.operand(open(), false, () => this.SUBRULE2(this.unaryExpr));
      });
      this.OPTION(() => this.OR2(this.comparisonTail(open(), (tail = newTail()))));
    } catch (e) {
      throw this.failed(e, (c) => {
        if (list === null) return c === NO_CHILD ? (first ?? errorExpr(NO_SPAN)) : c;
        if (c !== NO_CHILD) {
          if (list.pending) list.end(c as A.Expr, !this.readSince(list.pendingMark), this.problems.length);
          else if (tail?.readingList) tail.list = c as A.Expr[];
        }
        return this.comparison(list, tail, m);
      });
    }
    this.nestOut(list === null ? 0 : (list as OperatorList).ops);
    if (this.RECORDING_PHASE || list === null) return first as A.Expr;
    return this.comparison(list, tail, m);
  });

  /** The alternatives after the operands of a comparison's left side. */
  private comparisonTail(list: OperatorList, tail: ComparisonTail) {
    return [
      {
        ALT: () => {
          this.op(list, this.OR3(this.comparisons), true);
          this.operand(list, true, () => this.SUBRULE3(this.unaryExpr));
          this.MANY2(() => {
            this.op(list, this.OR4(this.rightOperators));
            this.operand(list, true, () => this.SUBRULE4(this.unaryExpr));
          });
        },
      },
      {
        ALT: () => {
          this.OPTION2(() => (tail.notIn = this.CONSUME(T.Not)));
          tail.in = this.CONSUME(T.In);
          tail.readingList = true;
          tail.list = this.SUBRULE(this.inList);
        },
      },
      {
        ALT: () => {
          tail.is = this.CONSUME(T.Is);
          this.OPTION3(() => (tail.isNot = this.CONSUME2(T.Not)));
          this.CONSUME(T.Null);
        },
      },
    ];
  }

  private comparison(list: OperatorList, tail: ComparisonTail | null, m: number): A.Expr {
    const sides = list.sides();
    const span = this.spanFrom(m);
    let result: A.Expr = sides.left;
    if (tail?.is) result = { kind: "IsNullExpr", subject: sides.left, negated: tail.isNot !== undefined, span };
    else if (tail?.in) result = { kind: "InExpr", subject: sides.left, list: tail.list ?? [], negated: tail.notIn !== undefined, span };
    else if (list.comparison) result = { kind: "BinaryExpr", op: list.comparison, left: sides.left, right: sides.right() ?? errorExpr(NO_SPAN), span };
    for (const [from, to] of list.unused()) this.retract(from, to);
    return result;
  }

  /** `[a, b]` after `in`: plain values only; a spread or an `if` guard has no meaning here. */
  public inList = this.rule("inList", (): A.Expr[] => {
    const elements: A.Expr[] = [];
    try {
      this.CONSUME(T.LBracket);
      this.OPTION(() => {
        elements.push(this.SUBRULE(this.expr));
        this.MANY({
          GATE: () => !this.la(2, T.RBracket),
          DEF: () => {
            this.CONSUME(T.Comma);
            elements.push(this.SUBRULE2(this.expr));
          },
        });
        this.OPTION2(() => this.CONSUME2(T.Comma));
      });
      this.CONSUME(T.RBracket);
    } catch (e) {
      throw this.failed(e, (c) => this.pushChild(c, elements));
    }
    return elements;
  });

  private readonly unaryAlts = [
    {
      ALT: () => {
        this.CONSUME(T.Minus);
        return this.SUBRULE(this.unaryExpr);
      },
    },
    { ALT: () => this.SUBRULE(this.primary) },
  ];

  public unaryExpr = this.rule("unaryExpr", (): A.Expr => {
    this.nestIn();
    const m = this.mark();
    const minus = this.LA(1).tokenType === T.Minus;
    let inner: A.Expr | undefined;
    try {
      inner = this.OR(this.unaryAlts);
    } catch (e) {
      throw this.failed(e, (c) => this.prefixed("-", minus, c === NO_CHILD ? undefined : (c as A.Expr), m));
    }
    this.nestOut(0);
    return this.RECORDING_PHASE ? (inner as A.Expr) : this.prefixed("-", minus, inner, m);
  });

  // ---------------------------------------------------------------- primaries

  /** The inside of the last `( … )` read, for a primary whose `)` is missing. */
  private parenthesised: A.Expr | undefined;

  private readonly primaryAlts = [
    { ALT: () => this.stringPrimary(this.SUBRULE(this.string)) },
    { ALT: () => numberLit(this.CONSUME(T.NumberLiteral)) },
    { ALT: () => ({ kind: "BoolLit", value: true, span: tokenSpan(this.CONSUME(T.True)) }) as A.Expr },
    { ALT: () => ({ kind: "BoolLit", value: false, span: tokenSpan(this.CONSUME(T.False)) }) as A.Expr },
    { ALT: () => ({ kind: "NullLit", span: tokenSpan(this.CONSUME(T.Null)) }) as A.Expr },
    { ALT: () => ({ kind: "RootExpr", span: tokenSpan(this.CONSUME(T.Dollar)) }) as A.Expr },
    { ALT: () => ({ kind: "OldExpr", span: tokenSpan(this.CONSUME(T.Old)) }) as A.Expr },
    {
      ALT: () => {
        this.CONSUME(T.LParen);
        const inner = this.SUBRULE(this.expr);
        this.parenthesised = inner;
        this.CONSUME(T.RParen);
        return inner;
      },
    },
    { ALT: () => this.SUBRULE(this.objectLit) },
    { ALT: () => this.SUBRULE(this.arrayLit) },
    { ALT: () => this.SUBRULE(this.whenExpr) },
    { ALT: () => this.SUBRULE(this.nameOrCall) },
  ];

  private stringPrimary(t: IToken | undefined): A.Expr | typeof NO_STRING {
    if (this.RECORDING_PHASE) return NO_STRING;
    return stringOf(t, this.problems) ?? NO_STRING;
  }

  /** A literal, name, call, `(…)`, object, array or `when`, then any `.key` and `[i]`. */
  public primary = this.rule("primary", (): A.Expr => {
    this.nestIn();
    const m = this.mark();
    const paren = this.LA(1).tokenType === T.LParen;
    let operand: A.Expr | typeof NO_STRING | undefined;
    let postfixes: Postfix[] | null = null;
    /** The mark before the index being read, -1 outside one. */
    let indexMark = -1;
    try {
      operand = this.OR(this.primaryAlts);
      this.MANY(() =>
        this.OR2([
          {
            ALT: () => {
              this.CONSUME(T.Dot);
              (postfixes ??= []).push({ key: this.SUBRULE(this.memberKey) });
            },
          },
          {
            ALT: () => {
              this.CONSUME(T.LBracket);
              indexMark = this.mark();
              const index = this.SUBRULE2(this.expr);
              (postfixes ??= []).push({ index, empty: !this.readSince(indexMark), end: this.lastEnd() });
              indexMark = -1;
              this.CONSUME(T.RBracket);
            },
          },
        ]),
      );
    } catch (e) {
      throw this.failed(e, (c) => {
        if (operand === undefined) {
          // The operand's rule failed, or (nothing left on the error) the `)` after `( … )`.
          operand = c !== NO_CHILD ? (c as A.Expr) : paren && this.readSince(m) ? this.parenthesised : undefined;
        } else if (indexMark >= 0 && c !== NO_CHILD) {
          (postfixes ??= []).push({ index: c as A.Expr, empty: !this.readSince(indexMark), end: this.lastEnd() });
        }
        return this.postfixed(operand, postfixes, m);
      });
    }
    this.nestOut(postfixes === null ? 0 : (postfixes as Postfix[]).length);
    if (this.RECORDING_PHASE) return operand as A.Expr;
    return this.postfixed(operand, postfixes, m);
  });

  private postfixed(operand: A.Expr | typeof NO_STRING | undefined, postfixes: readonly Postfix[] | null, m: number): A.Expr {
    let acc = operand === undefined || operand === NO_STRING ? errorExpr(this.spanFrom(m)) : operand;
    if (postfixes === null) return acc;
    const start = acc.span.start;
    for (const p of postfixes) {
      if ("key" in p) {
        // A key recovery left without its word is left out.
        if (!p.key || p.key.isInsertedInRecovery) continue;
        const key = identFromToken(p.key, this.problems);
        acc = { kind: "MemberExpr", object: acc, key, span: { start, end: key.span.end } };
      } else if (!p.empty) {
        acc = { kind: "IndexExpr", object: acc, index: p.index, span: { start, end: p.end + 1 } };
      }
    }
    return acc;
  }

  /** `x` or `f(a, b)`. */
  public nameOrCall = this.rule("nameOrCall", (): A.Expr => {
    this.nestIn();
    const m = this.mark();
    let name: IToken | undefined;
    let args: A.Expr[] | null = null;
    try {
      name = this.OR(this.nameAlts);
      this.OPTION(() => {
        this.CONSUME(T.LParen);
        const read: A.Expr[] = (args = []);
        this.MANY_SEP({ SEP: T.Comma, DEF: () => read.push(this.SUBRULE(this.expr)) });
        this.CONSUME(T.RParen);
      });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (args !== null) this.pushChild(c, args);
        return this.nameOrCallOf(name, args, m);
      });
    }
    this.nestOut(0);
    return this.RECORDING_PHASE ? (undefined as never) : this.nameOrCallOf(name, args, m);
  });

  private nameOrCallOf(t: IToken | undefined, args: A.Expr[] | null, m: number): A.Expr {
    const span = this.spanFrom(m);
    if (!t || t.isInsertedInRecovery) return errorExpr(span);
    const name = identFromToken(t, this.problems);
    return args !== null ? { kind: "CallExpr", callee: name, args, span } : { kind: "NameExpr", name, span };
  }
}

function numberLit(t: IToken): A.Expr {
  return { kind: "NumberLit", text: t.image, span: tokenSpan(t) };
}

/** What a comparison read after its left side. */
interface ComparisonTail {
  is: IToken | undefined;
  isNot: IToken | undefined;
  in: IToken | undefined;
  notIn: IToken | undefined;
  list: A.Expr[] | undefined;
  /** The `in` list's rule is running (its partial result then belongs here). */
  readingList: boolean;
}

function newTail(): ComparisonTail {
  return { is: undefined, isNot: undefined, in: undefined, notIn: undefined, list: undefined, readingList: false };
}
