import type { IToken, TokenType } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, NO_SPAN } from "./leaves.js";
import { OperatorList } from "./operator-list.js";
import { NO_CHILD } from "./parser-base.js";
import { PrimaryParser } from "./parser-primary.js";
import * as T from "./tokens.js";

/** Operators between the operands of one side of a comparison, loosest first. */
const ARITHMETIC_OPERATORS: readonly TokenType[] = [T.QuestionQuestion, T.Concat, T.Plus, T.Minus, T.Star, T.Slash, T.Percent];

/**
 * Expressions with operators. Precedence, loosest first: `or`, `and`, `not`, a comparison (`==`…,
 * `in`, `is null`), `??`, `||`, `+ -`, `* / %`, unary `-`, postfix `.key` and `[i]`. The operators
 * between `not`s and between comparisons are read as flat `operand (op operand)*` lists, built
 * into a tree by `operator-list.ts`: one rule per level made many nested rule calls for each `x`.
 * The language is the same (`a == b == c` and `a == not b` are errors).
 */
export abstract class ExprParser extends PrimaryParser {
  // The alternatives of the hottest ORs, built once: chevrotain otherwise gets a fresh array of
  // closures on every call. They return what they read; the rule makes the node.
  private readonly orAnd = [{ ALT: () => this.CONSUME(T.Or) }, { ALT: () => this.CONSUME(T.And) }];
  private readonly leftOperators = ARITHMETIC_OPERATORS.map((t) => ({ ALT: () => this.CONSUME(t) }));
  private readonly rightOperators = ARITHMETIC_OPERATORS.map((t) => ({ ALT: () => this.CONSUME2(t) }));
  private readonly comparisons = [T.EqEq, T.NotEq, T.Less, T.LessEq, T.Greater, T.GreaterEq].map((t) => ({ ALT: () => this.CONSUME(t) }));

  // ---------------------------------------------------------------- operators

  /** `a or b and c`: the operands and their `or`s and `and`s. */
  public expr = this.rule("expr", (): A.Expr => {
    this.nestIn();
    const m = this.mark();
    const q = this.problems.length;
    let first: A.Expr | undefined;
    let list: OperatorList | null = null;
    try {
      first = this.SUBRULE(this.notExpr);
      this.MANY(() => {
        list ??= this.chain(first as A.Expr, m, q);
        this.op(list, this.OR(this.orAnd));
        this.beginOperand(list, false);
        this.endOperand(list, this.SUBRULE2(this.notExpr));
      });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (list === null) return c === NO_CHILD ? (first ?? errorExpr(NO_SPAN)) : c;
        if (list.pending && c !== NO_CHILD) this.endOperand(list, c as A.Expr);
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

  /** The operator list of an `expr` or `cmpExpr` whose first operand, read from mark `m` and problem count `q`, is `first`. */
  private chain(first: A.Expr, m: number, q: number): OperatorList {
    return new OperatorList(first, !this.readSince(m), q, this.problems.length);
  }

  /** Before reading an operand of `list` (right of a comparison operator if `right`). */
  private beginOperand(list: OperatorList, right: boolean): void {
    list.begin(this.mark(), this.problems.length, right);
  }

  /** After reading an operand of `list`, or when its rule failed and left `value`. */
  private endOperand(list: OperatorList, value: A.Expr): void {
    list.end(value, !this.readSince(list.pendingMark), this.problems.length);
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
    let tail: ComparisonTail | null = null;
    try {
      first = this.SUBRULE(this.unaryExpr);
      this.MANY(() => {
        list ??= this.chain(first as A.Expr, m, q);
        this.op(list, this.OR(this.leftOperators));
        this.beginOperand(list, false);
        this.endOperand(list, this.SUBRULE2(this.unaryExpr));
      });
      this.OPTION({ GATE: () => this.betweenContinues(), DEF: () => this.OR2(this.comparisonTail((list ??= this.chain(first as A.Expr, m, q)), (tail = newTail()))) });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (list === null) return c === NO_CHILD ? (first ?? errorExpr(NO_SPAN)) : c;
        if (c !== NO_CHILD) {
          if (list.pending) this.endOperand(list, c as A.Expr);
          else if (tail?.readingList) tail.list = c as A.Expr[];
          else if (tail?.between && tail.readingLow) tail.low = c as A.Expr;
          else if (tail?.between) tail.high = c as A.Expr;
        }
        return this.comparison(list, tail, m);
      });
    }
    this.nestOut(list === null ? 0 : (list as OperatorList).ops);
    if (this.RECORDING_PHASE || list === null) return first as A.Expr;
    return this.comparison(list, tail, m);
  });

  /**
   * `between` is a soft keyword: it continues a comparison only on its line and when it is not
   * assigned (`between := 1` on the next line is a column of that name).
   */
  private betweenContinues(): boolean {
    const at = this.la(1, T.Not) && this.la(2, T.Between) ? 2 : this.la(1, T.Between) ? 1 : 0;
    return at === 0 || (!this.startsLine(at) && !this.la(at + 1, T.ColonEq));
  }

  /** The alternatives after the operands of a comparison's left side. */
  private comparisonTail(list: OperatorList, tail: ComparisonTail) {
    return [
      {
        ALT: () => {
          this.op(list, this.OR3(this.comparisons), true);
          this.beginOperand(list, true);
          this.endOperand(list, this.SUBRULE3(this.unaryExpr));
          this.MANY2(() => {
            this.op(list, this.OR4(this.rightOperators));
            this.beginOperand(list, true);
            this.endOperand(list, this.SUBRULE4(this.unaryExpr));
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
          this.OPTION4(() => (tail.notBetween = this.CONSUME2(T.Not)));
          tail.between = this.CONSUME(T.Between);
          tail.readingLow = true;
          tail.low = this.SUBRULE5(this.unaryExpr);
          tail.readingLow = false;
          this.CONSUME(T.And);
          tail.high = this.SUBRULE6(this.unaryExpr);
        },
      },
      {
        ALT: () => {
          tail.is = this.CONSUME(T.Is);
          this.OPTION3(() => (tail.isNot = this.CONSUME3(T.Not)));
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
    else if (tail?.between) result = { kind: "BetweenExpr", subject: sides.left, low: tail.low ?? errorExpr(NO_SPAN), high: tail.high ?? errorExpr(NO_SPAN), negated: tail.notBetween !== undefined, span };
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
  between: IToken | undefined;
  notBetween: IToken | undefined;
  low: A.Expr | undefined;
  high: A.Expr | undefined;
  readingLow: boolean;
}

function newTail(): ComparisonTail {
  return { is: undefined, isNot: undefined, in: undefined, notIn: undefined, list: undefined, readingList: false, between: undefined, notBetween: undefined, low: undefined, high: undefined, readingLow: false };
}
