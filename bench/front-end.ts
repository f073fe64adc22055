/**
 * The front end's phases, one by one, for `parse-speed.mjs`. `bundle.mjs` bundles this file with
 * the CLI's esbuild settings, so the benchmark times the code that `kmig` runs.
 */
import { lex, type LexResult } from "../grammar/lexer.js";
import { kmigParser } from "../grammar/parser.js";
import { parseSpec } from "../grammar/index.js";
import { makeSourceFile } from "../core/source-file.js";

export { lex, parseSpec, makeSourceFile };

/** Tokens only (what `lex` returns; comments are turned into AST comments by `parseSpec`). */
export function lexPhase(text: string): LexResult {
  return lex(text);
}

/**
 * The parser's run on lexed text, set up as `parseSpec` sets it up: it builds the AST as it
 * parses. Returns the number of units. Throws on syntax errors.
 */
export function parsePhase(text: string, lexed: LexResult): number {
  try {
    kmigParser.begin(lexed.tokens, text);
    const units = kmigParser.file();
    if (kmigParser.errors.length > 0 || kmigParser.skipped.length > 0) throw new Error("the benchmark spec has syntax errors");
    return units.length;
  } finally {
    kmigParser.end();
  }
}
