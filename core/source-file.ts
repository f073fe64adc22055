/** A file's text with a line index, built once, so that spans turn into `line:col` cheaply. */
export interface SourceFile {
  readonly path: string;
  readonly text: string;
  /** Offsets at which each line starts; line 1 starts at 0. */
  readonly lineStarts: readonly number[];
}

/** 1-based line and column (columns count UTF-16 code units, as editors do for BMP text). */
export interface Position {
  readonly line: number;
  readonly column: number;
}

export function makeSourceFile(path: string, text: string): SourceFile {
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) lineStarts.push(i + 1);
    else if (c === 13 && text.charCodeAt(i + 1) !== 10) lineStarts.push(i + 1);
  }
  return { path, text, lineStarts };
}

/** The line (0-based index into lineStarts) that holds `offset`. */
export function lineIndexOf(file: SourceFile, offset: number): number {
  const starts = file.lineStarts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

export function positionOf(file: SourceFile, offset: number): Position {
  const clamped = Math.max(0, Math.min(offset, file.text.length));
  const line = lineIndexOf(file, clamped);
  return { line: line + 1, column: clamped - file.lineStarts[line] + 1 };
}

/** The text of a 1-based line, without its line break. */
export function lineText(file: SourceFile, line: number): string {
  const start = file.lineStarts[line - 1] ?? file.text.length;
  const next = file.lineStarts[line];
  let end = next === undefined ? file.text.length : next;
  while (end > start && (file.text[end - 1] === "\n" || file.text[end - 1] === "\r")) end--;
  return file.text.slice(start, end);
}
