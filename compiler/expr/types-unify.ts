import type { IrExpr } from "../ir/expr.js";
import { unifyOpaque } from "./opaque.js";
import { BOOLEAN, isBool, isNullable, TEXT_LIKE, withNullable, type ScalarName, type Type } from "../../core/types.js";

/** Numeric types from narrowest to widest: mixing two gives the wider. */
const NUMBER_RANK: Partial<Record<ScalarName, number>> = {
  smallint: 1,
  integer: 2,
  bigint: 3,
  numeric: 4,
  real: 5,
  "double precision": 6,
};

/** The common type of two branches / operands, or null when they cannot meet. */
export function unify(a: Type, b: Type): Type | null {
  if (a.kind === "error") return b;
  if (b.kind === "error") return a;
  if (a.kind === "null") return b.kind === "null" ? a : withNullable(b, true);
  if (b.kind === "null") return withNullable(a, true);
  const nullable = isNullable(a) || isNullable(b);
  if (a.kind === "json" || b.kind === "json") {
    const storage = a.kind === "json" ? a.storage : b.kind === "json" ? b.storage : "jsonb";
    return { kind: "json", storage, nullable };
  }
  if (a.kind === "opaque" || b.kind === "opaque") return unifyOpaque(a, b, nullable);
  if (a.kind === "enum" || b.kind === "enum") return a.kind === "enum" && b.kind === "enum" && a.name === b.name ? withNullable(a, nullable) : null;
  if (a.kind === "array" && b.kind === "array") {
    const element = unify(a.element, b.element);
    return element ? { kind: "array", element, nullable } : null;
  }
  if (a.kind !== "scalar" || b.kind !== "scalar") return null;
  if (TEXT_LIKE.has(a.name) && TEXT_LIKE.has(b.name)) {
    if (a.name === b.name && a.args.join() === b.args.join()) return withNullable(a, nullable);
    if (a.name === "varchar" && b.name === "varchar" && a.args.length && b.args.length) {
      return { kind: "scalar", name: "varchar", args: [Math.max(a.args[0], b.args[0])], nullable };
    }
    return { kind: "scalar", name: "text", args: [], nullable };
  }
  const ra = NUMBER_RANK[a.name];
  const rb = NUMBER_RANK[b.name];
  if (ra !== undefined && rb !== undefined) return withNullable(ra >= rb ? a : b, nullable);
  if (a.name === b.name) return withNullable(a, nullable);
  if ((a.name === "timestamp" || a.name === "timestamptz") && (b.name === "timestamp" || b.name === "timestamptz")) {
    return { kind: "scalar", name: "timestamptz", args: [], nullable };
  }
  return null;
}

/** Wraps a value in a JSON conversion when it goes where JSON is expected. */
export function coerce(e: IrExpr, target: Type): IrExpr {
  if (target.kind !== "json" || e.type.kind === "json" || e.type.kind === "error") return e;
  return { kind: "toJson", arg: e, type: { kind: "json", storage: "jsonb", nullable: isNullable(e.type) }, span: e.span };
}

/** A value used as a condition: booleans as they are, anything else by its truthiness. */
export function asCondition(e: IrExpr): IrExpr {
  // A boolean that may be NULL is tested by truthiness too: NULL is false, never "unknown".
  if ((isBool(e.type) && !isNullable(e.type)) || e.type.kind === "error") return e;
  return { kind: "truthy", arg: e, type: BOOLEAN, span: e.span };
}
