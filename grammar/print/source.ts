import type { Comment, Span } from "../ast.js";

/**
 * What the printer reads from the source besides the AST: where comments are, where a bracket
 * the AST does not record sits, and where the author left blank lines. A generated AST is
 * printed with empty text and no comments; every question then has the plain answer.
 */
export interface PrintSource {
  readonly text: string;
  /** In source order, as the lexer found them. */
  readonly comments: readonly Comment[];
}

/** Index of the first comment that starts at or after `offset`. */
export function firstCommentFrom(src: PrintSource, offset: number): number {
  let lo = 0;
  let hi = src.comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (src.comments[mid].span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Whether a comment starts strictly between `open` and `close` (a bracket pair, say) outside
 * every one of `parts` (the elements between them, in source order). Such a comment sits
 * between elements, so the construct has to be printed one element per line to keep it there.
 */
export function hasLooseComment(src: PrintSource, open: number, close: number, parts: readonly Span[]): boolean {
  let p = 0;
  for (let i = firstCommentFrom(src, open + 1); i < src.comments.length; i++) {
    const c = src.comments[i].span;
    if (c.start >= close) return false;
    while (p < parts.length && parts[p].end <= c.start) p++;
    if (p >= parts.length || c.start < parts[p].start) return true;
  }
  return false;
}

/** The offset of the first `ch` at or after `from` outside comments, or -1. */
export function findChar(src: PrintSource, from: number, ch: string): number {
  if (from < 0) return -1;
  let ci = firstCommentFrom(src, from);
  for (let i = from; i < src.text.length; i++) {
    if (ci < src.comments.length && src.comments[ci].span.start === i) {
      i = src.comments[ci].span.end - 1;
      ci++;
      continue;
    }
    if (src.text[i] === ch) return i;
  }
  return -1;
}

/** The end of the last token before `offset` (skipping blanks and comments), or -1. */
export function prevTokenEnd(src: PrintSource, offset: number): number {
  let ci = firstCommentFrom(src, offset) - 1;
  for (let i = Math.min(offset, src.text.length) - 1; i >= 0; i--) {
    while (ci >= 0 && src.comments[ci].span.start > i) ci--;
    if (ci >= 0 && i < src.comments[ci].span.end) {
      i = src.comments[ci].span.start;
      continue;
    }
    if (!/\s/.test(src.text[i])) return i + 1;
  }
  return -1;
}

/** Whether the text between two offsets holds an empty line (a comment line is not empty). */
export function hasBlankLine(text: string, from: number, to: number): boolean {
  if (from < 0 || to <= from) return false;
  return /(?:\r\n|\r|\n)[ \t\f\v\u00a0\ufeff]*(?:\r\n|\r|\n)/.test(text.slice(from, to));
}
