import type { Span } from "../ast.js";
import type { At } from "./expr-layout.js";
import { below, concat, endColumn, INDENT, isSingleLine, join, reaching, starting, text, type Block, type Line } from "./layout.js";
import { hasBlankLine, hasLooseComment, type PrintSource } from "./source.js";

/**
 * A statement of a block, laid out: either a row of cells that lines up with the rows of the
 * same `group` around it (column definitions, `add` lines, map entries, `key := value` lines),
 * or lines of its own (a nested block).
 */
export type Stmt =
  | {
      readonly kind: "row";
      readonly group: string | null;
      readonly cells: readonly Block[];
      /** The leading cells every row of the group has (`name type`): they line up even when nothing follows. */
      readonly fixed: number;
      readonly span: Span;
      /** It belongs to the statement after it (`allow K5007 '…'`): no blank line between them. */
      readonly glued?: true;
    }
  | { readonly kind: "lines"; readonly block: Block; readonly span: Span; readonly glued?: true };

/** A cell: fixed text, nothing (an empty cell keeps the columns after it in line), or laid out at its column. */
export type CellSpec = string | null | ((at: At) => Block);

/** Lays cells out left to right, one space apart, as they would print without alignment. */
export function layoutCells(indent: number, specs: readonly CellSpec[]): Block[] {
  let col = indent;
  let sofar: Block | null = null;
  return specs.map((spec) => {
    if (spec === null || spec === "") return text("");
    const start = sofar === null ? col : endColumn(sofar, col) + 1;
    const cell = typeof spec === "string" ? text(spec) : spec({ indent, col: start, reserve: 0 });
    sofar = sofar === null ? cell : join(sofar, " ", cell);
    return cell;
  });
}

/** A row statement; its first `fixed` cells are the ones every row of its group has. */
export function row(group: string | null, span: Span, indent: number, specs: readonly CellSpec[], fixed = 0): Stmt {
  return { kind: "row", group, cells: layoutCells(indent, specs), fixed, span };
}

/**
 * `header {`, the children one level deeper, `}`; `header {}` when there is nothing inside.
 * `open` is the offset of the `{` (comments after it on its line stay there).
 */
export function braced(src: PrintSource, header: Block, open: number, span: Span, children: readonly Line[], indent: number): Block {
  const empty = children.length === 0 && !hasLooseComment(src, open, span.end - 1, []);
  if (empty) return reaching(concat(header, text(" {}")), span.end);
  let out = concat(header, text(" {", open + 1));
  out = { ...out, lines: [...out.lines, ...children] };
  return below(out, text("}", span.end), indent, { closes: true });
}

/** How blank lines between statements are chosen: kept where the author had them, or always one. */
export type BlankLines = "keep" | "always";

/**
 * The lines of a block's statements at `indent`. Rows of one group in a run (no blank line
 * between them) pad their cells so that the columns line up; a row over several lines ends its run.
 */
export function bodyLines(src: PrintSource, stmts: readonly Stmt[], indent: number, blanks: BlankLines): Line[] {
  const out: Line[] = [];
  let i = 0;
  while (i < stmts.length) {
    const run = runFrom(src, stmts, i);
    const widths = run.length > 0 ? cellWidths(run) : [];
    const count = Math.max(run.length, 1);
    for (let k = i; k < i + count; k++) {
      const s = stmts[k];
      const block = s.kind === "row" ? renderRow(s.cells, run.length > 0 ? widths : cellWidths([s])) : s.block;
      const [first, ...rest] = starting(reaching(block, s.span.end), s.span.start).lines;
      const blank = k === 0 || stmts[k - 1].glued ? {} : blanks === "always" ? { forceBlank: true } : { blankFrom: s.span.start };
      out.push({ ...first, indent, ...blank }, ...rest);
    }
    i += count;
  }
  return out;
}

type RowStmt = Extract<Stmt, { kind: "row" }>;

/** The rows that line up with the row at `i` (empty when it is not a row that lines up). */
function runFrom(src: PrintSource, stmts: readonly Stmt[], i: number): RowStmt[] {
  const first = stmts[i];
  if (first.kind !== "row" || first.group === null || !alignable(first)) return [];
  const run: RowStmt[] = [first];
  for (let k = i + 1; k < stmts.length; k++) {
    const prev = run[run.length - 1];
    const s = stmts[k];
    if (!isOneLine(prev) || s.kind !== "row" || s.group !== first.group || !alignable(s)) break;
    if (hasBlankLine(src.text, prev.span.end, s.span.start)) break;
    run.push(s);
  }
  return run;
}

/** Only the last cell may run over several lines, and not lined up with its own first line. */
function alignable(s: RowStmt): boolean {
  const last = lastCell(s.cells);
  return s.cells.every((c, i) => i >= last || isSingleLine(c)) && (last < 0 || isSingleLine(s.cells[last]) || !s.cells[last].colDependent);
}

function isOneLine(s: RowStmt): boolean {
  return s.cells.every(isSingleLine);
}

function lastCell(cells: readonly Block[]): number {
  for (let i = cells.length - 1; i >= 0; i--) if (cells[i].lines[0].text !== "" || cells[i].lines.length > 1) return i;
  return -1;
}

/** Per cell index, the widest text among the rows where a later cell follows it, or that every row has. */
function cellWidths(rows: readonly RowStmt[]): number[] {
  const widths: number[] = [];
  for (const r of rows) {
    const last = lastCell(r.cells);
    r.cells.forEach((c, i) => {
      const w = i < last || i < r.fixed ? c.lines[0].text.length : 0;
      widths[i] = Math.max(widths[i] ?? 0, w);
    });
  }
  return widths;
}

function renderRow(cells: readonly Block[], widths: readonly number[]): Block {
  const last = lastCell(cells);
  let out: Block | null = null;
  for (let i = 0; i <= last; i++) {
    const c = cells[i];
    const empty = c.lines.length === 1 && c.lines[0].text === "";
    if (empty && (widths[i] ?? 0) === 0) continue;
    const padded = i < last && isSingleLine(c) ? concat(c, text(" ".repeat(Math.max(0, (widths[i] ?? 0) - c.lines[0].text.length)))) : c;
    out = out === null ? padded : join(out, " ", padded);
  }
  return out ?? text("");
}

/** Children of a block: the block's statements one level deeper than `indent`. */
export function childIndent(indent: number): number {
  return indent + INDENT;
}
