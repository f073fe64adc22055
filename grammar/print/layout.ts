/**
 * The printer's intermediate form: text already broken into lines, each line knowing how far
 * into the source it reaches, so that comments can be placed after layout (see `emit.ts`).
 */

/** One output line, before comments are placed. */
export interface Line {
  readonly indent: number;
  readonly text: string;
  /** Source offset this line reaches: unplaced comments that start before it go above the line. */
  readonly end: number;
  /** Source offset the line's statement or element starts at, when a blank line may precede it. */
  readonly blankFrom: number | null;
  /** A blank line always precedes this line (and the comments above it): top-level items. */
  readonly forceBlank: boolean;
  /** The line closes a bracket: comments placed above it are indented one level deeper. */
  readonly closes: boolean;
}

/**
 * Printed text over one or more lines. The first line's `indent` is ignored: it continues
 * whatever line it is appended to. `colDependent` says that some later line is indented to
 * line up with a column of the first line (a `when` chain), so the first line must not move.
 */
export interface Block {
  readonly lines: readonly Line[];
  readonly colDependent: boolean;
}

/** Lines are this wide at most, where the layout has a choice. */
export const MAX_WIDTH = 100;

/** Spaces per nesting level. */
export const INDENT = 2;

/** A line with no source of its own. */
export function line(indent: number, text: string, end = -1, extra: Partial<Line> = {}): Line {
  return { indent, text, end, blankFrom: null, forceBlank: false, closes: false, ...extra };
}

/** A one-line block; `end` is the source offset the text reaches, if it stands for source. */
export function text(s: string, end = -1): Block {
  return { lines: [line(0, s, end)], colDependent: false };
}

/** `b` continued on the last line of `a`. */
export function concat(a: Block, b: Block): Block {
  return join(a, b);
}

/** Concatenates blocks left to right, each continuing the last line of the one before; strings are plain text. */
export function join(...parts: readonly (Block | string)[]): Block {
  // Built in one pass: layouts of large specs join many pieces.
  const lines: Line[] = [];
  let colDependent = false;
  for (const part of parts) {
    const b = typeof part === "string" ? null : part;
    const first = b ? b.lines[0] : null;
    if (lines.length === 0) {
      lines.push(first ?? line(0, part as string));
    } else {
      const last = lines[lines.length - 1];
      lines[lines.length - 1] = first ? { ...last, text: last.text + first.text, end: Math.max(last.end, first.end) } : { ...last, text: last.text + (part as string) };
    }
    if (b) {
      for (let i = 1; i < b.lines.length; i++) lines.push(b.lines[i]);
      colDependent ||= b.colDependent;
    }
  }
  return { lines: lines.length > 0 ? lines : [line(0, "")], colDependent };
}

/** `b` starting on a new line at `indent`. */
export function below(a: Block, b: Block, indent: number, extra: Partial<Line> = {}): Block {
  const [first, ...rest] = b.lines;
  return {
    lines: [...a.lines, { ...first, indent, ...extra }, ...rest],
    colDependent: a.colDependent || b.colDependent,
  };
}

/** The block with its last line reaching at least `end` in the source. */
export function reaching(b: Block, end: number): Block {
  const last = b.lines[b.lines.length - 1];
  return { ...b, lines: [...b.lines.slice(0, -1), { ...last, end: Math.max(last.end, end) }] };
}

/** The block with its first line reaching at least `start + 1`: comments before `start` go above it. */
export function starting(b: Block, start: number): Block {
  const [first, ...rest] = b.lines;
  return { ...b, lines: [{ ...first, end: Math.max(first.end, start + 1) }, ...rest] };
}

/** The column after the block's last character, if its first line starts at `startCol`. */
export function endColumn(b: Block, startCol: number): number {
  const last = b.lines[b.lines.length - 1];
  // After a raw multi-line string the line goes on from the string's last line, at column 0.
  if (last.text.includes("\n")) return lastSegment(last.text).length;
  const base = b.lines.length === 1 ? startCol : last.indent;
  return base + last.text.length;
}

/** Whether the block is one line of plain text (no raw multi-line string inside). */
export function isSingleLine(b: Block): boolean {
  return b.lines.length === 1 && !b.lines[0].text.includes("\n");
}

/** How wide a text is for fitting; a raw multi-line string never fits on a line. */
export function widthOf(s: string): number {
  return s.includes("\n") ? Infinity : s.length;
}

function lastSegment(s: string): string {
  const i = s.lastIndexOf("\n");
  return i < 0 ? s : s.slice(i + 1);
}
