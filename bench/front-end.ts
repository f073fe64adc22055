/**
 * The front end's phases, exported one by one for `parse-speed.mjs`. Bundled by `bundle.mjs` with
 * the same esbuild settings as the CLI, so the benchmark times the code users run.
 */
export { lex, kmigLexer } from "../grammar/lexer.js";
export { kmigParser } from "../grammar/parser.js";
export { fileToAst } from "../grammar/to-ast.js";
export { parseSpec } from "../grammar/index.js";
export { makeSourceFile } from "../compiler/source/source-file.js";
