import type { DiagnosticCode } from "../../core/diagnostics/catalog.js";
import type { SourceFile } from "../../core/source-file.js";
import type { Span } from "../../core/span.js";
import type { ServerAssumptions } from "./binary-coercible.js";
import type { LintOp } from "./operations.js";

/** A safety lint's code (K5001–K5025): each is a warning unless kmig.yaml re-levels it. */
export type LintCode = DiagnosticCode;

/** One lint result, before acknowledgements and configured levels apply. */
export interface Finding {
  readonly code: LintCode;
  readonly op: LintOp;
  readonly message: string;
  readonly help: string;
  readonly notes: readonly string[];
}

/** What every rule may read besides the operations. */
export interface LintContext {
  readonly server: ServerAssumptions;
}

/** A family of rules: findings over one migration's operations (up, then down in rollback order). */
export type Rule = (ops: readonly LintOp[], cx: LintContext) => Finding[];

/** `rolling this back …` for a down statement, the forward form otherwise. */
export function say(op: LintOp, up: string, down: string): string {
  return op.direction === "up" ? up : `rolling this back ${down}`;
}

/** The note a down statement adds: rollback runs the whole undo in one transaction. */
export function rollbackNote(op: LintOp): string[] {
  return op.direction === "down" ? ["`kmig rollback` runs a migration's whole undo in one transaction, and runs index builds there without CONCURRENTLY: each lock is held until the rollback commits"] : [];
}

export function finding(code: LintCode, op: LintOp, message: string, help: string, notes: readonly string[] = []): Finding {
  return { code, op, message, help, notes: [...notes, ...rollbackNote(op)] };
}

/** The span a finding points at: its step's line in the spec, from the step's column to the end of that line. */
export function spanOfStep(file: SourceFile, op: LintOp): Span {
  const { line, column } = op.step.origin;
  const lineStart = file.lineStarts[line - 1] ?? 0;
  const start = Math.min(lineStart + column - 1, file.text.length);
  const nl = file.text.indexOf("\n", start);
  const lineEnd = nl < 0 ? file.text.length : nl;
  const text = file.text.slice(start, lineEnd).replace(/\s+$/, "");
  return { start, end: start + Math.max(1, text.length) };
}
