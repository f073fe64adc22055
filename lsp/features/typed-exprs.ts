import type { Span } from "../../core/span.js";
import type { Type } from "../../core/types.js";
import type { CompiledUnit } from "../../compiler/migration/compile-unit.js";
import type { IrExpr } from "../../compiler/ir/expr.js";
import type { TableState } from "../../compiler/model/schema.js";

/** A checked expression node: where it is written and the type the checker gave it. */
export interface TypedSpan {
  readonly span: Span;
  readonly type: Type;
  readonly kind: string;
}

/**
 * The typed expressions a unit's checker produced (mappings, inverses, expects, config keys, and
 * the defaults, checks and index predicates this unit declared), with every sub-expression.
 */
export function typedExpressions(unit: CompiledUnit): TypedSpan[] {
  const roots: IrExpr[] = [];
  for (const m of unit.mappings) {
    for (const a of m.assignments) roots.push(a.assignment.value, ...(a.inverse.g ? [a.inverse.g] : []));
    for (const e of m.expects) roots.push(e.expr, ...(e.when ? [e.when] : []));
  }
  for (const c of unit.configs) {
    for (const k of c.keys) roots.push(k.value);
    for (const e of c.expects) roots.push(e.expr, ...(e.when ? [e.when] : []));
  }
  for (const t of unit.after.tables.values()) {
    const before = unit.before.tables.get(t.name);
    // The schema is persistent: a table this unit did not touch is the very same object.
    if (before !== t) roots.push(...declaredHere(t, before));
  }
  const out: TypedSpan[] = [];
  const seen = new Set<object>();
  for (const r of roots) collect(r, out, seen);
  return out;
}

/** IR of the defaults, checks and predicates a table has now and did not have before this unit (their spans are in this unit's file). */
function declaredHere(t: TableState, before: TableState | undefined): IrExpr[] {
  const had = new Set<object>();
  for (const c of before?.columns ?? []) if (c.default) had.add(c.default.ir);
  for (const c of before?.constraints ?? []) if (c.kind === "check" && c.expr) had.add(c.expr);
  for (const i of before?.indexes ?? []) if (i.where) had.add(i.where);
  const now = [...t.columns.map((c) => c.default?.ir), ...t.constraints.map((c) => (c.kind === "check" ? c.expr : null)), ...t.indexes.map((i) => i.where)];
  return now.filter((x): x is IrExpr => !!x && !had.has(x));
}

/** Every IR node under `node` (by its fields: new node kinds are found without a rule here). */
function collect(node: unknown, out: TypedSpan[], seen: Set<object>): void {
  if (typeof node !== "object" || node === null || seen.has(node)) return;
  seen.add(node);
  if (Array.isArray(node)) {
    for (const x of node) collect(x, out, seen);
    return;
  }
  const n = node as { kind?: unknown; span?: Span; type?: Type };
  if (typeof n.kind === "string" && n.span && n.type && typeof n.type === "object") out.push({ span: n.span, type: n.type, kind: n.kind });
  for (const [key, value] of Object.entries(node)) if (key !== "span" && key !== "type") collect(value, out, seen);
}

/** The innermost typed expression at `offset`. */
export function typedAt(exprs: readonly TypedSpan[], offset: number): TypedSpan | null {
  let best: TypedSpan | null = null;
  for (const e of exprs) {
    if (e.span.start <= offset && offset <= e.span.end && (!best || e.span.end - e.span.start < best.span.end - best.span.start)) best = e;
  }
  return best;
}
