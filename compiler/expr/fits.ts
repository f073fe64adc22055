import type { Span } from "../../grammar/ast.js";
import { diag, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { SourceFile } from "../../core/source-file.js";
import type { IrExpr } from "../ir/expr.js";
import { INTEGERS, isJson, isNullable, isText, showType, TEXT_LIKE, type Type } from "../../core/types.js";
import { coerce } from "./types-unify.js";
import { asEnumValue } from "./enum-values.js";
import { OPAQUE_HELP } from "./opaque.js";
import type { NamedTypeState } from "../model/named-type.js";

/** Where a value goes, for messages: "column `tasks.priority`", "the default of `users.role`". */
export interface Destination {
  readonly what: string;
  readonly type: Type;
  /** The chain's enum types, when the destination may be one: a text literal is checked against its labels. */
  readonly types?: ReadonlyMap<string, NamedTypeState>;
}

const INT_RANK: Record<string, number> = { smallint: 1, integer: 2, bigint: 3 };

/**
 * Checks that a value fits its destination (type family, varchar length of literals, NULL into
 * NOT NULL) and returns it with any implicit JSON conversion applied.
 */
export function checkFits(value: IrExpr, dest: Destination, file: SourceFile, diags: Diagnostic[], span: Span = value.span): IrExpr {
  const from = value.type;
  const to = dest.type;
  if (from.kind === "error" || to.kind === "error") return value;
  const push = (code: "K3001" | "K3003" | "K3004" | "K3005" | "K3010", message: string, help: string | null, label = "") =>
    diags.push(diag(code, file, span, message, { help, label }));
  if (from.kind === "null") {
    if (!isNullable(to)) push("K3004", `${dest.what} is NOT NULL, but this is null`, "give a value, or make the column nullable with `?`");
    return value;
  }
  if (isNullable(from) && !isNullable(to)) {
    push("K3004", `${dest.what} is NOT NULL, but this value may be NULL`, "give a fallback with `??`, e.g. `x ?? 'default'`", "may be NULL");
    return value;
  }
  if (to.kind === "json") {
    if (from.kind === "json") return value;
    if (from.kind === "scalar" && isText(from) && value.kind === "literal") {
      push("K3001", `${dest.what} is ${to.storage}; this is a text literal`, "write the JSON value itself ({} or [] or 'text' inside to_json), or to_json('…') for a JSON string");
      return value;
    }
    push("K3001", `${dest.what} is ${to.storage}, found ${showType(from)}`, "convert it: to_json(x)");
    return value;
  }
  if (from.kind === "json") {
    push("K3003", `${dest.what} is ${showType(to)}, found a JSON value`, `convert it first: ${jsonConversion(to)}`, "JSON");
    return value;
  }
  if (to.kind === "array" || from.kind === "array") {
    if (to.kind !== from.kind) push("K3001", `${dest.what} is ${showType(to)}, found ${showType(from)}`, null);
    return value;
  }
  if (to.kind === "opaque" || from.kind === "opaque") {
    // A text literal is read by the type's own input function, as PostgreSQL reads `'a.b'` into an ltree column.
    if (to.kind === "opaque" && from.kind === "scalar" && isText(from) && value.kind === "literal") return { ...value, type: { ...to, nullable: false } };
    // Otherwise the same type only: kmig knows no conversion to or from a type it does not model.
    if (to.kind !== from.kind || to.name !== from.name) diags.push(diag("K3060", file, span, `${dest.what} is ${showType(to)}, found ${showType(from)}: kmig converts no value to or from a type it does not model`, { help: OPAQUE_HELP }));
    return value;
  }
  if (to.kind === "enum" || from.kind === "enum") return fitsEnum(value, dest, file, diags, span);
  if (to.kind !== "scalar" || from.kind !== "scalar") return coerce(value, to);
  if (TEXT_LIKE.has(to.name)) {
    if (!TEXT_LIKE.has(from.name)) {
      push("K3001", `${dest.what} is ${showType(to)}, found ${showType(from)}`, "convert it: to_text(x)");
      return value;
    }
    const max = to.args[0];
    if (max !== undefined && value.kind === "literal" && typeof value.value === "string" && [...value.value].length > max) {
      push("K3005", `'${value.value.slice(0, 30)}' has ${[...value.value].length} characters; ${dest.what} allows ${max}`, `shorten the value, or widen the column to varchar(${[...value.value].length})`, "too long");
    } else if (max !== undefined && from.args[0] !== undefined && from.args[0] > max) {
      push("K3010", `a ${showType(from)} value may be longer than ${dest.what} (${showType(to)}) allows`, "the run stops if a longer value occurs; widen the column or shorten the value with a function", "may be too long");
    }
    return value;
  }
  if (INTEGERS.has(to.name)) {
    if (!INTEGERS.has(from.name)) {
      push("K3001", `${dest.what} is ${showType(to)}, found ${showType(from)}`, isText(from) ? "convert it: to_int(x)" : null);
    } else if (INT_RANK[from.name] > INT_RANK[to.name] && value.kind !== "literal") {
      push("K3001", `${dest.what} is ${showType(to)}; a ${showType(from)} value may not fit`, `narrow it explicitly with to_int(x), or widen the column`);
    }
    return value;
  }
  if (["numeric", "real", "double precision"].includes(to.name)) {
    if (!["smallint", "integer", "bigint", "numeric", "real", "double precision"].includes(from.name)) push("K3001", `${dest.what} is ${showType(to)}, found ${showType(from)}`, isText(from) ? "convert it: to_number(x)" : null);
    return value;
  }
  const compatibleTimes = (to.name === "timestamptz" || to.name === "timestamp") && (from.name === "timestamp" || from.name === "timestamptz" || from.name === "date");
  if (from.name !== to.name && !compatibleTimes) push("K3001", `${dest.what} is ${showType(to)}, found ${showType(from)}`, null);
  return value;
}

function jsonConversion(t: Type): string {
  if (t.kind !== "scalar") return "to_text(x)";
  if (INTEGERS.has(t.name)) return "to_int(x)";
  if (t.name === "boolean") return "to_bool(x) or truthy(x)";
  if (["numeric", "real", "double precision"].includes(t.name)) return "to_number(x)";
  return "to_text(x)";
}

export { isJson };

/** A value into an enum destination: a label of it (a text literal, checked), or a value of the same enum; an enum value into anything else is converted first. */
function fitsEnum(value: IrExpr, dest: Destination, file: SourceFile, diags: Diagnostic[], span: Span): IrExpr {
  const to = dest.type;
  const v = asEnumValue(value, to, { types: dest.types ?? new Map(), file, diags });
  if (v.type.kind === "enum" && to.kind === "enum" && v.type.name === to.name) return v;
  const help = to.kind === "enum" ? `give one of its labels ('…'), or map the value into it with a status map` : "convert it: to_text(x)";
  diags.push(diag("K3050", file, span, `${dest.what} is ${showType(to)}, found ${showType(v.type)}`, { help }));
  return v;
}
