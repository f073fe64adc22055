import { lineText, positionOf, type SourceFile } from "../source-file.js";
import type { Diagnostic, Label } from "./diagnostic.js";

/** ANSI styling, or none: the renderer never decides on its own whether a terminal is there. */
export interface Style {
  readonly error: (s: string) => string;
  readonly warning: (s: string) => string;
  readonly note: (s: string) => string;
  readonly gutter: (s: string) => string;
  readonly bold: (s: string) => string;
}

const id = (s: string): string => s;
const ansi = (code: string) => (s: string) => `\x1b[${code}m${s}\x1b[0m`;

export const PLAIN: Style = { error: id, warning: id, note: id, gutter: id, bold: id };
export const COLOUR: Style = {
  error: ansi("1;31"),
  warning: ansi("1;33"),
  note: ansi("1;36"),
  gutter: ansi("1;34"),
  bold: ansi("1"),
};

/** Longest stretch of a line shown in a frame; longer lines are cut around the caret. */
const MAX_FRAME_WIDTH = 120;

/** A diagnostic with a place in a spec file: header, `-->` location, code frames, notes, help. */
export function renderDiagnostic(d: Diagnostic, style: Style = PLAIN): string {
  const sev = severityStyle(d.severity, style);
  const pos = positionOf(d.primary.file, d.primary.span.start);
  const gutterWidth = String(pos.line).length + 1;
  const pad = " ".repeat(gutterWidth);
  const out: string[] = [header(d, style)];
  out.push(`${pad.slice(1)}${style.gutter("-->")} ${d.primary.file.path}:${pos.line}:${pos.column}`);
  out.push(...frame(d.primary, gutterWidth, style, sev));
  for (const s of d.secondary) {
    const p = positionOf(s.file, s.span.start);
    out.push(`${pad.slice(1)}${style.gutter(":::")} ${s.file.path}:${p.line}:${p.column}`);
    out.push(...frame(s, Math.max(gutterWidth, String(p.line).length + 1), style, style.note));
  }
  if (d.help || d.notes.length > 0) out.push(`${pad}${style.gutter("|")}`);
  out.push(...footer(d, pad, style));
  return out.join("\n");
}

/**
 * A diagnostic with no place in any spec file (a database that cannot be reached, a lock another
 * run holds), or whose place can no longer be shown (`location` only: the spec file moved since it
 * was compiled): the same header, notes and help as renderDiagnostic.
 */
export function renderUnlocated(d: Omit<Diagnostic, "primary" | "secondary">, style: Style = PLAIN, location: string | null = null): string {
  const out = [header(d, style)];
  if (location) out.push(` ${style.gutter("-->")} ${location}`);
  out.push(...footer(d, "  ", style));
  return out.join("\n");
}

function severityStyle(severity: Diagnostic["severity"], style: Style): (s: string) => string {
  return severity === "error" ? style.error : severity === "warning" ? style.warning : style.note;
}

function header(d: Pick<Diagnostic, "severity" | "code" | "message">, style: Style): string {
  return `${severityStyle(d.severity, style)(`${d.severity}[${d.code}]`)}${style.bold(`: ${d.message}`)}`;
}

function footer(d: Pick<Diagnostic, "help" | "notes">, pad: string, style: Style): string[] {
  const out = d.notes.map((n) => `${pad}${style.gutter("=")} note: ${n}`);
  if (d.help) out.push(`${pad}${style.gutter("=")} ${style.bold("help")}: ${d.help}`);
  return out;
}

/** The source line of a label with carets under its span (first line only for multi-line spans). */
function frame(label: Label, gutterWidth: number, style: Style, mark: (s: string) => string): string[] {
  const file: SourceFile = label.file;
  const start = positionOf(file, label.span.start);
  const end = positionOf(file, Math.max(label.span.start, label.span.end));
  const raw = lineText(file, start.line);
  const caretStart = start.column - 1;
  const caretEnd = end.line === start.line ? Math.max(end.column - 1, caretStart + 1) : Math.max(raw.length, caretStart + 1);
  const { text, from, to } = visible(raw, caretStart, caretEnd);
  const pad = " ".repeat(gutterWidth);
  const num = String(start.line).padStart(gutterWidth - 1);
  const carets = " ".repeat(from) + mark("^".repeat(Math.max(1, to - from)));
  return [
    `${pad}${style.gutter("|")}`,
    `${style.gutter(`${num} |`)} ${text}`,
    `${pad}${style.gutter("|")} ${carets}${label.label ? " " + mark(label.label) : ""}`,
  ];
}

/** Makes a line printable (tabs, control characters) and cuts it to a window around the caret. */
function visible(raw: string, caretStart: number, caretEnd: number): { text: string; from: number; to: number } {
  let lo = 0;
  let hi = raw.length;
  if (raw.length > MAX_FRAME_WIDTH) {
    lo = Math.max(0, Math.min(caretStart - 40, raw.length - MAX_FRAME_WIDTH));
    hi = Math.min(raw.length, lo + MAX_FRAME_WIDTH);
  }
  let text = lo > 0 ? "…" : "";
  let from = -1;
  let to = -1;
  for (let i = lo; i <= hi; i++) {
    if (i === caretStart) from = text.length;
    if (i === Math.min(caretEnd, hi)) to = text.length;
    if (i === hi) break;
    text += printable(raw[i]);
  }
  if (hi < raw.length) text += "…";
  if (from < 0) from = text.length;
  if (to < from) to = from + 1;
  return { text, from, to };
}

function printable(ch: string): string {
  if (ch === "\t") return "    ";
  const c = ch.charCodeAt(0);
  if (c < 32 || c === 127 || (c >= 0x80 && c < 0xa0)) return "\uFFFD";
  return ch;
}

/** `kmig check`'s closing line. */
export function renderSummary(files: number, errors: number, warnings: number): string {
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? "" : "s"}`;
  if (errors === 0 && warnings === 0) return `checked ${plural(files, "file")}: no problems`;
  return `checked ${plural(files, "file")}: ${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}
