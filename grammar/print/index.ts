import type { SpecFile } from "../ast.js";
import { hasErrors, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { SourceFile } from "../../core/source-file.js";
import { parseSpec } from "../index.js";
import { emit } from "./emit.js";
import { exprPrinter } from "./expr-layout.js";
import { unitLines } from "./items.js";
import { MAX_WIDTH, type Line } from "./layout.js";
import type { PrintSource } from "./source.js";

/**
 * The canonical text of a spec: a pure function of its AST and comments (plus where the
 * author left blank lines inside blocks), so printing the printed text again changes nothing.
 * `text` is the source the AST was parsed from; for an AST built in memory pass `""`. With a
 * `width` of `Infinity` lines break only where the grammar needs it (the meaning checksum's form).
 */
export function printSpec(ast: SpecFile, text: string, width = MAX_WIDTH): string {
  const src: PrintSource = { text, comments: ast.comments };
  const p = exprPrinter(src, width);
  const lines: Line[] = [];
  ast.units.forEach((u, i) => {
    const [first, ...rest] = unitLines(p, u);
    const blank = i === 0 ? { blankFrom: u.span.start } : { forceBlank: true };
    lines.push({ ...first, end: Math.max(first.end, u.span.start + 1), ...blank }, ...rest);
  });
  return emit(src, lines);
}

/** The outcome of formatting one file: its canonical text, or the syntax errors that prevent it. */
export type FormatResult =
  | { readonly ok: true; readonly text: string; readonly changed: boolean; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

/** Parses and prints a file; a file with syntax errors is not formatted. */
export function formatFile(file: SourceFile): FormatResult {
  const { ast, diagnostics } = parseSpec(file);
  if (hasErrors(diagnostics)) return { ok: false, diagnostics };
  const text = printSpec(ast, file.text);
  return { ok: true, text, changed: text !== file.text, diagnostics };
}
