import type { FunctionDef, Span } from "../../grammar/ast.js";
import type { Change } from "../../core/plan-change.js";
import type { DeclaredSql, ExternalDecl, LossCheck, Origin, RestoreCheck, Reversibility, SqlStep, Step } from "../../core/plan.js";
import { diag, type Diagnostic, type DiagnosticExtras } from "../../core/diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../../core/diagnostics/catalog.js";
import type { MapInfo } from "../expr/scope.js";
import type { SchemaState, TableState } from "../model/schema.js";
import type { IrExpr } from "../ir/expr.js";
import type { Assignment, InverseResult } from "../rollback/assignment.js";
import { unusedStashName } from "../rollback/stash-name.js";
import { positionOf, type SourceFile } from "../../core/source-file.js";
import { createdInMigration, quotedInSteps, type StepIndex } from "./step-index.js";

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
  /** The schema as it stood when each step was added (index-aligned with `steps`): what the safety lints read. */
  readonly stepSchemas: SchemaState[];
  /** Answers questions about `steps` without scanning them all each time. */
  readonly stepIndex: StepIndex;
  /** Columns dropped so far in this chain, by table then column: where (for K2003). */
  readonly dropped: Map<string, Map<string, string>>;
  /** Each table block's typed mappings and expects, for the JS lowering (emitted plans). */
  readonly mappings: TableMapping[];
  /** The objects this unit declares `external`, in order (they go into its plan). */
  readonly externals: ExternalDecl[];
  /** The table whose block says `recreate views`, while it compiles: its views do not stop a type change. */
  recreatingViewsOf?: string | null;
}

/** A checked `expect` (and its `when`), kept typed so that it can be lowered to JS. */
export interface CheckedExpect {
  readonly expr: IrExpr;
  readonly when: IrExpr | null;
  readonly span: Span;
}

/** One table block's data mapping: what the backfill computes, how rollback undoes it, what it expects. */
export interface TableMapping {
  readonly table: string;
  /** The backfill step that runs the mapping; null when the block only has expects. */
  readonly stepId: string | null;
  /** How many of the migration's steps come before the block's own: the old row is the table after them. */
  readonly stepsBefore: number;
  /** The table as the block found it (the old row) and as it leaves it (the new row). */
  readonly before: TableState;
  readonly after: TableState;
  readonly assignments: readonly { readonly assignment: Assignment; readonly inverse: InverseResult }[];
  readonly expects: readonly CheckedExpect[];
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

/** Whether this migration created `table` (so it has no rows yet). */
export function createdHere(cx: MigrationContext, table: string): boolean {
  return createdInMigration(cx.stepIndex, cx.steps, table);
}

/** A stash table name for `table` that no earlier step of this migration uses. */
export function newStashName(cx: MigrationContext, table: string, suffix = ""): string {
  const numbers = cx.stepIndex.stashNumbers;
  const key = JSON.stringify([table, suffix]);
  const { name, n } = unusedStashName((candidate) => quotedInSteps(cx.stepIndex, cx.steps, candidate), cx.migrationId, table, suffix, numbers.get(key) ?? 1);
  numbers.set(key, n);
  return name;
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
  fields: { change: Change; summary: string; table: string | null; up: string[]; down: string[] | null; reversibility: Reversibility; transactional?: boolean; lossChecks?: LossCheck[]; restoreChecks?: RestoreCheck[]; declared?: DeclaredSql; lowering?: string },
): SqlStep {
  const step: SqlStep = {
    kind: "sql",
    id: nextStepId(cx, fields.change.op),
    op: fields.change.op,
    summary: fields.summary,
    origin: originOf(cx, span),
    table: fields.table,
    up: fields.up,
    down: fields.down,
    reversibility: fields.reversibility,
    transactional: fields.transactional ?? true,
    lossChecks: fields.lossChecks ?? [],
    ...(fields.restoreChecks && fields.restoreChecks.length > 0 ? { restoreChecks: fields.restoreChecks } : {}),
    change: fields.change,
    ...(fields.declared ? { declared: fields.declared } : {}),
    ...(fields.lowering ? { lowering: fields.lowering } : {}),
  };
  cx.steps.push(step);
  cx.stepSchemas.push(cx.schema);
  noteIfIrreversible(cx, span, step);
  return step;
}

/** K4010: says, where the step is written, that rollback cannot go back past it, and why. */
export function noteIfIrreversible(cx: MigrationContext, span: Span, step: Step): void {
  if (step.reversibility.kind !== "irreversible") return;
  const declared = step.reversibility.why.startsWith("declared irreversible");
  report(cx, "K4010", span, `rollback cannot go back past this step (${step.summary})`, {
    notes: [step.reversibility.why],
    help: declared ? "rollback stops here and prints the reason; without `irreversible '…'`, kmig keeps what rollback needs where it can" : "give it a `reverse '''…'''`, or say why it has none with `irreversible '…'`",
  });
}
