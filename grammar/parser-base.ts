import { EmbeddedActionsParser, EOF, isRecognitionException, tokenMatcher, type IOrAlt, type IToken, type OrMethodOpts, type ParserMethod, type TokenType } from "chevrotain";
import type { Ident, Span } from "./ast.js";
import { nameOf, NO_SPAN } from "./leaves.js";
import type { LiteralProblem } from "./literals.js";
import { errorMessages } from "./messages.js";
import * as T from "./tokens.js";

/** A token that error recovery skipped; see `ParserBase.skipped`. */
export interface SkippedToken {
  readonly token: IToken;
  /** The rule whose list the bad statement interrupted (`item`, `tableAction`, …). */
  readonly context: string;
  /** Whether this token begins a bad statement. */
  readonly start: boolean;
}

/** Returned by `childOf` when a syntax error did not come from inside a child rule. */
export const NO_CHILD: unique symbol = Symbol("no child");

const PARTIAL = Symbol("partial result");

/** A syntax error carrying the result of the rule it last left (see `ParserBase.failed`). */
interface Carrier {
  [PARTIAL]?: { readonly value: unknown };
}

/** Chevrotain internals the parser uses (chevrotain 11, pinned; see test/grammar-speed-guards.test.ts). */
interface ChevrotainInternals {
  /** Called with every token a CONSUME returns (a no-op without a CST). */
  cstPostTerminal(key: string, token: IToken): void;
  /** Moves past the next token. */
  consumeToken(): void;
}

/** A rule's result when a syntax error ended it and it recovered: what it had read (see `failed`). */
const RULE_CONFIG = { recoveryValueFunc: (e: unknown) => (e as Carrier)[PARTIAL]?.value };

/**
 * What every layer of the kmig parser shares. The parser builds the AST as it goes (chevrotain's
 * embedded actions: each rule returns its node), which takes a fifth of the time that building a
 * CST and walking it did. Error recovery is on, so one run reports every syntax error of a file.
 *
 * Recovery can end a rule halfway, and the statement around it still goes into the AST with what
 * it had read. So every rule that builds something catches the syntax error on its way out, makes
 * its node of what it has, and leaves it on the error (`failed`); the rule around it finds it there
 * (`childOf`) and does the same, up to the rule that recovers, which returns it. A node's span
 * runs from the first to the last token read inside its rule (`mark`, `spanFrom`).
 */
export abstract class ParserBase extends EmbeddedActionsParser {
  /** Start offsets of the tokens read so far, in order; `tracked` of them. */
  private readonly starts: number[] = [];
  private tracked = 0;
  /** The end of the last token read. */
  private trackedEnd = 0;

  /** The text being parsed; set with `begin`. Only read to tell where a line begins. */
  public sourceText = "";

  /**
   * Tokens skipped while recovering inside a block, with the rule whose list they interrupted;
   * `start` marks the first token of each bad statement. A block never ends at a bad statement:
   * it skips the statement (see `junk`) and goes on with the next one.
   */
  public skipped: SkippedToken[] = [];

  /**
   * Problems found in literals and types of the AST built so far (bad escapes, unknown types). A
   * rule that drops what it read takes back the problems of that part (`problems.length = mark`).
   */
  public problems: LiteralProblem[] = [];

  constructor() {
    super([...T.ALL_TOKENS], {
      recoveryEnabled: true,
      skipValidations: true,
      maxLookahead: 2,
      errorMessageProvider: errorMessages,
    });
    // Every token a CONSUME returns (read, or invented or kept by recovery) passes through here.
    (this as unknown as ChevrotainInternals).cstPostTerminal = (_key, token) => this.track(token);
  }

  /** Sets the parser up for `tokens` of `text`. */
  public begin(tokens: IToken[], text: string): void {
    this.input = tokens;
    this.sourceText = text;
    this.skipped = [];
    this.problems = [];
    this.tracked = 0;
    this.trackedEnd = 0;
    this.nesting[0] = 0;
    this.nestingTop = 0;
  }

  /** Lets go of the last input. */
  public end(): void {
    this.begin([], "");
  }

  /** The next token to read; after a stack overflow, the spot where the parser gave up. */
  public current(): IToken {
    return this.LA(1);
  }

  // ---------------------------------------------------------------- spans

  private track(t: IToken): void {
    const start = t.startOffset;
    // Tokens invented by recovery have no position (NaN) and take no part in spans.
    if (start === start) {
      this.starts[this.tracked++] = start;
      this.trackedEnd = start + t.image.length;
    }
  }

  /** A point in the parse, to give `spanFrom` and `readSince`. */
  protected mark(): number {
    return this.tracked;
  }

  /** From the first token read since `m` to the last one read; NO_SPAN when none was. */
  protected spanFrom(m: number): Span {
    return m < this.tracked ? { start: this.starts[m], end: this.trackedEnd } : NO_SPAN;
  }

  /** Whether a token was read since `m`. */
  protected readSince(m: number): boolean {
    return m < this.tracked;
  }

  /** The end of the last token read. */
  protected lastEnd(): number {
    return this.trackedEnd;
  }

  // ---------------------------------------------------------------- nesting bound

  /** `nest`'s running bounds: one per expression rule running, [0] the file's. */
  private readonly nesting: number[] = [0];
  private nestingTop = 0;

  /**
   * How many nodes deep the expressions built so far may nest, at most (see `mayBeTooDeep` in
   * depth-check.ts). Each expression rule calls `nestIn` first and `nestOut` when it returns.
   * Only holds when no syntax error interrupted a rule.
   */
  public nestingBound(): number {
    return this.nesting[0];
  }

  protected nestIn(): void {
    this.nesting[++this.nestingTop] = 0;
  }

  /** `ops`: the operators or postfixes the rule read; it builds at most two nodes more on any path down. */
  protected nestOut(ops: number): void {
    const bound = 2 + ops + this.nesting[this.nestingTop--];
    if (bound > this.nesting[this.nestingTop]) this.nesting[this.nestingTop] = bound;
  }

  // ---------------------------------------------------------------- partial results

  /** Defines a rule whose result, when recovery ends it early, is what it had read (see the class comment). */
  protected rule<F extends () => unknown>(name: string, impl: F): ParserMethod<[], ReturnType<F>> {
    return this.RULE(name, impl, RULE_CONFIG as { recoveryValueFunc: (e: unknown) => ReturnType<F> });
  }

  /**
   * For a rule's `catch`: leaves on a syntax error what the rule had read, made by `partial` from
   * the result of the child rule the error came out of (NO_CHILD if none), and returns the error
   * to rethrow. Other errors (a stack overflow) pass untouched.
   */
  protected failed(e: unknown, partial: (child: unknown) => unknown): unknown {
    if (isRecognitionException(e as Error)) {
      const carrier = e as Carrier;
      const child = carrier[PARTIAL] === undefined ? NO_CHILD : carrier[PARTIAL].value;
      carrier[PARTIAL] = { value: partial(child) };
    }
    return e;
  }

  /**
   * For rules that only choose among alternatives: the chosen one's node; a partial one if it
   * failed; null if none fitted.
   */
  protected dispatch<V>(alts: IOrAlt<V | null>[] | OrMethodOpts<V | null>): V | null {
    try {
      return this.OR(alts);
    } catch (e) {
      throw this.failed(e, (c) => (c === NO_CHILD ? null : c));
    }
  }

  /** The Ident of a `name` token; null when recovery left it out or invented it. */
  protected ident(t: IToken | undefined): Ident | null {
    return this.RECORDING_PHASE ? null : nameOf(t, this.problems);
  }

  /** A statement dropped (null), taking back the problems reported since `q` (see `problems`). */
  protected dropped(q: number): null {
    this.problems.length = q;
    return null;
  }

  /** Takes back the literal problems reported since `from` (up to `to`). */
  protected retract(from: number, to = this.problems.length): void {
    if (to > from) this.problems.splice(from, to - from);
  }

  // ---------------------------------------------------------------- lookahead

  protected la(i: number, type: TokenType): boolean {
    return tokenMatcher(this.LA(i), type);
  }

  protected isName(i: number): boolean {
    return this.la(i, T.Identifier) || this.la(i, T.QuotedIdent);
  }

  /** Whether a line break separates LA(i) from the token before it. */
  protected startsLine(i: number): boolean {
    const prev = this.LA(i - 1);
    const next = this.LA(i);
    if (!Number.isFinite(prev.startOffset)) return true;
    if (!Number.isFinite(next.startOffset)) return false;
    // A loop rather than a regex on a slice: this runs for every column modifier.
    for (let at = prev.startOffset + prev.image.length; at < next.startOffset; at++) {
      const c = this.sourceText.charCodeAt(at);
      if (c === 10 || c === 13) return true;
    }
    return false;
  }

  /**
   * A soft keyword followed by `:=` assigns the column of that name; it never continues the
   * statement before it (`drop x` then `reverse := …`).
   */
  protected notAssignment(): boolean {
    return !this.la(2, T.ColonEq);
  }

  // ---------------------------------------------------------------- blocks and bad statements

  /**
   * The statements of a block up to its `}` (or the end of file), skipping what fits no
   * statement; each statement's node, unless it was dropped (null), goes into `into`. The rule
   * around it adds the node of a statement cut short (see `pushChild`). Where `startsStatement`
   * says no, what comes is a bad statement however it begins.
   */
  protected statements<V>(rule: ParserMethod<[], V | null>, context: string, into: V[], stopAtBrace = true, startsStatement: () => boolean = () => true): void {
    this.MANY({
      GATE: () => this.LA(1).tokenType !== EOF && !(stopAtBrace && this.la(1, T.RBrace)),
      DEF: () => {
        // Set on every iteration: a nested block may have changed it.
        if (!this.RECORDING_PHASE) this.junkContext = context;
        this.OR({
          IGNORE_AMBIGUITIES: true,
          DEF: [
            {
              GATE: startsStatement,
              ALT: () => {
                const v = this.SUBRULE(rule);
                if (v !== null && v !== undefined) into.push(v);
              },
            },
            { ALT: () => this.SUBRULE(this.junk) },
          ],
        });
      },
    });
  }

  /** For a block's `catch`: adds to `list` the statement a syntax error cut short, if that is where it came from. */
  protected pushChild<V>(child: unknown, list: V[]): V[] {
    if (child !== NO_CHILD && child !== null && child !== undefined) list.push(child as V);
    return list;
  }

  private junkContext = "";

  /** `{` and `(`/`[` left open inside the bad statement being skipped. */
  private junkBraces = 0;
  private junkParens = 0;

  /**
   * A bad statement: skipped from its first token to the end of its line, together with any
   * brackets it opens (so `crate table t { … }` is one error, not one per line of its block).
   * It makes no node, and never fails (so it leaves no partial result).
   */
  public junk = this.RULE("junk", () => {
    const first = this.CONSUME(T.AnyToken);
    this.ACTION(() => {
      this.junkBraces = 0;
      this.junkParens = 0;
      this.skipJunk(first, true);
      // The rest of the statement is read here, token by token as CONSUME would, not by a
      // grammar loop: to chevrotain's start-up analysis a `MANY(AnyToken)` that any block may
      // run into makes each block's lookahead several times dearer to work out (+100 ms a start).
      const internals = this as unknown as ChevrotainInternals;
      while (this.junkGoesOn()) {
        const t = this.LA(1);
        internals.consumeToken();
        this.track(t);
        this.skipJunk(t, false);
      }
    });
  });

  /**
   * Reads the tokens up to the `)` that closes the `(` just read (not that `)`), brackets
   * balanced, and returns their text, one space where the source separates two (comments are not
   * part of it). Tokens are read as `junk` reads them (see there).
   */
  protected balancedText(): string {
    let text = "";
    this.ACTION(() => {
      const internals = this as unknown as ChevrotainInternals;
      let depth = 0;
      let end = -1;
      for (;;) {
        const t = this.LA(1);
        if (t.tokenType === EOF || this.la(1, T.RBrace)) break;
        if (tokenMatcher(t, T.RParen) && depth === 0) break;
        if (tokenMatcher(t, T.LParen) || tokenMatcher(t, T.LBracket)) depth++;
        else if (tokenMatcher(t, T.RParen) || tokenMatcher(t, T.RBracket)) depth--;
        internals.consumeToken();
        this.track(t);
        // Tokens apart in the source (a space, a comment, a line break) are one space apart.
        text += (end >= 0 && t.startOffset > end ? " " : "") + t.image;
        end = t.startOffset + t.image.length;
      }
    });
    return text;
  }

  private skipJunk(token: IToken, start: boolean): void {
    this.skipped.push({ token, context: this.junkContext, start });
    if (tokenMatcher(token, T.LBrace)) this.junkBraces++;
    else if (tokenMatcher(token, T.RBrace)) this.junkBraces = Math.max(0, this.junkBraces - 1);
    else if (tokenMatcher(token, T.LParen) || tokenMatcher(token, T.LBracket)) this.junkParens++;
    else if (tokenMatcher(token, T.RParen) || tokenMatcher(token, T.RBracket)) this.junkParens = Math.max(0, this.junkParens - 1);
  }

  /** A bad statement goes on to the end of its line and its brackets, but never past its block's `}`. */
  private junkGoesOn(): boolean {
    if (this.LA(1).tokenType === EOF) return false;
    if (this.junkBraces > 0) return true;
    if (this.la(1, T.RBrace)) return false;
    return this.junkParens > 0 || !this.startsLine(1);
  }
}
