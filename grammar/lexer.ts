import { Lexer, type IToken } from "chevrotain";
import { ALL_TOKENS } from "./tokens.js";

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

export function lex(text: string): LexResult {
  const r = kmigLexer.tokenize(text);
  // "onlyOffset" tokens carry no end offset, and without it every CST node (hence every AST
  // span wider than one token) would end where it starts.
  for (const t of r.tokens) t.endOffset = t.startOffset + t.image.length - 1;
  const groups = r.groups as Record<string, IToken[] | undefined>;
  return {
    tokens: r.tokens,
    comments: groups.comments ?? [],
    invalid: [...(groups.invalid ?? []), ...r.tokens.filter((t) => t.tokenType.name.startsWith("Unterminated"))].sort((a, b) => a.startOffset - b.startOffset),
    unexpected: r.errors.map((e) => ({ offset: e.offset, length: e.length })),
  };
}
