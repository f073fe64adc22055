import { tokenMatcher, type IToken, type TokenType } from "chevrotain";
import { lex } from "./lexer.js";
import { kmigParser } from "./parser.js";
import * as T from "./tokens.js";

/** What kind of name the grammar takes at a point: a table, a column, a type, a value (column, call…), a new name, a key. */
export type NameSlot = "table" | "column" | "type" | "value" | "oldColumn" | "new" | "key";

/** What may come next at a point of a file, from the grammar itself (chevrotain's content assist). */
export interface Expected {
  /** Keywords that fit here, as written. */
  readonly keywords: readonly string[];
  readonly slots: readonly NameSlot[];
  /** The `table t {` / `create table t {` block the point is in. */
  readonly table: string | null;
  /** The parameters of the `def` the point is in. */
  readonly params: readonly string[];
  /** The types of the `map name: input -> output { … }` whose block the point is in. */
  readonly map: { readonly input: string | null; readonly output: string | null } | null;
}

const KEYWORD_TYPES: ReadonlySet<TokenType> = new Set([...T.SOFT_KEYWORDS, ...T.RESERVED_WORDS]);
const keywordText = (t: TokenType): string => String(t.PATTERN).slice(1, -1);
const NAME_TOKENS: ReadonlySet<TokenType> = new Set([T.Identifier, T.QuotedIdent]);
/** A name as written: soft keywords are names too (their token category is Identifier). */
const isName = (t: IToken | undefined): t is IToken => t !== undefined && (tokenMatcher(t, T.Identifier) || tokenMatcher(t, T.QuotedIdent));

/**
 * What the grammar accepts at `offset` of `text` (a word being typed there is left out: it is
 * what the completion replaces). Only the current item is read again, so it costs the same
 * anywhere in a long file. Keywords come from the token definitions, so new ones appear here
 * as the grammar gains them.
 */
export function expectedAt(text: string, offset: number): Expected {
  const tokens = lex(text.slice(0, offset)).tokens.filter((t) => t.startOffset + t.image.length <= offset);
  const { start, table, depth } = itemStart(text, tokens);
  const preceding = tokens.slice(start);
  const rule = depth === 0 ? "file" : "item";
  const suggestions = contentAssist(rule, preceding);
  // On a line of its own, a new item (or unit) may start here as well as the last one go on.
  if (depth <= 1 && preceding.length > 0 && lineStartsAt(text, offset)) suggestions.push(...contentAssist(rule, []));
  // In a table block each action starts a line: read the current line as one, too. The grammar
  // analysis does not see gates, so from the item's start it may take the line's first words for
  // the end of the line before (`else type` + `add score` as the words of a typed literal).
  if (depth === 2 && table !== null) suggestions.push(...contentAssist("tableAction", preceding.slice(lineStart(text, preceding))));
  const keywords = new Set<string>();
  const slots = new Set<NameSlot>();
  for (const s of suggestions) {
    if (KEYWORD_TYPES.has(s.nextTokenType)) keywords.add(keywordText(s.nextTokenType));
    if (NAME_TOKENS.has(s.nextTokenType)) {
      const slot = slotOf(s.ruleStack, preceding);
      if (slot) slots.add(slot);
    }
  }
  return { keywords: [...keywords].sort(), slots: [...slots], table, params: defParams(preceding), map: depth >= 2 ? mapTypes(preceding) : null };
}

function contentAssist(rule: "file" | "item" | "tableAction", preceding: IToken[]): ReturnType<typeof kmigParser.computeContentAssist> {
  try {
    return kmigParser.computeContentAssist(rule, preceding);
  } catch {
    // The grammar analysis gave up on this input: names are still offered by the caller.
    return [];
  }
}

/** The index of the first of `tokens` on the line of the last one (0 when there is none). */
function lineStart(text: string, tokens: readonly IToken[]): number {
  let i = tokens.length - 1;
  while (i > 0 && !startsLine(text, tokens, i)) i--;
  return Math.max(i, 0);
}

/** Whether only blanks stand between the start of the line and `offset`. */
function lineStartsAt(text: string, offset: number): boolean {
  let at = offset;
  while (at > 0 && (text[at - 1] === " " || text[at - 1] === "\t")) at--;
  return at === 0 || text[at - 1] === "\n" || text[at - 1] === "\r";
}

/** The first token of the item (or unit) the point is in, the enclosing table block, and the brace depth. */
function itemStart(text: string, tokens: readonly IToken[]): { start: number; table: string | null; depth: number } {
  const stack: (string | null)[] = [];
  let start = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (stack.length <= 1 && startsLine(text, tokens, i)) start = i;
    if (t.tokenType === T.LBrace) {
      const name = tokens[i - 1];
      const isTable = tokens[i - 2]?.tokenType === T.Table && isName(name);
      stack.push(isTable ? unquote(name.image) : null);
      if (stack.length === 1) start = i + 1;
    } else if (t.tokenType === T.RBrace) {
      stack.pop();
      if (stack.length <= 1) start = i + 1;
    }
  }
  const table = [...stack].reverse().find((x) => x !== null) ?? null;
  return { start, table, depth: stack.length };
}

function startsLine(text: string, tokens: readonly IToken[], i: number): boolean {
  if (i === 0) return true;
  const prev = tokens[i - 1];
  return /[\n\r]/.test(text.slice(prev.startOffset + prev.image.length, tokens[i].startOffset));
}

function unquote(image: string): string {
  return image.startsWith('"') ? image.slice(1, -1).replace(/""/g, '"') : image;
}

/** Which kind of name a rule path takes. */
function slotOf(stack: readonly string[], preceding: readonly IToken[]): NameSlot | null {
  const last = stack[stack.length - 1];
  const parent = stack[stack.length - 2];
  const before = preceding[preceding.length - 1]?.tokenType;
  if (stack.includes("typeRef")) return "type";
  if (last === "nameOrCall") return "value";
  if (last === "memberKey") return before === T.Dot && [T.Old, T.Dollar].includes(preceding[preceding.length - 2]?.tokenType) ? "oldColumn" : "key";
  if (last === "nameList" || last === "indexColumn") return "column";
  if (last === "keyPath" || last === "configItem") return "key";
  if (last !== "name") return null;
  if (before === T.Arrow) return "new";
  switch (parent) {
    case "alterTable":
    case "dropTable":
    case "renameTable":
    case "columnModifier":
      return "table";
    case "tableConstraint":
      return before === T.References ? "table" : "new";
    case "dropColumn":
    case "renameColumn":
    case "alterColumn":
    case "assignColumn":
      return "column";
    default:
      return "new";
  }
}

/** `map name: T -> U {`: the words of T and U (as written), when the item is a map. */
function mapTypes(preceding: readonly IToken[]): Expected["map"] {
  if (preceding[0]?.tokenType !== T.Map) return null;
  const brace = preceding.findIndex((t) => t.tokenType === T.LBrace);
  const head = preceding.slice(2, brace < 0 ? preceding.length : brace);
  if (head[0]?.tokenType !== T.Colon) return { input: null, output: null };
  const arrow = head.findIndex((t) => t.tokenType === T.Arrow);
  const words = (ts: readonly IToken[]) =>
    ts
      .filter(isName)
      .map((t) => unquote(t.image))
      .join(" ") || null;
  return { input: words(head.slice(1, arrow < 0 ? head.length : arrow)), output: arrow < 0 ? null : words(head.slice(arrow + 1)) };
}

/** The parameter names of the `def` whose body the point is in. */
function defParams(preceding: readonly IToken[]): string[] {
  if (preceding[0]?.tokenType !== T.Def) return [];
  const close = preceding.findIndex((t) => t.tokenType === T.RParen);
  if (close < 0 || !preceding.slice(close).some((t) => t.tokenType === T.ColonEq)) return [];
  const out: string[] = [];
  for (let i = 3; i < close; i++) if (isName(preceding[i]) && [T.LParen, T.Comma].includes(preceding[i - 1].tokenType)) out.push(unquote(preceding[i].image));
  return out;
}
