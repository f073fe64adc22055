import { fileURLToPath, pathToFileURL } from "node:url";
import type { Position, Range } from "vscode-languageserver";
import type { Span } from "../core/span.js";
import type { SourceFile } from "../core/source-file.js";
import { lineIndexOf } from "../core/source-file.js";

/**
 * Offsets ↔ LSP positions. Spans are UTF-16 offsets and a SourceFile breaks lines where LSP does
 * (`\n`, `\r\n`, `\r`), so a position is a line index and an offset from that line's start.
 */

/** The LSP position of an offset (clamped to the text). */
export function positionAt(file: SourceFile, offset: number): Position {
  const at = Math.max(0, Math.min(offset, file.text.length));
  const line = lineIndexOf(file, at);
  return { line, character: at - file.lineStarts[line] };
}

/** The LSP range of a span. */
export function rangeOf(file: SourceFile, span: Span): Range {
  return { start: positionAt(file, span.start), end: positionAt(file, span.end) };
}

/** The offset of an LSP position; a position past the end of its line is the line's end. */
export function offsetAt(file: SourceFile, p: Position): number {
  const starts = file.lineStarts;
  if (p.line < 0) return 0;
  if (p.line >= starts.length) return file.text.length;
  const start = starts[p.line];
  let end = p.line + 1 < starts.length ? starts[p.line + 1] : file.text.length;
  while (end > start && (file.text[end - 1] === "\n" || file.text[end - 1] === "\r")) end--;
  return Math.min(start + Math.max(0, p.character), end);
}

/** Whether `offset` lies in the span (its end included: a cursor right after a name is on it). */
export function touches(span: Span, offset: number): boolean {
  return span.start <= offset && offset <= span.end;
}

/** The file-system path of a `file:` URI, or null for other schemes (untitled buffers). */
export function pathOfUri(uri: string): string | null {
  if (!uri.startsWith("file:")) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** The `file:` URI of a path, spelled as VS Code spells them (so that URIs compare equal). */
export function uriOfPath(path: string): string {
  return pathToFileURL(path).href;
}
