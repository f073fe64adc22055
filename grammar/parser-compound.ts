import type { IToken, ParserMethod } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, identFromToken, NO_SPAN } from "./leaves.js";
import { NO_CHILD, ParserBase } from "./parser-base.js";
import * as T from "./tokens.js";

/** Which sub-expression of an element a rule is reading (where a partial result belongs). */
const enum Reading {
  Nothing,
  Value,
  Guard,
}

/**
 * The compound expressions: `when … then … else …`, `{ … }` and `[ … ]`. An element that error
 * recovery cut short keeps what it read; a missing sub-expression becomes an error expression.
 */
export abstract class CompoundParser extends ParserBase {
  /** Defined by the expression layer (`ExprParser`). */
  public abstract expr: ParserMethod<[], A.Expr>;

  public whenExpr = this.rule("whenExpr", (): A.Expr => {
    this.nestIn();
    const m = this.mark();
    const branches: A.WhenBranch[] = [];
    let otherwise: A.Expr | undefined;
    let readingOtherwise = false;
    try {
      this.AT_LEAST_ONE(() => branches.push(this.SUBRULE(this.whenBranch)));
      this.CONSUME(T.Else);
      readingOtherwise = true;
      otherwise = this.SUBRULE(this.expr);
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD && readingOtherwise) otherwise = c as A.Expr;
        else this.pushChild(c, branches);
        return this.whenOf(branches, otherwise, m);
      });
    }
    this.nestOut(0);
    return this.whenOf(branches, otherwise, m);
  });

  private whenOf(branches: A.WhenBranch[], otherwise: A.Expr | undefined, m: number): A.WhenExpr {
    return { kind: "WhenExpr", branches, otherwise: otherwise ?? errorExpr(NO_SPAN), span: this.spanFrom(m) };
  }

  public whenBranch = this.rule("whenBranch", (): A.WhenBranch => {
    this.nestIn();
    const m = this.mark();
    let condition: A.Expr | undefined;
    let result: A.Expr | undefined;
    try {
      this.CONSUME(T.When);
      condition = this.SUBRULE(this.expr);
      this.CONSUME(T.Then);
      result = this.SUBRULE2(this.expr);
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== NO_CHILD) {
          if (condition === undefined) condition = c as A.Expr;
          else result = c as A.Expr;
        }
        return this.branchOf(condition, result, m);
      });
    }
    this.nestOut(0);
    return this.branchOf(condition, result, m);
  });

  private branchOf(condition: A.Expr | undefined, result: A.Expr | undefined, m: number): A.WhenBranch {
    return { kind: "WhenBranch", condition: condition ?? errorExpr(NO_SPAN), result: result ?? errorExpr(NO_SPAN), span: this.spanFrom(m) };
  }

  // ---------------------------------------------------------------- objects

  public objectLit = this.rule("objectLit", (): A.Expr => {
    this.nestIn();
    const m = this.mark();
    const entries: (A.ObjectEntry | A.SpreadElement)[] = [];
    try {
      this.CONSUME(T.LBrace);
      this.OPTION(() => {
        this.pushChild(this.SUBRULE(this.objectElement), entries);
        this.MANY({
          GATE: () => !this.la(2, T.RBrace),
          DEF: () => {
            this.CONSUME(T.Comma);
            this.pushChild(this.SUBRULE2(this.objectElement), entries);
          },
        });
        this.OPTION2(() => this.CONSUME2(T.Comma));
      });
      this.CONSUME(T.RBrace);
    } catch (e) {
      throw this.failed(e, (c) => ({ kind: "ObjectExpr", entries: this.pushChild(c, entries), span: this.spanFrom(m) }));
    }
    this.nestOut(0);
    return { kind: "ObjectExpr", entries, span: this.spanFrom(m) };
  });

  /** `key: value [if guard]`, `key?: value` or `...spread`; null (dropped) without its key. */
  public objectElement = this.rule("objectElement", (): A.ObjectEntry | A.SpreadElement | null => {
    this.nestIn();
    const m = this.mark();
    const q = this.problems.length;
    const el: ElementParts = { spread: false, key: undefined, optional: false, value: undefined, guard: undefined, reading: Reading.Nothing };
    try {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Ellipsis);
            el.spread = true;
            el.reading = Reading.Value;
            el.value = this.SUBRULE(this.expr);
          },
        },
        {
          ALT: () => {
            el.key = this.SUBRULE(this.objectKey);
            this.OPTION(() => {
              this.CONSUME(T.Question);
              el.optional = true;
            });
            this.CONSUME(T.Colon);
            el.reading = Reading.Value;
            el.value = this.SUBRULE2(this.expr);
            this.OPTION2(() => {
              this.CONSUME(T.If);
              el.reading = Reading.Guard;
              el.guard = this.SUBRULE3(this.expr);
            });
          },
        },
      ]);
    } catch (e) {
      throw this.failed(e, (c) => this.objectElementOf(withChild(el, c), m, q));
    }
    this.nestOut(0);
    return this.RECORDING_PHASE ? null : this.objectElementOf(el, m, q);
  });

  private objectElementOf(el: ElementParts, m: number, q: number): A.ObjectEntry | A.SpreadElement | null {
    const span = this.spanFrom(m);
    if (el.spread) return { kind: "SpreadElement", expr: el.value ?? errorExpr(NO_SPAN), span };
    if (!el.key || el.key.isInsertedInRecovery) {
      this.problems.length = q;
      return null;
    }
    const key = identFromToken(el.key, this.problems);
    return { kind: "ObjectEntry", key, optional: el.optional, value: el.value ?? errorExpr(NO_SPAN), guard: el.guard ?? null, span };
  }

  public objectKey = this.RULE("objectKey", (): IToken | undefined =>
    this.OR([
      { ALT: () => this.CONSUME(T.Identifier) },
      { ALT: () => this.CONSUME(T.QuotedIdent) },
      { ALT: () => this.CONSUME(T.StringLiteral) },
      ...T.RESERVED_WORDS.map((t) => ({ ALT: () => this.CONSUME(t) })),
    ]),
  );

  // ---------------------------------------------------------------- arrays

  public arrayLit = this.rule("arrayLit", (): A.Expr => {
    this.nestIn();
    const m = this.mark();
    const elements: (A.ArrayItem | A.SpreadElement)[] = [];
    try {
      this.CONSUME(T.LBracket);
      this.OPTION(() => {
        elements.push(this.SUBRULE(this.arrayElement));
        this.MANY({
          GATE: () => !this.la(2, T.RBracket),
          DEF: () => {
            this.CONSUME(T.Comma);
            elements.push(this.SUBRULE2(this.arrayElement));
          },
        });
        this.OPTION2(() => this.CONSUME2(T.Comma));
      });
      this.CONSUME(T.RBracket);
    } catch (e) {
      throw this.failed(e, (c) => ({ kind: "ArrayExpr", elements: this.pushChild(c, elements), span: this.spanFrom(m) }));
    }
    this.nestOut(0);
    return { kind: "ArrayExpr", elements, span: this.spanFrom(m) };
  });

  /** `value [if guard]` or `...spread`. */
  public arrayElement = this.rule("arrayElement", (): A.ArrayItem | A.SpreadElement => {
    this.nestIn();
    const m = this.mark();
    const el: ElementParts = { spread: false, key: undefined, optional: false, value: undefined, guard: undefined, reading: Reading.Nothing };
    try {
      this.OR([
        {
          ALT: () => {
            this.CONSUME(T.Ellipsis);
            el.spread = true;
            el.reading = Reading.Value;
            el.value = this.SUBRULE(this.expr);
          },
        },
        {
          ALT: () => {
            el.reading = Reading.Value;
            el.value = this.SUBRULE2(this.expr);
            this.OPTION(() => {
              this.CONSUME(T.If);
              el.reading = Reading.Guard;
              el.guard = this.SUBRULE3(this.expr);
            });
          },
        },
      ]);
    } catch (e) {
      throw this.failed(e, (c) => this.arrayElementOf(withChild(el, c), m));
    }
    this.nestOut(0);
    return this.arrayElementOf(el, m);
  });

  private arrayElementOf(el: ElementParts, m: number): A.ArrayItem | A.SpreadElement {
    const span = this.spanFrom(m);
    if (el.spread) return { kind: "SpreadElement", expr: el.value ?? errorExpr(NO_SPAN), span };
    return { kind: "ArrayItem", value: el.value ?? errorExpr(NO_SPAN), guard: el.guard ?? null, span };
  }
}

/** What an object or array element read. */
interface ElementParts {
  spread: boolean;
  key: IToken | undefined;
  optional: boolean;
  value: A.Expr | undefined;
  guard: A.Expr | undefined;
  reading: Reading;
}

/** `el` with the partial result of the sub-expression it was reading. */
function withChild(el: ElementParts, child: unknown): ElementParts {
  if (child === NO_CHILD) return el;
  if (el.reading === Reading.Value) el.value = child as A.Expr;
  else if (el.reading === Reading.Guard) el.guard = child as A.Expr;
  return el;
}
