import { Lexer, type IToken, type TokenType } from "chevrotain";
import { ALL_TOKENS, UnterminatedQuotedIdent, UnterminatedString, UnterminatedTripleString } from "./tokens.js";

/**
 * The one lexer instance. Chevrotain's validations of the token set take some 30 ms at every
 * start; test/grammar-speed-guards.test.ts runs them instead, so they are skipped here.
 */
export const kmigLexer = new Lexer([...ALL_TOKENS], {
  positionTracking: "onlyOffset",
  ensureOptimizations: true,
  skipValidations: true,
});

export interface LexProblem {
  readonly offset: number;
  readonly length: number;
}

export interface LexResult {
  readonly tokens: IToken[];
  readonly comments: IToken[];
  /** Unterminated strings, quoted identifiers and comments, in text order (strings also stay in `tokens`). */
  readonly invalid: IToken[];
  /** Runs of characters that start no token. */
  readonly unexpected: LexProblem[];
}

/** Unclosed strings and quoted identifiers: reported, but parsed as what they open. */
const UNCLOSED: ReadonlySet<TokenType> = new Set([UnterminatedTripleString, UnterminatedString, UnterminatedQuotedIdent]);

export function lex(text: string): LexResult {
  const r = kmigLexer.tokenize(text);
  const groups = r.groups as Record<string, IToken[] | undefined>;
  const invalid = [...(groups.invalid ?? [])];
  for (const t of r.tokens) if (UNCLOSED.has(t.tokenType)) invalid.push(t);
  return {
    tokens: r.tokens,
    comments: groups.comments ?? [],
    invalid: invalid.sort((a, b) => a.startOffset - b.startOffset),
    unexpected: r.errors.map((e) => ({ offset: e.offset, length: e.length })),
  };
}
