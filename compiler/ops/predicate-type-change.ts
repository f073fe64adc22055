import type { Span } from "../../grammar/ast.js";
import { children, type IrExpr } from "../ir/expr.js";
import { showType, type Type } from "../../core/types.js";
import { report, type MigrationContext } from "../migration/context.js";
import type { TableState } from "../model/schema.js";

/** Types whose values the same operators and functions take: a predicate over one reads the same over another. */
function family(t: Type): string {
  if (t.kind === "json") return "json";
  if (t.kind === "array") return `array of ${family(t.element)}`;
  if (t.kind !== "scalar") return t.kind;
  if (["smallint", "integer", "bigint", "numeric", "real", "double precision"].includes(t.name)) return "number";
  if (["text", "varchar", "char"].includes(t.name)) return "text";
  if (["timestamp", "timestamptz"].includes(t.name)) return "timestamp";
  return t.name;
}

/** Whether `e` reads `column` other than to test it for null (which any type allows). */
function readsBeyondNullTest(e: IrExpr, column: string): boolean {
  if (e.kind === "isNull" && e.subject.kind === "column" && e.subject.column === column) return false;
  if (e.kind === "column") return e.column === column && e.side === "old";
  return children(e).some((c) => readsBeyondNullTest(c, column));
}

/**
 * PostgreSQL re-reads a table's checks and partial-index predicates with a column's new type when
 * the type changes, and the change fails if one no longer type-checks (`length(x)` once x is an
 * integer). kmig does not re-type them, so a change to another kind of type (text to number, say)
 * under a predicate that uses the column's value is reported (K3014).
 */
export function checkPredicatesSurvive(cx: MigrationContext, t: TableState, column: string, from: Type, to: Type, span: Span): boolean {
  if (family(from) === family(to)) return true;
  let ok = true;
  const change = `${showType({ ...from, nullable: false } as Type)} to ${showType({ ...to, nullable: false } as Type)}`;
  for (const c of t.constraints) {
    if (c.kind !== "check" || !c.expr || !readsBeyondNullTest(c.expr, column)) continue;
    ok = false;
    report(cx, "K3014", span, `the check \`${c.name}\` reads \`${t.name}.${column}\`, whose type changes from ${change}: PostgreSQL re-checks it with the new type`, {
      help: `in the same \`table\` block, \`drop constraint ${c.name}\` and add it again written for the new type: drops run before a type change, new constraints after it`,
    });
  }
  for (const i of t.indexes) {
    if (!i.where || !readsBeyondNullTest(i.where, column)) continue;
    ok = false;
    report(cx, "K3014", span, `the \`where\` of index \`${i.name}\` reads \`${t.name}.${column}\`, whose type changes from ${change}: PostgreSQL re-checks it with the new type`, {
      help: `in the same \`table\` block, \`drop index ${i.name}\` and create it again written for the new type: drops run before a type change, new indexes after it`,
    });
  }
  return ok;
}
