import { Lexer, type IToken, type TokenType } from "chevrotain";
import { ALL_TOKENS, Identifier, RESERVED_WORDS, SOFT_KEYWORDS, UnterminatedQuotedIdent, UnterminatedString, UnterminatedTripleString } from "./tokens.js";

const KEYWORD_TOKENS: ReadonlySet<TokenType> = new Set([...SOFT_KEYWORDS, ...RESERVED_WORDS]);

/** Keywords by their text. */
const KEYWORDS: ReadonlyMap<string, TokenType> = new Map([...KEYWORD_TOKENS].map((t) => [String(t.PATTERN).slice(1, -1), t]));

/**
 * What the lexer matches: every token but the keywords. A keyword is a word whose whole text is
 * the keyword (with the identifier as its `longer_alt`, `index` is a keyword and `indexes` is not),
 * so `lex` reads each word as an identifier and looks its text up: the same tokens, and a word
 * costs one pattern instead of a try of every keyword starting with its letter first.
 * test/grammar-speed-guards.test.ts checks the tokens against a lexer with the keyword patterns.
 */
export const LEXER_TOKENS: readonly TokenType[] = ALL_TOKENS.filter((t) => !KEYWORD_TOKENS.has(t));

/**
 * The one lexer instance. Chevrotain's validations of the token set take some 30 ms at every
 * start; test/grammar-speed-guards.test.ts runs them instead, so they are skipped here.
 */
export const kmigLexer = new Lexer([...LEXER_TOKENS], {
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
  for (const t of r.tokens) {
    if (t.tokenType === Identifier) {
      const keyword = KEYWORDS.get(t.image);
      if (keyword !== undefined) {
        t.tokenType = keyword;
        t.tokenTypeIdx = keyword.tokenTypeIdx as number;
      }
    } else if (UNCLOSED.has(t.tokenType)) {
      invalid.push(t);
    }
  }
  return {
    tokens: r.tokens,
    comments: groups.comments ?? [],
    invalid: invalid.sort((a, b) => a.startOffset - b.startOffset),
    unexpected: r.errors.map((e) => ({ offset: e.offset, length: e.length })),
  };
}
