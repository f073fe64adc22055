import type { IToken } from "chevrotain";
import type { SemanticTokensLegend } from "vscode-languageserver";
import type * as A from "../../grammar/ast.js";
import { lex } from "../../grammar/lexer.js";
import { Identifier, QuotedIdent, RESERVED_WORDS, SOFT_KEYWORDS } from "../../grammar/tokens.js";
import type { ChainSymbols, SymbolKind } from "../../compiler/symbols/chain-symbols.js";
import { forEachChild } from "../../compiler/symbols/expr-names.js";
import type { SourceFile } from "../../core/source-file.js";
import type { ChainFile } from "../analysis.js";
import { positionAt } from "../convert.js";

/** The token types and modifiers the server uses (LSP's standard names, so every theme colours them). */
export const SEMANTIC_LEGEND: SemanticTokensLegend = {
  tokenTypes: ["keyword", "type", "class", "property", "function", "parameter", "string", "number", "comment", "operator", "enumMember"],
  tokenModifiers: ["declaration", "defaultLibrary"],
};

type TokenType = "keyword" | "type" | "class" | "property" | "function" | "parameter" | "string" | "number" | "comment" | "operator" | "enumMember";
const TYPE_INDEX = new Map(SEMANTIC_LEGEND.tokenTypes.map((t, i) => [t, i]));
const DECLARATION = 1;
const DEFAULT_LIBRARY = 2;

/** What a name is shown as, by what it stands for. */
const NAME_TYPES: Record<SymbolKind, { type: TokenType; modifiers: number }> = {
  table: { type: "class", modifiers: 0 },
  column: { type: "property", modifiers: 0 },
  map: { type: "function", modifiers: 0 },
  def: { type: "function", modifiers: 0 },
  param: { type: "parameter", modifiers: 0 },
  type: { type: "type", modifiers: DEFAULT_LIBRARY },
  builtin: { type: "function", modifiers: DEFAULT_LIBRARY },
};

const KEYWORDS = new Set([...SOFT_KEYWORDS, ...RESERVED_WORDS]);

interface Classified {
  readonly start: number;
  readonly end: number;
  readonly type: TokenType;
  readonly modifiers: number;
}

/**
 * Semantic tokens of a file: what the lexer knows (keywords, strings, numbers, comments,
 * operators) corrected by what the names stand for — a soft keyword used as a column name is a
 * property, a word in a status map is a value, a type name is a type.
 */
export function semanticTokens(f: ChainFile, symbols: ChainSymbols): number[] {
  const lexed = lex(f.source.text);
  const names = new Map<number, { end: number; type: TokenType; modifiers: number }>();
  for (const o of symbols.files.get(f.source)?.occurrences ?? []) {
    const kind = symbols.symbols[o.symbol].kind;
    const t = NAME_TYPES[kind];
    names.set(o.span.start, { end: o.span.end, type: t.type, modifiers: t.modifiers | (o.role === "definition" ? DECLARATION : 0) });
  }
  const words = mapWords(f.parsed.ast);
  const out: Classified[] = [];
  let typeEnd = -1;
  for (const t of [...lexed.tokens, ...lexed.comments].sort((a, b) => a.startOffset - b.startOffset)) {
    const start = t.startOffset;
    const end = start + t.image.length;
    const name = names.get(start);
    if (name && name.type === "type") typeEnd = name.end;
    const c =
      start < typeEnd && isWord(t)
        ? { type: "type" as const, modifiers: DEFAULT_LIBRARY }
        : name && name.end === end
          ? name
          : words.has(start)
            ? { type: "enumMember" as const, modifiers: 0 }
            : lexical(t);
    if (c) out.push({ start, end, ...c });
  }
  return encode(f.source, out);
}

function isWord(t: IToken): boolean {
  return t.tokenType === Identifier || t.tokenType === QuotedIdent || KEYWORDS.has(t.tokenType);
}

/** The class of a token by itself. */
function lexical(t: IToken): { type: TokenType; modifiers: number } | null {
  const name = t.tokenType.name;
  if (KEYWORDS.has(t.tokenType)) return { type: "keyword", modifiers: 0 };
  if (/Comment$/.test(name)) return { type: "comment", modifiers: 0 };
  if (/String/.test(name)) return { type: "string", modifiers: 0 };
  if (name === "NumberLiteral") return { type: "number", modifiers: 0 };
  if (/^(ColonEq|Arrow|QuestionQuestion|Concat|EqEq|NotEq|LessEq|GreaterEq|Less|Greater|Plus|Minus|Star|Slash|Percent|Ellipsis)$/.test(name)) return { type: "operator", modifiers: 0 };
  return null;
}

/** Offsets of the bare words of status maps (`created, queued -> pending`): values, not names. */
function mapWords(ast: A.SpecFile): Set<number> {
  const out = new Set<number>();
  const visit = (node: { kind: string }) => {
    if (node.kind === "MapEntry" || node.kind === "MapFallback" || node.kind === "MapReverseChoice") {
      forEachChild(node, (child) => {
        if (child.kind === "StringLit" && child.span) out.add(child.span.start);
      });
    } else forEachChild(node, visit);
  };
  visit(ast);
  return out;
}

/** LSP's relative encoding; a token over several lines (a `'''` string, a block comment) is split per line. */
function encode(file: SourceFile, tokens: readonly Classified[]): number[] {
  const data: number[] = [];
  let line = 0;
  let char = 0;
  for (const t of tokens) {
    const type = TYPE_INDEX.get(t.type) as number;
    let start = t.start;
    while (start < t.end) {
      const p = positionAt(file, start);
      const nextLine = file.lineStarts[p.line + 1] ?? file.text.length;
      let end = Math.min(t.end, nextLine);
      while (end > start && (file.text[end - 1] === "\n" || file.text[end - 1] === "\r")) end--;
      if (end > start) {
        data.push(p.line - line, p.line === line ? p.character - char : p.character, end - start, type, t.modifiers);
        line = p.line;
        char = p.character;
      }
      if (nextLine <= start) break;
      start = nextLine;
    }
  }
  return data;
}
