import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, identFromToken, stringOf, tokenSpan } from "./leaves.js";
import { NO_CHILD } from "./parser-base.js";
import { CompoundParser } from "./parser-compound.js";
import * as T from "./tokens.js";

/** Stands for a string primary whose token recovery invented: an error expression spanning the primary. */
const NO_STRING = Symbol("no string");

/** A `.key` (its token, if any) or `[index]` after a primary. */
/** `.key`, or `[index]` with where it ends: after its `]`, or after the index when recovery left no `]`. */
type Postfix = { readonly key: IToken | undefined } | { readonly index: A.Expr; readonly empty: boolean; end: number };

/** The primaries of expressions, and the leaf rules: names, strings and keys. */
export abstract class PrimaryParser extends CompoundParser {
  // Built once: chevrotain otherwise gets a fresh array of closures on every call.
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
              const postfix = { index, empty: !this.readSince(indexMark), end: this.lastEnd() };
              (postfixes ??= []).push(postfix);
              indexMark = -1;
              this.CONSUME(T.RBracket);
              postfix.end = this.lastEnd();
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
        acc = { kind: "IndexExpr", object: acc, index: p.index, span: { start, end: p.end } };
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
