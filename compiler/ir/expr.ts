import type { Span } from "../../grammar/ast.js";
import type { Type } from "../../core/types.js";

/**
 * Typed expressions: names resolved, `def` calls expanded, every node with its type.
 * This is what both lowerings (SQL for tables, JS for config files and property tests) read.
 */

/** A column of the row being mapped. `column` is its name *before* the migration (the old row). */
export interface ColumnRef {
  readonly kind: "column";
  readonly column: string;
  /** `old.` in an expect reads the row before; otherwise a mapping reads the old row and an expect the new. */
  readonly side: "old" | "new";
  readonly type: Type;
  readonly span: Span;
}

/** A top-level key of a config document (old or new). */
export interface DocKey {
  readonly kind: "docKey";
  readonly key: string;
  readonly side: "old" | "new";
  readonly type: Type;
  readonly span: Span;
}

/** `$`: the whole old document (config) as JSON. */
export interface DocRoot {
  readonly kind: "docRoot";
  readonly side: "old" | "new";
  readonly type: Type;
  readonly span: Span;
}

export type LiteralValue = string | number | boolean | null;

/** A scalar literal; numbers keep their text so that `1.50` stays exact in SQL. */
export interface Literal {
  readonly kind: "literal";
  readonly value: LiteralValue;
  readonly text: string | null;
  readonly type: Type;
  readonly span: Span;
}

/** `x.key` / `x[i]` on a JSON value: missing keys give "missing" (SQL NULL, JS undefined). */
export interface JsonGet {
  readonly kind: "jsonGet";
  readonly object: IrExpr;
  readonly key: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

/** A call of a built-in function (stdlib). */
export interface BuiltinCall {
  readonly kind: "call";
  readonly fn: string;
  readonly args: readonly IrExpr[];
  readonly type: Type;
  readonly span: Span;
}

/** Applying a status map. */
export interface MapApply {
  readonly kind: "mapApply";
  readonly map: string;
  readonly arg: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

/** `a ?? b`: b when a is missing, NULL or JSON null. */
export interface Coalesce {
  readonly kind: "coalesce";
  readonly left: IrExpr;
  readonly right: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

/** Truthiness (Python's) of any value, as a condition. */
export interface Truthy {
  readonly kind: "truthy";
  readonly arg: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

export type LogicOp = "and" | "or";
export type CompareOp = "==" | "!=" | "<" | "<=" | ">" | ">=";
export type ArithOp = "+" | "-" | "*" | "/" | "%";

export interface Logic {
  readonly kind: "logic";
  readonly op: LogicOp;
  readonly left: IrExpr;
  readonly right: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

export interface Not {
  readonly kind: "not";
  readonly arg: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

/** A comparison; `json` says both sides compare as JSON values (a scalar side is converted). */
export interface Compare {
  readonly kind: "compare";
  readonly op: CompareOp;
  readonly left: IrExpr;
  readonly right: IrExpr;
  readonly json: boolean;
  readonly type: Type;
  readonly span: Span;
}

export interface Arith {
  readonly kind: "arith";
  readonly op: ArithOp;
  readonly left: IrExpr;
  readonly right: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

export interface Negate {
  readonly kind: "negate";
  readonly arg: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

/** `a || b` on text. */
export interface Concat {
  readonly kind: "concat";
  readonly left: IrExpr;
  readonly right: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

export interface In {
  readonly kind: "in";
  readonly subject: IrExpr;
  readonly list: readonly IrExpr[];
  readonly negated: boolean;
  readonly json: boolean;
  readonly type: Type;
  readonly span: Span;
}

/** `x is null`: missing, NULL or JSON null. */
export interface IsNull {
  readonly kind: "isNull";
  readonly subject: IrExpr;
  readonly negated: boolean;
  readonly type: Type;
  readonly span: Span;
}

export interface Case {
  readonly kind: "case";
  readonly branches: readonly { readonly when: IrExpr; readonly then: IrExpr }[];
  readonly otherwise: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

export type ObjectPart =
  | { readonly kind: "entry"; readonly key: string; readonly value: IrExpr; readonly optional: boolean; readonly guard: IrExpr | null }
  | { readonly kind: "spread"; readonly value: IrExpr };

/** A JSON object built from entries; values are converted to JSON. */
export interface BuildObject {
  readonly kind: "object";
  readonly parts: readonly ObjectPart[];
  readonly type: Type;
  readonly span: Span;
}

export type ArrayPart =
  | { readonly kind: "item"; readonly value: IrExpr; readonly guard: IrExpr | null }
  | { readonly kind: "spread"; readonly value: IrExpr };

/** A JSON array built from items; values are converted to JSON. */
export interface BuildArray {
  readonly kind: "array";
  readonly parts: readonly ArrayPart[];
  readonly type: Type;
  readonly span: Span;
}

/** The time of the run (one value for the whole run, not per batch). */
export interface Now {
  readonly kind: "now";
  readonly type: Type;
  readonly span: Span;
}

/** Converts a value to JSON (implicitly, where a JSON value is expected). */
export interface ToJson {
  readonly kind: "toJson";
  readonly arg: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

/** A JSON value read back as a scalar of `type` (JSON null or missing → NULL); used by derived inverses. */
export interface FromJson {
  readonly kind: "fromJson";
  readonly arg: IrExpr;
  readonly type: Type;
  readonly span: Span;
}

/** Stands for an expression that failed to check; already reported. */
export interface Invalid {
  readonly kind: "invalid";
  readonly type: Type;
  readonly span: Span;
}

export type IrExpr =
  | ColumnRef
  | DocKey
  | DocRoot
  | Literal
  | JsonGet
  | BuiltinCall
  | MapApply
  | Coalesce
  | Truthy
  | Logic
  | Not
  | Compare
  | Arith
  | Negate
  | Concat
  | In
  | IsNull
  | Case
  | BuildObject
  | BuildArray
  | Now
  | ToJson
  | FromJson
  | Invalid;

/** Every direct child of a node, for generic walks (column use, purity, size). */
export function children(e: IrExpr): IrExpr[] {
  switch (e.kind) {
    case "column":
    case "docKey":
    case "docRoot":
    case "literal":
    case "now":
    case "invalid":
      return [];
    case "jsonGet":
      return [e.object, e.key];
    case "call":
      return [...e.args];
    case "mapApply":
      return [e.arg];
    case "coalesce":
    case "logic":
    case "compare":
    case "arith":
    case "concat":
      return [e.left, e.right];
    case "truthy":
    case "not":
    case "negate":
    case "toJson":
    case "fromJson":
      return [e.arg];
    case "in":
      return [e.subject, ...e.list];
    case "isNull":
      return [e.subject];
    case "case":
      return [...e.branches.flatMap((b) => [b.when, b.then]), e.otherwise];
    case "object":
      return e.parts.flatMap((p) => (p.kind === "entry" ? [p.value, ...(p.guard ? [p.guard] : [])] : [p.value]));
    case "array":
      return e.parts.flatMap((p) => (p.kind === "item" ? [p.value, ...(p.guard ? [p.guard] : [])] : [p.value]));
  }
}

/** The old-row columns an expression reads. */
export function columnsRead(e: IrExpr, side: "old" | "new" = "old", into = new Set<string>()): Set<string> {
  if (e.kind === "column" && e.side === side) into.add(e.column);
  for (const c of children(e)) columnsRead(c, side, into);
  return into;
}
