import type { FunctionDef, Span } from "../../grammar/ast.js";
import type { Origin, Reversibility, SqlStep, Step } from "../../runtime/plan.js";
import { diag, type Diagnostic, type DiagnosticExtras } from "../diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../diagnostics/catalog.js";
import type { MapInfo } from "../expr/scope.js";
import type { SchemaState } from "../model/schema.js";
import { positionOf, type SourceFile } from "../source/source-file.js";

/**
 * The state of compiling one migration: the schema as it stands after the steps so far, the
 * maps and functions in scope, the steps produced, and the diagnostics found.
 */
export interface MigrationContext {
  readonly file: SourceFile;
  readonly diags: Diagnostic[];
  readonly migrationId: string;
  readonly baseline: boolean;
  schema: SchemaState;
  readonly maps: Map<string, MapInfo>;
  readonly defs: Map<string, FunctionDef>;
  readonly steps: Step[];
  /** Columns dropped so far in this chain, by table then column: where (for K2003). */
  readonly dropped: Map<string, Map<string, string>>;
}

export function report(cx: MigrationContext, code: DiagnosticCode, span: Span, message: string, extras: DiagnosticExtras = {}): void {
  cx.diags.push(diag(code, cx.file, span, message, extras));
}

export function originOf(cx: MigrationContext, span: Span): Origin {
  const p = positionOf(cx.file, span.start);
  return { file: cx.file.path, line: p.line, column: p.column };
}

/** `at line N` for messages that point back to another step. */
export function lineOf(cx: MigrationContext, span: Span): string {
  return `at ${cx.file.path}:${positionOf(cx.file, span.start).line}`;
}

/** Steps get stable ids: migration id, position, operation. */
export function nextStepId(cx: MigrationContext, op: string): string {
  return `${cx.migrationId}:${String(cx.steps.length + 1).padStart(3, "0")}:${op}`;
}

export const REVERSIBLE = (why: string): Reversibility => ({ kind: "reversible", why });

/** Appends a schema step. */
export function addSqlStep(
  cx: MigrationContext,
  span: Span,
  fields: { op: string; summary: string; table: string | null; up: string[]; down: string[] | null; reversibility: Reversibility; transactional?: boolean },
): SqlStep {
  const step: SqlStep = {
    kind: "sql",
    id: nextStepId(cx, fields.op),
    op: fields.op,
    summary: fields.summary,
    origin: originOf(cx, span),
    table: fields.table,
    up: fields.up,
    down: fields.down,
    reversibility: fields.reversibility,
    transactional: fields.transactional ?? true,
  };
  cx.steps.push(step);
  return step;
}
