import { tokenMatcher, type IToken, type TokenType } from "chevrotain";
import { closestMatch } from "../core/diagnostics/suggest.js";
import type { SyntaxErrorPayload } from "./messages.js";
import { kmigParser, type SkippedToken } from "./parser.js";
import { Identifier, RESERVED_WORDS, SOFT_KEYWORDS } from "./tokens.js";

/**
 * What went wrong in each statement that error recovery skipped. The parser skips a statement
 * when its first two tokens fit none of the block's statements; this module works out which of
 * the two is to blame, so that `describe "x"` says "expected a string, found `"x"`" rather than
 * blaming `describe`.
 */
export interface BadStatement {
  readonly context: string;
  readonly first: IToken;
  /** The token the statement went wrong at: the first, or the second when the first can start a statement. */
  readonly found: IToken;
  /** Whether something was missing before `found` (so a caret after the previous token reads best). */
  readonly missing: boolean;
  readonly payload: SyntaxErrorPayload;
  /** A keyword the first token is probably a typo of (`crate` → `create`). */
  readonly meant: string | null;
  /** Whether it starts on the line where the statement before it ends (`add c text? defualt 1`). */
  readonly midLine: boolean;
}

/** Bad statements analysed in detail; past this many the file's errors are summarised anyway. */
const DETAILED = 60;

const labelOf = (t: TokenType): string => t.LABEL ?? t.name;
const KEYWORDS = new Set<TokenType>([...SOFT_KEYWORDS, ...RESERVED_WORDS]);
const wordOf = (t: TokenType): string => String(t.PATTERN).slice(1, -1);

/** The bad statements of a parse, in order. `tokens` is the parser's input, `text` the file's text. */
export function badStatements(skipped: readonly SkippedToken[], tokens: readonly IToken[], text: string): BadStatement[] {
  if (skipped.length === 0) return [];
  const index = new Map(tokens.map((t, i) => [t, i]));
  return groupStatements(skipped, index).map((run, n) => {
    const i = index.get(run[0].token)!;
    const prev = tokens[i - 1];
    const midLine = prev !== undefined && !/[\n\r]/.test(text.slice(prev.startOffset + prev.image.length, run[0].token.startOffset));
    return analyse(run[0], run[1]?.token ?? tokens[i + 1], midLine, n < DETAILED);
  });
}

/**
 * Groups skipped tokens into statements. At top level, bad statements with nothing parsed between
 * them merge into one (a paragraph of prose, or everything after a block closed too early).
 */
function groupStatements(skipped: readonly SkippedToken[], index: ReadonlyMap<IToken, number>): SkippedToken[][] {
  const out: SkippedToken[][] = [];
  for (const s of skipped) {
    const last = out[out.length - 1];
    const follows = last !== undefined && index.get(last[last.length - 1].token)! + 1 === index.get(s.token);
    if (last && (!s.start || (s.context === "unit" && last[0].context === "unit" && follows))) last.push(s);
    else out.push([s]);
  }
  return out;
}

/**
 * Blames the first token of a bad statement, or the one after it (`second`, absent at the end of
 * the file) when the first can start a statement. A statement that starts mid-line is most likely
 * a misspelled continuation of the one before it, so its first token is to blame.
 */
function analyse({ context, token: first }: SkippedToken, second: IToken | undefined, midLine: boolean, detailed: boolean): BadStatement {
  const starts = detailed ? nextTokens(context, []) : [];
  const meant = detailed ? keywordTypo(first, midLine ? [...KEYWORDS] : starts) : null;
  const canStart = starts.some((t) => tokenMatcher(first, t));
  if (detailed && !midLine && canStart && second && !(meant && second.image !== "=")) {
    const after = nextTokens(context, [first]);
    if (after.length > 0 && !after.some((t) => tokenMatcher(second, t))) {
      return { context, first, found: second, missing: true, payload: payloadOf("mismatch", context, after, second), meant: null, midLine };
    }
  }
  return { context, first, found: first, missing: false, payload: payloadOf("noViableAlt", context, starts, first), meant, midLine };
}

/** The token types that may come next in rule `rule` after `preceding`, in grammar order. */
function nextTokens(rule: string, preceding: IToken[]): TokenType[] {
  const key = preceding.length === 0 ? rule : null;
  const cached = key === null ? undefined : firstSets.get(key);
  if (cached) return cached;
  let types: TokenType[] = [];
  try {
    types = [...new Set(kmigParser.computeContentAssist(rule, preceding).map((p) => p.nextTokenType))];
  } catch {
    // Content assist is a nicety: an unknown rule name just means no detail.
  }
  if (key !== null) firstSets.set(key, types);
  return types;
}
const firstSets = new Map<string, TokenType[]>();

/** A keyword among `candidates` that `t` is a likely misspelling of. */
function keywordTypo(t: IToken, candidates: readonly TokenType[]): string | null {
  if (t.tokenType !== Identifier) return null;
  const words = candidates.filter((s) => KEYWORDS.has(s)).map(wordOf);
  if (words.includes(t.image.toLowerCase())) return null; // a case mistake, explained elsewhere
  return closestMatch(t.image, words);
}

function payloadOf(kind: SyntaxErrorPayload["kind"], rule: string, expected: readonly TokenType[], actual: IToken): SyntaxErrorPayload {
  const labels: string[] = [];
  const names: string[] = [];
  for (const t of expected) {
    const l = labelOf(t);
    if (labels.includes(l)) continue;
    labels.push(l);
    names.push(t.name);
  }
  return { kind, rule, expected: labels, expectedNames: names, actual: actual.image, actualName: actual.tokenType?.name ?? "EOF" };
}
