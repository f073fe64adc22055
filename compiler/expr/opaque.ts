import { diag } from "../../core/diagnostics/diagnostic.js";
import { ERROR, showType, type Type } from "../../core/types.js";
import type { IrExpr } from "../ir/expr.js";
import type { Scope } from "./scope.js";

/**
 * What kmig does with a value of a type it does not model (`ltree`, `geometry(Point, 4326)`): it
 * copies it, passes it through mappings and `??`, compares it with `==`, `!=` and `in`, converts it
 * with to_text and to_json (PostgreSQL's output of the type); it computes nothing else on it, since
 * it has no JavaScript meaning for the value that `kmig test` could check against PostgreSQL.
 */
export const OPAQUE_HELP = "kmig copies, compares (== and !=) and converts (to_text, to_json) values of a type it does not model; compute on it in raw `sql`";

/** The first operand of an opaque type, if any. */
export function opaqueOperand(...operands: readonly IrExpr[]): IrExpr | undefined {
  return operands.find((o) => o.type.kind === "opaque" || (o.type.kind === "array" && o.type.element.kind === "opaque"));
}

/** K3060 at `operand`: `what` (e.g. "`+`", "`lower`", "`<`") is not offered on its opaque type. */
export function refuseOpaque(s: Scope, operand: IrExpr, what: string): IrExpr {
  s.diags.push(diag("K3060", s.file, operand.span, `${what} is not offered on ${showType(operand.type)}, a type kmig does not model`, { help: OPAQUE_HELP, label: "a value kmig cannot compute on" }));
  return { kind: "invalid", type: ERROR, span: operand.span };
}

/** The common type of two opaque types: the same type (modifiers kept where both sides agree). */
export function unifyOpaque(a: Type, b: Type, nullable: boolean): Type | null {
  if (a.kind !== "opaque" || b.kind !== "opaque" || a.name !== b.name) return null;
  return { kind: "opaque", name: a.name, modifiers: a.modifiers.join() === b.modifiers.join() ? a.modifiers : [], nullable };
}
