import type { Comment } from "../ast.js";
import type { Line } from "./layout.js";
import { hasBlankLine, type PrintSource } from "./source.js";

/** An output line with the comments that end it. */
interface OutLine {
  readonly indent: number;
  readonly text: string;
  readonly trailing: string[];
  /** Own-line comments and blank lines never take part in lining up trailing comments. */
  readonly plain: boolean;
}

/**
 * Places the comments among the laid-out lines and joins them into the file's text. Comments
 * are taken strictly in source order, so each appears exactly once and in order: a line first
 * takes, on lines of their own above it, every comment that starts before the source it
 * reaches (its `end`); then the comments that follow that source on the same source line stay
 * at its end. What is left after the last line closes the file.
 */
export function emit(src: PrintSource, lines: readonly Line[]): string {
  const out: (OutLine | null)[] = []; // null: a blank line
  const comments = src.comments;
  let next = 0;
  let lastEnd = -1;
  const blank = () => {
    if (out.length > 0 && out[out.length - 1] !== null) out.push(null);
  };
  for (const l of lines) {
    let force = l.forceBlank;
    const mayBlank = l.blankFrom !== null || l.forceBlank;
    const commentIndent = l.closes ? l.indent + 2 : l.indent;
    while (next < comments.length && comments[next].span.start < l.end) {
      const c = comments[next++];
      if (force || (mayBlank && hasBlankLine(src.text, lastEnd, c.span.start))) blank();
      force = false;
      out.push({ indent: commentIndent, text: c.text, trailing: [], plain: false });
      lastEnd = c.span.end;
    }
    if (force || (l.blankFrom !== null && hasBlankLine(src.text, lastEnd, l.blankFrom))) blank();
    const o: OutLine = { indent: l.indent, text: l.text, trailing: [], plain: true };
    out.push(o);
    lastEnd = Math.max(lastEnd, l.end);
    while (next < comments.length && isTrailing(src.text, lastEnd, comments[next], o.trailing.length === 0)) {
      o.trailing.push(comments[next].text);
      lastEnd = comments[next++].span.end;
    }
  }
  for (; next < comments.length; next++) {
    if (hasBlankLine(src.text, lastEnd, comments[next].span.start)) blank();
    out.push({ indent: 0, text: comments[next].text, trailing: [], plain: false });
    lastEnd = comments[next].span.end;
  }
  alignTrailing(out);
  if (out.length === 0) return "";
  return out.map((o) => (o === null ? "" : render(o))).join("\n") + "\n";
}

/** A comment that follows `from` on the same source line (after an element's `,` too). */
function isTrailing(text: string, from: number, c: Comment, first: boolean): boolean {
  if (from < 0 || c.span.start < from) return false;
  const gap = text.slice(from, c.span.start);
  return first ? /^[ \t]*(?:,[ \t]*)?$/.test(gap) : /^[ \t]*$/.test(gap);
}

function render(o: OutLine): string {
  const body = " ".repeat(o.indent) + o.text;
  return o.trailing.length === 0 ? body : `${body} ${o.trailing.join(" ")}`;
}

/**
 * In a section of consecutive one-line lines at one indentation (no blank line or comment line
 * between), the comments that end lines line up one space after the longest such line.
 */
function alignTrailing(out: (OutLine | null)[]): void {
  let i = 0;
  while (i < out.length) {
    const section: OutLine[] = [];
    for (let k = i; k < out.length; k++) {
      const o = out[k];
      if (!o || !o.plain || o.text.includes("\n") || (section.length > 0 && o.indent !== section[0].indent)) break;
      section.push(o);
    }
    const commented = section.filter((o) => o.trailing.length > 0 && !o.trailing.some((t) => t.includes("\n")));
    if (commented.length > 1) {
      const width = Math.max(...commented.map((o) => o.text.length));
      for (const o of commented) (o as { text: string }).text = o.text.padEnd(width);
    }
    i += Math.max(section.length, 1);
  }
}
