import type { CompiledUnit } from "../../compiler/migration/compile-unit.js";
import type { Step } from "../../core/plan.js";
import type { Span } from "../../core/span.js";
import { positionOf, type SourceFile } from "../../core/source-file.js";
import type * as A from "../../grammar/ast.js";

/** The statement (migration item, or action or element of a table block) whose span holds `offset`, innermost. */
export function statementAt(unit: A.Unit, offset: number): { span: Span } | null {
  const inside = (n: { span: Span }) => n.span.start <= offset && offset <= n.span.end;
  const item = unit.items.find(inside);
  if (!item) return null;
  const children: readonly { span: Span }[] = item.kind === "AlterTable" ? item.actions : item.kind === "CreateTable" ? item.elements : [];
  return children.find(inside) ?? item;
}

/**
 * What the plan does for a statement: each step it produced with its reversibility class and
 * why, and for a mapping, how rollback gets the old values back (recomputed, stashed, lossy).
 */
export function stepHover(unit: CompiledUnit, file: SourceFile, statement: { span: Span }): string | null {
  const at = positionOf(file, statement.span.start);
  const here = (o: { line: number; column: number }) => o.line === at.line && o.column === at.column;
  const lines: string[] = [];
  for (const s of unit.plan.steps) {
    if (here(s.origin)) lines.push(stepLine(s));
    else if (s.kind === "backfill" && s.assignments.some((x) => here(x.origin))) lines.push(`part of **backfill** — ${s.summary}: ${s.reversibility.kind}${stashText(s)}`);
  }
  for (const m of unit.mappings) {
    for (const { assignment, inverse } of m.assignments) {
      if (assignment.span.start === statement.span.start) lines.push(`rollback of \`${m.table}.${assignment.target}\`: **${inverse.kind}** — ${inverse.why}`);
    }
  }
  return lines.length ? lines.join("\n\n") : null;
}

function stepLine(s: Step): string {
  return `**${s.op}** — ${s.summary}\n\nrollback: **${s.reversibility.kind}** — ${s.reversibility.why}${s.kind === "backfill" ? stashText(s) : ""}`;
}

function stashText(s: Step): string {
  if (s.kind !== "backfill" || !s.stash) return "";
  return `; originals of ${s.stash.columns.map((c) => `\`${c.column}\``).join(", ")} kept in \`${s.stash.schema}.${s.stash.table}\` (by ${s.stash.key.map((k) => k.column).join(", ")})`;
}
