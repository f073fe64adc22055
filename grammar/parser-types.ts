import type { IToken } from "chevrotain";
import type * as A from "./ast.js";
import { joinSpans, NO_SPAN, tokenSpan } from "./leaves.js";
import { ExprParser } from "./parser-expr.js";
import * as T from "./tokens.js";
import type { TypeParts, TypePiece } from "./type-ref.js";

/** Words that end a type on its line: column modifiers read by their spelling rather than by a keyword token. */
const NOT_TYPE_WORDS = new Set(["comment", "generated", "collate", "constraint"]);

/** Words after which `to` continues an interval type (`interval day to second`). */
const FIELD_BEFORE_TO = new Set(["year", "day", "hour", "minute"]);

/** From the first argument to the last (the parentheses left out); `fallback` when none was read. */
function argsSpan(args: readonly (readonly IToken[])[], fallback: A.Span): A.Span {
  const first = args[0]?.[0];
  const lastArg = args[args.length - 1];
  const last = lastArg?.[lastArg.length - 1];
  return first && last ? joinSpans(tokenSpan(first, fallback), tokenSpan(last, fallback)) : fallback;
}

type Mutable<V> = { -readonly [K in keyof V]: V[K] };

/**
 * Types as written: `varchar(50)`, `numeric(10, 2)`, `double precision`, `time(3) with time zone`,
 * `interval day to second(3)`, `integer array`, `text[][]`, `jsonb?`. The rule collects the words
 * of the type's line and its argument list; `type-ref.ts` makes sense of them, so that a word that
 * does not belong to the type is reported where it stands instead of starting another column.
 */
export abstract class TypeParser extends ExprParser {
  public typeRef = this.rule("typeRef", (): TypeParts => {
    const m = this.mark();
    const parts: Mutable<TypeParts> & { pieces: TypePiece[] } = { name: undefined, pieces: [], arrayDims: 0, nullable: false, span: NO_SPAN };
    try {
      parts.name = this.SUBRULE(this.name);
      // `public.mytype`: a type of another schema, which kmig does not model (an opaque type).
      this.OPTION3(() => {
        this.CONSUME(T.Dot);
        parts.schema = parts.name;
        parts.name = this.SUBRULE2(this.name);
      });
      this.MANY({
        GATE: () => this.la(1, T.LParen) || this.typeWordAhead(),
        DEF: () =>
          this.OR([
            { ALT: () => parts.pieces.push({ kind: "word", token: this.CONSUME(T.Identifier) }) },
            { ALT: () => parts.pieces.push(this.SUBRULE(this.typeArgs)) },
          ]),
      });
      this.MANY2(() => {
        this.CONSUME(T.LBracket);
        parts.arrayDims++;
        // `integer[3]`: PostgreSQL reads the size and ignores it.
        this.OPTION(() => this.CONSUME(T.NumberLiteral));
        this.CONSUME(T.RBracket);
      });
      this.OPTION2(() => (this.CONSUME(T.Question), (parts.nullable = true)));
    } catch (e) {
      throw this.failed(e, (c) => {
        if (c !== null && typeof c === "object" && (c as TypePiece).kind === "args") parts.pieces.push(c as TypePiece);
        return { ...parts, span: this.spanFrom(m) };
      });
    }
    return { ...parts, span: this.spanFrom(m) };
  });

  /** `(50)`, `(10, 2)`, `(Point, 4326)`: each argument as its tokens; the span runs over the arguments. */
  public typeArgs = this.rule("typeArgs", (): TypePiece => {
    const m = this.mark();
    const args: IToken[][] = [];
    try {
      this.CONSUME(T.LParen);
      this.AT_LEAST_ONE_SEP({
        SEP: T.Comma,
        DEF: () =>
          this.OR([
            { ALT: () => args.push([this.CONSUME(T.NumberLiteral)]) },
            { ALT: () => args.push([this.CONSUME(T.Minus), this.CONSUME2(T.NumberLiteral)]) },
            { ALT: () => args.push([this.CONSUME(T.Identifier)]) },
            { ALT: () => args.push([this.CONSUME(T.QuotedIdent)]) },
          ]),
      });
      this.CONSUME(T.RParen);
    } catch (e) {
      throw this.failed(e, () => ({ kind: "args", args, span: argsSpan(args, this.spanFrom(m)) }));
    }
    return { kind: "args", args, span: argsSpan(args, this.spanFrom(m)) };
  });

  /**
   * A word on the type's line that may continue it: a plain identifier (soft keywords such as
   * `default`, `references` or `using` begin what follows the type), or `to` in an interval's fields.
   */
  private typeWordAhead(): boolean {
    if (this.startsLine(1)) return false;
    const next = this.LA(1);
    if (next.tokenType === T.Identifier) return !NOT_TYPE_WORDS.has(next.image);
    // `with` is a keyword of sequence and index options, and a word of `time with time zone`.
    if (next.tokenType === T.With) return true;
    return next.tokenType === T.To && FIELD_BEFORE_TO.has(this.LA(0).image.toLowerCase());
  }
}
