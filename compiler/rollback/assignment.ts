import type { Span, StepInverse } from "../../grammar/ast.js";
import type { IrExpr } from "../ir/expr.js";
import type { Type } from "../../core/types.js";

/** One column a table block computes from the old row. */
export interface Assignment {
  /** The column as named after the block's renames (and during the backfill). */
  readonly target: string;
  readonly targetType: Type;
  /** The mapping, over the old row. */
  readonly value: IrExpr;
  /** The old column whose values this overwrites (its old name and type), if any. */
  readonly destroys: { readonly column: string; readonly type: Type } | null;
  readonly inverse: StepInverse | null;
  readonly span: Span;
}

/** How a destroyed column comes back on rollback. */
export interface InverseResult {
  readonly kind: "exact" | "stash" | "lossy" | "irreversible";
  /** Recomputes the old value from the new row (new-side column refs); null: nothing to recompute from. */
  readonly g: IrExpr | null;
  readonly why: string;
}
