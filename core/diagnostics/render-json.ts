import { positionOf } from "../source-file.js";
import type { Diagnostic, Label } from "./diagnostic.js";

/** The machine-readable shape of a diagnostic (`--format json`). Stable: CI scripts read it. */
export interface JsonDiagnostic {
  code: string;
  severity: string;
  message: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  label: string;
  help: string | null;
  notes: readonly string[];
  related: { file: string; line: number; column: number; label: string }[];
}

function where(l: Label) {
  const s = positionOf(l.file, l.span.start);
  const e = positionOf(l.file, l.span.end);
  return { file: l.file.path, line: s.line, column: s.column, endLine: e.line, endColumn: e.column };
}

export function toJson(d: Diagnostic): JsonDiagnostic {
  return {
    code: d.code,
    severity: d.severity,
    message: d.message,
    ...where(d.primary),
    label: d.primary.label,
    help: d.help,
    notes: d.notes,
    related: d.secondary.map((s) => {
      const w = where(s);
      return { file: w.file, line: w.line, column: w.column, label: s.label };
    }),
  };
}
