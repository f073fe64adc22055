import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { errorExpr, identFromToken, stringLit, stringOf, tokenSpan } from "./leaves.js";
import { NO_CHILD } from "./parser-base.js";
import { CompoundParser } from "./parser-compound.js";
import * as T from "./tokens.js";
import { closestMatch } from "../core/diagnostics/suggest.js";

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
    /** The words after the first and the string of a typed literal (`timestamp with time zone '…'`). */
    let typed: { words: IToken[]; value: IToken | undefined } | null = null;
    try {
      name = this.OR(this.nameAlts);
      this.OPTION({
        GATE: () => this.typedLiteralAhead(name) !== null,
        DEF: () => {
          const words: IToken[] = [];
          const read: { words: IToken[]; value: IToken | undefined } = { words, value: undefined };
          typed = read;
          this.OR2([
            {
              ALT: () => {
                this.OPTION2(() => {
                  words.push(this.CONSUME2(T.Identifier));
                  words.push(this.CONSUME3(T.Identifier));
                  words.push(this.CONSUME4(T.Identifier));
                });
                read.value = this.CONSUME(T.StringLiteral);
              },
            },
            {
              // `interval 3 days`: the value unquoted (reported; `typed.value` stays empty).
              ALT: () => {
                words.push(this.CONSUME(T.NumberLiteral));
                this.OPTION4({ GATE: () => !this.startsLine(1), DEF: () => words.push(this.CONSUME5(T.Identifier)) });
              },
            },
          ]);
        },
      });
      this.OPTION3({
        GATE: () => typed === null,
        DEF: () => {
          this.CONSUME(T.LParen);
          const read: A.Expr[] = (args = []);
          this.MANY_SEP({ SEP: T.Comma, DEF: () => read.push(this.SUBRULE(this.expr)) });
          this.CONSUME(T.RParen);
        },
      });
    } catch (e) {
      throw this.failed(e, (c) => {
        if (args !== null) this.pushChild(c, args);
        return this.nameOrCallOf(name, args, m);
      });
    }
    this.nestOut(0);
    if (this.RECORDING_PHASE) return undefined as never;
    const lit = typed as { words: IToken[]; value: IToken | undefined } | null;
    if (lit && name) return this.typedLiteralOf(name, lit.words, lit.value, m);
    return this.nameOrCallOf(name, args, m);
  });

  /**
   * Whether a typed literal starts at `name`: a date/time type word and a string on the same line
   * (`date '2022-08-01'`), or `time`/`timestamp` `with`/`without time zone` and a string. A column
   * called `date` followed by anything else stays a name.
   */
  private typedLiteralAhead(name: IToken | undefined): "literal" | "misspelled" | "unquoted" | null {
    if (!name || name.tokenType !== T.Identifier) return null;
    const known = TYPED_LITERAL_WORDS.has(name.image);
    if (this.la(1, T.StringLiteral) && !this.startsLine(1)) {
      if (known) return "literal";
      // `intervl '3 days'`: a word a typo away from a type word, before a string.
      return closestMatch(name.image, TYPED_LITERAL_WORDS, 2) !== null ? "misspelled" : null;
    }
    if (known && this.la(1, T.NumberLiteral) && !this.startsLine(1)) return name.image === "interval" ? "unquoted" : null;
    if (!known || (name.image !== "time" && name.image !== "timestamp")) return null;
    const zone = ["with", "without"].includes(this.LA(1).image) && this.LA(2).image === "time" && this.LA(3).image === "zone";
    return zone && this.isName(1) && this.la(4, T.StringLiteral) && ![1, 2, 3, 4].some((i) => this.startsLine(i)) ? "literal" : null;
  }

  /** The literal, or (reported) an error node for a misspelled type word or an unquoted interval. */
  private typedLiteralOf(name: IToken, words: readonly IToken[], value: IToken | undefined, m: number): A.Expr {
    const span = this.spanFrom(m);
    if (value === undefined) {
      const text = words.map((w) => w.image).join(" ");
      this.problems.push({ code: "K2101", span, message: `the value of an interval literal is a string: \`${name.image} ${text}\``, help: `quote it: interval '${text}'`, label: "unquoted" });
      return errorExpr(span);
    }
    if (!TYPED_LITERAL_WORDS.has(name.image)) {
      const word = closestMatch(name.image, TYPED_LITERAL_WORDS, 2) as string;
      this.problems.push({ code: "K2100", span: tokenSpan(name), message: `\`${name.image}\` is not a type a literal can have`, help: `did you mean ${word} ${value.image}?`, label: "unknown literal type" });
      return errorExpr(span);
    }
    const keyword = [name, ...words].map((w) => w.image).join(" ") as A.TypedLitKeyword;
    return { kind: "TypedLit", keyword, value: stringLit(value, this.problems), span };
  }

  private nameOrCallOf(t: IToken | undefined, args: A.Expr[] | null, m: number): A.Expr {
    const span = this.spanFrom(m);
    if (!t || t.isInsertedInRecovery) return errorExpr(span);
    const name = identFromToken(t, this.problems);
    return args !== null ? { kind: "CallExpr", callee: name, args, span } : { kind: "NameExpr", name, span };
  }
}

/** The type words a typed literal may start with (`timestamp with time zone` starts with `timestamp`). */
const TYPED_LITERAL_WORDS: ReadonlySet<string> = new Set(["date", "time", "timetz", "timestamp", "timestamptz", "interval"]);

function numberLit(t: IToken): A.Expr {
  return { kind: "NumberLit", text: t.image, span: tokenSpan(t) };
}
