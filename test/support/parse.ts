import { readFileSync } from "node:fs";
import { makeSourceFile } from "../../core/source-file.js";
import { parseSpec, type ParseResult } from "../../grammar/index.js";

/** Parses spec text as if it were the file `name`. */
export function parseText(text: string, name = "test.kmig"): ParseResult {
  return parseSpec(makeSourceFile(name, text));
}

export function parsePath(path: string): ParseResult {
  return parseText(readFileSync(path, "utf8"), path);
}

/** The AST with every span removed: two parses of equal meaning compare equal. */
export function stripSpans(node: unknown): unknown {
  return JSON.parse(JSON.stringify(node, (k, v) => (k === "span" || k === "comments" ? undefined : v)));
}
