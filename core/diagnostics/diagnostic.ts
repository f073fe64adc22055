import type { Span } from "../span.js";
import type { SourceFile } from "../source-file.js";
import { CATALOG, type DiagnosticCode } from "./catalog.js";

export type Severity = "error" | "warning" | "note";

/** A span in a particular file, with the short label printed under its carets. */
export interface Label {
  readonly file: SourceFile;
  readonly span: Span;
  readonly label: string;
}

/**
 * One finding of any phase. Phases collect these and return them with their value;
 * nothing user-caused is ever thrown.
 */
export interface Diagnostic {
  readonly code: DiagnosticCode;
  readonly severity: Severity;
  readonly message: string;
  readonly primary: Label;
  readonly secondary: readonly Label[];
  readonly help: string | null;
  readonly notes: readonly string[];
}

export interface DiagnosticExtras {
  readonly label?: string;
  readonly help?: string | null;
  readonly notes?: readonly string[];
  readonly secondary?: readonly Label[];
  /** Overrides the catalog's severity (e.g. a lint promoted to an error). */
  readonly severity?: Severity;
}

/** Builds a diagnostic whose code, and default severity, come from the one catalog. */
export function diag(
  code: DiagnosticCode,
  file: SourceFile,
  span: Span,
  message: string,
  extras: DiagnosticExtras = {},
): Diagnostic {
  return {
    code,
    severity: extras.severity ?? CATALOG[code].severity,
    message,
    primary: { file, span, label: extras.label ?? "" },
    secondary: extras.secondary ?? [],
    help: extras.help ?? null,
    notes: extras.notes ?? [],
  };
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === "error");
}

/** Orders diagnostics by file, then position, then code: output must not depend on phase order. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics].sort(
    (a, b) =>
      a.primary.file.path.localeCompare(b.primary.file.path) ||
      a.primary.span.start - b.primary.span.start ||
      a.code.localeCompare(b.code),
  );
}
