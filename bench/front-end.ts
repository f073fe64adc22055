/**
 * The front end's phases, one by one, for `parse-speed.mjs`. `bundle.mjs` bundles this file with
 * the CLI's esbuild settings, so the benchmark times the code that `kmig` runs.
 */
import type { CstNode } from "chevrotain";
import { lex, type LexResult } from "../grammar/lexer.js";
import { kmigParser } from "../grammar/parser.js";
import { fileToAst } from "../grammar/to-ast.js";
import { parseSpec } from "../grammar/index.js";
import { makeSourceFile } from "../compiler/source/source-file.js";

export { lex, parseSpec, makeSourceFile };

/** Tokens only (what `lex` returns; comments are turned into AST comments by `toAst`). */
export function lexPhase(text: string): LexResult {
  return lex(text);
}

/** The CST of lexed text, set up as `parseSpec` sets the parser up. Throws on syntax errors. */
export function parsePhase(text: string, lexed: LexResult): CstNode {
  kmigParser.input = lexed.tokens;
  kmigParser.sourceText = text;
  kmigParser.skipped = [];
  const cst = kmigParser.file();
  if (kmigParser.errors.length > 0 || kmigParser.skipped.length > 0) throw new Error("the benchmark spec has syntax errors");
  return cst;
}

/** CST → AST, as `parseSpec` does it (comments included). Returns the number of units. */
export function toAstPhase(text: string, lexed: LexResult, cst: CstNode): number {
  const comments = lexed.comments.map((t) => ({
    kind: "Comment" as const,
    text: t.image,
    block: t.tokenType.name === "BlockComment",
    span: { start: t.startOffset, end: t.startOffset + t.image.length },
  }));
  const ast = fileToAst(cst, { problems: [], fallback: { start: 0, end: 0 } }, comments, text.length);
  return ast.units.length;
}
