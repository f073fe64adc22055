import type { Span } from "../../grammar/ast.js";
import type { IrExpr, Literal } from "./expr.js";
import { BOOLEAN, scalar, type Type } from "../../core/types.js";

/** Small constructors for IR the compiler derives itself (inverses, predicates). */
const NOWHERE: Span = { start: 0, end: 0 };

export function lit(value: string | number | boolean | null, type: Type, span: Span = NOWHERE): Literal {
  return { kind: "literal", value, text: typeof value === "number" ? String(value) : null, type, span };
}

export function col(column: string, side: "old" | "new", type: Type, span: Span = NOWHERE): IrExpr {
  return { kind: "column", column, side, type, span };
}

export function eq(left: IrExpr, right: IrExpr): IrExpr {
  return { kind: "compare", op: "==", left, right, json: left.type.kind === "json", type: BOOLEAN, span: NOWHERE };
}

export function caseOf(branches: { when: IrExpr; then: IrExpr }[], otherwise: IrExpr, type: Type): IrExpr {
  if (branches.length === 0) return otherwise;
  return { kind: "case", branches, otherwise, type, span: NOWHERE };
}

export function hasKey(object: IrExpr, key: string): IrExpr {
  return { kind: "call", fn: "has_key", args: [object, lit(key, scalar("text"))], type: BOOLEAN, span: NOWHERE };
}

export function jsonGetKey(object: IrExpr, key: string): IrExpr {
  return { kind: "jsonGet", object, key: lit(key, scalar("text")), type: { kind: "json", storage: "jsonb", nullable: true }, span: NOWHERE };
}

export function fromJson(arg: IrExpr, type: Type): IrExpr {
  return { kind: "fromJson", arg, type, span: NOWHERE };
}

/** Rewrites every node bottom-up with `f` (a generic map over the IR tree). */
export function mapIr(e: IrExpr, f: (x: IrExpr) => IrExpr): IrExpr {
  const m = (x: IrExpr) => mapIr(x, f);
  let next: IrExpr;
  switch (e.kind) {
    case "jsonGet":
      next = { ...e, object: m(e.object), key: m(e.key) };
      break;
    case "call":
      next = { ...e, args: e.args.map(m) };
      break;
    case "mapApply":
    case "truthy":
    case "not":
    case "negate":
    case "toJson":
    case "fromJson":
      next = { ...e, arg: m(e.arg) } as IrExpr;
      break;
    case "coalesce":
    case "logic":
    case "compare":
    case "arith":
    case "concat":
      next = { ...e, left: m(e.left), right: m(e.right) } as IrExpr;
      break;
    case "in":
      next = { ...e, subject: m(e.subject), list: e.list.map(m) };
      break;
    case "isNull":
      next = { ...e, subject: m(e.subject) };
      break;
    case "case":
      next = { ...e, branches: e.branches.map((b) => ({ when: m(b.when), then: m(b.then) })), otherwise: m(e.otherwise) };
      break;
    case "object":
      next = { ...e, parts: e.parts.map((p) => (p.kind === "entry" ? { ...p, value: m(p.value), guard: p.guard ? m(p.guard) : null } : { ...p, value: m(p.value) })) };
      break;
    case "array":
      next = { ...e, parts: e.parts.map((p) => (p.kind === "item" ? { ...p, value: m(p.value), guard: p.guard ? m(p.guard) : null } : { ...p, value: m(p.value) })) };
      break;
    default:
      next = e;
  }
  return f(next);
}
