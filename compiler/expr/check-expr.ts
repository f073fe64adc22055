import type * as A from "../../grammar/ast.js";
import { BUILTINS, lookupBuiltin } from "../../stdlib/index.js";
import { diag } from "../../core/diagnostics/diagnostic.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import type { IrExpr } from "../ir/expr.js";
import { BOOLEAN, ERROR, isJson, isNullable, isNumber, isText, NULL_TYPE, scalar, showType, withNullable, type Type } from "../../core/types.js";
import type { Scope } from "./scope.js";
import { asCondition, coerce, unify } from "./types-unify.js";
import { enumMismatch, meetEnum } from "./enum-values.js";
import { opaqueOperand, refuseOpaque } from "./opaque.js";
import { checkTypedLiteral } from "./typed-literal.js";
import { checkTimeArith, checkTimeNegate, timeCompareHelp, timesComparable } from "./time-operators.js";
import { isTimeType } from "../../stdlib/support/time-kinds.js";

/**
 * Checks an expression in a scope and returns its typed IR. Errors are reported into
 * `scope.diags` and give an `invalid` node of type error, which is accepted everywhere after.
 */
export function checkExpr(e: A.Expr, s: Scope): IrExpr {
  switch (e.kind) {
    case "StringLit":
      return { kind: "literal", value: e.value, text: null, type: scalar("text"), span: e.span };
    case "NumberLit":
      return numberLiteral(e);
    case "BoolLit":
      return { kind: "literal", value: e.value, text: null, type: BOOLEAN, span: e.span };
    case "NullLit":
      return { kind: "literal", value: null, text: null, type: NULL_TYPE, span: e.span };
    case "NameExpr":
      return checkName(e.name, s, false);
    case "RootExpr":
      return checkRoot(e, s);
    case "OldExpr":
      return invalid(s, e.span, "K2017", "`old` stands for the row or document before the migration; follow it with a name", "write `old.column`");
    case "MemberExpr":
      return checkMember(e, s);
    case "IndexExpr":
      return checkIndex(e, s);
    case "CallExpr":
      return checkCall(e, s);
    case "UnaryExpr":
      return checkUnary(e, s);
    case "BinaryExpr":
      return checkBinary(e, s);
    case "InExpr":
      return checkIn(e, s);
    case "BetweenExpr":
      return checkBetween(e, s);
    case "IsNullExpr":
      return { kind: "isNull", subject: checkExpr(e.subject, s), negated: e.negated, type: BOOLEAN, span: e.span };
    case "WhenExpr":
      return checkWhen(e, s);
    case "ObjectExpr":
      return checkObject(e, s);
    case "ArrayExpr":
      return checkArray(e, s);
    case "TypedLit":
      return checkTypedLiteral(e, s.file, s.diags);
    case "ErrorExpr":
      return { kind: "invalid", type: ERROR, span: e.span };
  }
}

export function invalid(s: Scope, span: A.Span, code: Parameters<typeof diag>[0], message: string, help: string | null = null, label = ""): IrExpr {
  s.diags.push(diag(code, s.file, span, message, { help, label }));
  return { kind: "invalid", type: ERROR, span };
}

function numberLiteral(e: A.NumberLit): IrExpr {
  const integral = /^-?\d+$/.test(e.text);
  const big = integral ? BigInt(e.text) : 0n;
  const type = !integral ? scalar("numeric") : big >= -2147483648n && big <= 2147483647n ? scalar("integer") : big >= -(2n ** 63n) && big < 2n ** 63n ? scalar("bigint") : scalar("numeric");
  return { kind: "literal", value: Number(e.text), text: e.text, type, span: e.span };
}

/** A bare name: a parameter, a column (old row; new row in an expect), or a document key. */
export function checkName(name: A.Ident, s: Scope, viaOld: boolean): IrExpr {
  const param = s.params.get(name.name);
  if (param && !viaOld) return param;
  if (s.mode === "doc") {
    const side = s.inExpect && !viaOld ? "new" : "old";
    return { kind: "docKey", key: name.name, side, type: { kind: "json", storage: "jsonb", nullable: true }, span: name.span };
  }
  if (s.mode === "row") {
    const useNew = s.inExpect && !viaOld && s.newColumns !== null;
    const columns = useNew ? (s.newColumns as ReadonlyMap<string, unknown>) : s.oldColumns;
    const type = (useNew ? s.newColumns : s.oldColumns)?.get(name.name);
    if (type) return { kind: "column", column: name.name, side: useNew ? "new" : "old", type, span: name.span };
    const bare = bareCall(name);
    if (bare) return bare;
    const droppedAt = s.dropped.get(name.name);
    if (droppedAt && !useNew) {
      return invalid(s, name.span, "K2003", `column \`${name.name}\` of \`${s.table}\` was dropped by an earlier step`, `it was dropped ${droppedAt}; read it before that step, or keep it`, "dropped earlier");
    }
    const what = s.maps.has(name.name) || s.defs.has(name.name) ? `; \`${name.name}\` is a ${s.maps.has(name.name) ? "map" : "function"}: call it, \`${name.name}(…)\`` : "";
    return invalid(s, name.span, "K2002", `column \`${name.name}\` does not exist on table \`${s.table}\`${what}`, didYouMean(name.name, [...columns.keys(), ...s.params.keys()]), `not a column of \`${s.table}\``);
  }
  const bare = bareCall(name);
  if (bare) return bare;
  return invalid(s, name.span, "K2002", `unknown name \`${name.name}\` here`, s.params.size > 0 ? (didYouMean(name.name, s.params.keys()) ?? `a function body sees only its parameters: ${[...s.params.keys()].join(", ")}`) : "a default cannot read columns: it is a constant or an expression of functions such as now(), current_date, random() or gen_random_uuid()");
}

/** `current_date`, `current_timestamp`, `localtimestamp`: built-ins SQL writes without parentheses (a column of that name wins). */
function bareCall(name: A.Ident): IrExpr | null {
  const b = name.quoted ? undefined : lookupBuiltin(name.name);
  if (!b?.bare) return null;
  const sig = b.signature([]);
  return sig.ok ? { kind: "call", fn: b.name, args: [], type: sig.type, span: name.span } : null;
}

function checkRoot(e: A.RootExpr, s: Scope): IrExpr {
  if (s.mode !== "doc") return invalid(s, e.span, "K2020", "`$` (the whole document) only exists in a config block", s.mode === "row" ? "in a table block, name the column: `$.column` or just `column`" : null);
  return { kind: "docRoot", side: s.inExpect ? "new" : "old", type: { kind: "json", storage: "jsonb", nullable: false }, span: e.span };
}

function checkMember(e: A.MemberExpr, s: Scope): IrExpr {
  if (e.object.kind === "OldExpr") {
    if (!s.inExpect) return invalid(s, e.object.span, "K2017", "`old` is only meaningful in an `expect`", "a mapping always reads the old row: write the name alone");
    return checkName(e.key, s, true);
  }
  if (e.object.kind === "RootExpr" && s.mode === "row") return checkName(e.key, s, false);
  const object = checkExpr(e.object, s);
  return jsonGet(object, { kind: "literal", value: e.key.name, text: null, type: scalar("text"), span: e.key.span }, e.span, s);
}

function checkIndex(e: A.IndexExpr, s: Scope): IrExpr {
  const object = checkExpr(e.object, s);
  const key = checkExpr(e.index, s);
  if (key.type.kind !== "error" && !isText(key.type) && !(key.type.kind === "scalar" && ["smallint", "integer", "bigint"].includes(key.type.name))) {
    return invalid(s, e.index.span, "K3001", `a JSON index is a key (text) or a position (integer), found ${showType(key.type)}`);
  }
  return jsonGet(object, key, e.span, s);
}

function jsonGet(object: IrExpr, key: IrExpr, span: A.Span, s: Scope): IrExpr {
  if (object.type.kind === "error") return { kind: "invalid", type: ERROR, span };
  if (!isJson(object.type)) {
    return invalid(s, object.span, "K3007", `\`${describe(object)}\` is ${showType(object.type)}, not JSON: it has no keys`, "only json/jsonb values have keys and positions", "not JSON");
  }
  return { kind: "jsonGet", object, key, type: { kind: "json", storage: "jsonb", nullable: true }, span };
}

function describe(e: IrExpr): string {
  if (e.kind === "column") return e.column;
  if (e.kind === "docKey") return e.key;
  return "this value";
}

function checkCall(e: A.CallExpr, s: Scope): IrExpr {
  const name = e.callee.name;
  const map = s.maps.get(name);
  if (map) {
    if (e.args.length !== 1) return invalid(s, e.span, "K2015", `map \`${name}\` takes one value, found ${e.args.length}`, `write \`${name}(column)\``);
    const arg = checkExpr(e.args[0], s);
    s.mapUses.push({ map: name, arg, span: e.span });
    // A map of text inputs takes an enum value by its label (map-use.ts checks the labels it lists).
    const enumIntoText = arg.type.kind === "enum" && map.inputType.kind === "scalar" && map.inputType.name === "text";
    if (arg.type.kind !== "error" && !enumIntoText && !unify(arg.type, map.inputType)) {
      return invalid(s, e.args[0].span, "K3001", `map \`${name}\` maps ${showType(map.inputType)} values, found ${showType(arg.type)}`, isJson(arg.type) ? `convert it first: ${name}(to_text(…))` : null);
    }
    return { kind: "mapApply", map: name, arg, type: map.outputType, span: e.span };
  }
  const def = s.defs.get(name);
  if (def) return expandDef(def, e, s);
  const builtin = lookupBuiltin(name);
  if (!builtin) {
    const candidates = [...BUILTINS.keys(), ...s.maps.keys(), ...s.defs.keys()];
    return invalid(s, e.callee.span, "K2004", `no function, map or def named \`${name}\``, didYouMean(name, candidates) ?? "built-in functions are listed in stdlib/README.md");
  }
  const args = e.args.map((a) => checkExpr(a, s));
  if (args.some((a) => a.type.kind === "error")) return { kind: "invalid", type: ERROR, span: e.span };
  const sig = builtin.signature(args.map((a) => a.type));
  const opaque = opaqueOperand(...args);
  if (!sig.ok && opaque) return refuseOpaque(s, opaque, `\`${name}\``);
  if (!sig.ok) {
    const at = sig.argIndex !== undefined && e.args[sig.argIndex] ? e.args[sig.argIndex].span : e.span;
    // The stdlib words every count mismatch "`f` takes …, found N argument(s)" (stdlib/support/signature.ts).
    const arity = /, found \d+ arguments?$/.test(sig.message);
    return invalid(s, at, arity ? "K2015" : "K3006", sig.message, sig.help ?? `${builtin.doc} Example: ${builtin.example}`);
  }
  return { kind: "call", fn: name, args, type: sig.type, span: e.span };
}

/** A `def` call: its body checked with the parameters bound to the (checked) arguments. */
function expandDef(def: A.FunctionDef, e: A.CallExpr, s: Scope): IrExpr {
  const name = def.name.name;
  if (e.args.length !== def.params.length) {
    return invalid(s, e.span, "K2015", `\`${name}\` takes ${def.params.length} argument${def.params.length === 1 ? "" : "s"}, found ${e.args.length}`, `it is defined as ${name}(${def.params.map((p) => p.name.name).join(", ")})`);
  }
  if (s.expanding.includes(name)) {
    return invalid(s, e.span, "K2016", `\`${name}\` calls itself (${[...s.expanding, name].join(" → ")})`, "kmig functions are expanded where called and cannot recurse");
  }
  const params = new Map<string, IrExpr>();
  def.params.forEach((p, i) => params.set(p.name.name, checkExpr(e.args[i], s)));
  const body = checkExpr(def.body, { ...s, mode: "none", params, expanding: [...s.expanding, name] });
  return { ...body, span: e.span } as IrExpr;
}

function checkUnary(e: A.UnaryExpr, s: Scope): IrExpr {
  const arg = checkExpr(e.operand, s);
  if (e.op === "not") return { kind: "not", arg: asCondition(arg), type: BOOLEAN, span: e.span };
  if (opaqueOperand(arg)) return refuseOpaque(s, arg, "`-`");
  if (isTimeType(arg.type)) return checkTimeNegate(arg, e.span, s);
  if (arg.type.kind !== "error" && !isNumber(arg.type)) {
    return invalid(s, e.operand.span, isJson(arg.type) ? "K3003" : "K3001", `\`-\` needs a number, found ${showType(arg.type)}`, isJson(arg.type) ? "convert it first: -to_number(x)" : null);
  }
  return { kind: "negate", arg, type: arg.type, span: e.span };
}

function checkBinary(e: A.BinaryExpr, s: Scope): IrExpr {
  const left = checkExpr(e.left, s);
  const right = checkExpr(e.right, s);
  const span = e.span;
  switch (e.op) {
    case "and":
    case "or":
      return { kind: "logic", op: e.op, left: asCondition(left), right: asCondition(right), type: BOOLEAN, span };
    case "??":
      return checkCoalesce(left, right, span, s);
    case "==":
    case "!=":
    case "<":
    case "<=":
    case ">":
    case ">=":
      return checkCompare(e.op, left, right, span, s);
    case "||": {
      const opaque = opaqueOperand(left, right);
      if (opaque) return refuseOpaque(s, opaque, "`||`");
      for (const side of [left, right]) {
        if (side.type.kind !== "error" && side.type.kind !== "null" && !isText(side.type)) {
          return invalid(s, side.span, isJson(side.type) ? "K3003" : "K3001", `\`||\` joins text, found ${showType(side.type)}`, isJson(side.type) ? "convert it first: to_text(x)" : "`||` is string concatenation; for `or` write `or`");
        }
      }
      return { kind: "concat", left, right, type: scalar("text", isNullable(left.type) || isNullable(right.type)), span };
    }
    default: {
      const opaque = opaqueOperand(left, right);
      if (opaque) return refuseOpaque(s, opaque, `\`${e.op}\``);
      if (isTimeType(left.type) || isTimeType(right.type)) return checkTimeArith(e.op, left, right, span, s);
      for (const side of [left, right]) {
        if (side.type.kind !== "error" && side.type.kind !== "null" && !isNumber(side.type)) {
          return invalid(s, side.span, isJson(side.type) ? "K3003" : "K3001", `\`${e.op}\` needs numbers, found ${showType(side.type)}`, isJson(side.type) ? "convert it first: to_number(x) or to_int(x)" : null);
        }
      }
      const type = unify(left.type, right.type) ?? ERROR;
      return { kind: "arith", op: e.op, left, right, type, span };
    }
  }
}

function checkCoalesce(l: IrExpr, r: IrExpr, span: A.Span, s: Scope): IrExpr {
  const [left, right] = meetEnum(l, r, s);
  const type = unify(left.type, right.type);
  if (!type) {
    return invalid(s, right.span, "K3001", `\`??\` needs a default of the same type: ${showType(left.type)} ?? ${showType(right.type)}`, isJson(right.type) ? "convert the default: to_text(…)" : null, `${showType(right.type)} here`);
  }
  const result = withNullable(type, isNullable(right.type));
  return { kind: "coalesce", left: coerce(left, result), right: coerce(right, result), type: result, span };
}

function checkCompare(op: A.BinaryOp, lhs: IrExpr, rhs: IrExpr, span: A.Span, s: Scope): IrExpr {
  const [left, right] = meetEnum(lhs, rhs, s);
  const json = isJson(left.type) || isJson(right.type);
  const type = unify(left.type, right.type);
  const mismatch = enumMismatch(left.type, right.type);
  const opaque = opaqueOperand(left, right);
  if (opaque && !type) return refuseOpaque(s, opaque, `comparing with ${showType(opaque === left ? right.type : left.type)}`);
  if (opaque && op !== "==" && op !== "!=") return refuseOpaque(s, opaque, `\`${op}\``);
  if (!type && mismatch) return invalid(s, span, "K3050", `cannot compare: ${mismatch}`, "compare it with one of its labels ('paid'), or convert it: to_text(x) == y");
  if (!type && timesComparable(left.type, right.type)) return { kind: "compare", op: op as "==", left, right, json: false, type: BOOLEAN, span };
  if (!type) {
    const help = timeCompareHelp(left, right);
    if (help) return invalid(s, span, "K3002", `cannot compare ${showType(left.type)} with ${showType(right.type)}`, help);
    return invalid(s, span, "K3002", `cannot compare ${showType(left.type)} with ${showType(right.type)}`, "convert one side: to_text(x), to_int(x), to_number(x)");
  }
  if (op !== "==" && op !== "!=" && type.kind === "enum") {
    return invalid(s, span, "K3050", `\`${op}\` on values of the enum type \`${type.name}\` is not offered: PostgreSQL orders them by their place in the type, which \`add value … before\` changes`, "compare with `==`, `!=` or `in [...]`, or convert: to_text(x) < y");
  }
  if (json && (op !== "==" && op !== "!=")) {
    return invalid(s, span, "K3003", `\`${op}\` on JSON values is not defined`, "convert first: to_number(x) < 10");
  }
  const l = json ? coerce(left, type) : left;
  const r = json ? coerce(right, type) : right;
  return { kind: "compare", op: op as "==", left: l, right: r, json, type: BOOLEAN, span };
}

function checkIn(e: A.InExpr, s: Scope): IrExpr {
  const subject = checkExpr(e.subject, s);
  const list = e.list.map((x) => meetEnum(subject, checkExpr(x, s), s)[1]);
  let type: Type | null = subject.type;
  for (const item of list) {
    type = type && unify(type, item.type);
    const mismatch = type ? null : enumMismatch(subject.type, item.type);
    if (mismatch) return invalid(s, item.span, "K3050", `\`in\` list item: ${mismatch}`, "list labels of the type ('paid'), or convert: to_text(x) in [...]");
    if (!type) return invalid(s, item.span, "K3002", `\`in\` list item of type ${showType(item.type)} cannot be compared with ${showType(subject.type)}`);
  }
  const json = isJson(type ?? ERROR);
  return { kind: "in", subject: json ? coerce(subject, type as Type) : subject, list: json ? list.map((x) => coerce(x, type as Type)) : list, negated: e.negated, json, type: BOOLEAN, span: e.span };
}

function checkWhen(e: A.WhenExpr, s: Scope): IrExpr {
  const raw = e.branches.map((b) => ({ when: asCondition(checkExpr(b.condition, s)), then: checkExpr(b.result, s) }));
  const first = [...raw.map((b) => b.then), checkExpr(e.otherwise, s)];
  // A text literal branch beside an enum branch is a label of that enum.
  const anEnum = first.find((x) => x.type.kind === "enum");
  const results = anEnum ? first.map((x) => meetEnum(anEnum, x, s)[1]) : first;
  const branches = raw.map((b, i) => ({ when: b.when, then: results[i] }));
  const otherwise = results[results.length - 1];
  let type: Type | null = otherwise.type;
  for (const b of branches) {
    const next: Type | null = type && unify(type, b.then.type);
    if (!next) return invalid(s, b.then.span, "K3001", `the branches of this \`when\` have different types: ${showType(b.then.type)} and ${showType(type ?? ERROR)}`, "make every branch the same type, e.g. convert with to_json(x) or to_text(x)");
    type = next;
  }
  const t = type as Type;
  return { kind: "case", branches: branches.map((b) => ({ when: b.when, then: coerce(b.then, t) })), otherwise: coerce(otherwise, t), type: t, span: e.span };
}

const JSONB_NOT_NULL: Type = { kind: "json", storage: "jsonb", nullable: false };

function checkObject(e: A.ObjectExpr, s: Scope): IrExpr {
  const parts = e.entries.map((p) => {
    if (p.kind === "SpreadElement") {
      const value = checkExpr(p.expr, s);
      if (value.type.kind !== "error" && !isJson(value.type)) invalid(s, p.expr.span, "K3001", `only a JSON object can be spread into an object, found ${showType(value.type)}`);
      return { kind: "spread" as const, value };
    }
    const value = checkExpr(p.value, s);
    return { kind: "entry" as const, key: p.key.name, value: coerce(value, JSONB_NOT_NULL), optional: p.optional, guard: p.guard ? asCondition(checkExpr(p.guard, s)) : null };
  });
  return { kind: "object", parts, type: JSONB_NOT_NULL, span: e.span };
}

function checkArray(e: A.ArrayExpr, s: Scope): IrExpr {
  const parts = e.elements.map((p) => {
    if (p.kind === "SpreadElement") {
      const value = checkExpr(p.expr, s);
      if (value.type.kind !== "error" && !isJson(value.type)) invalid(s, p.expr.span, "K3001", `only a JSON array can be spread into an array, found ${showType(value.type)}`);
      return { kind: "spread" as const, value };
    }
    return { kind: "item" as const, value: coerce(checkExpr(p.value, s), JSONB_NOT_NULL), guard: p.guard ? asCondition(checkExpr(p.guard, s)) : null };
  });
  return { kind: "array", parts, type: JSONB_NOT_NULL, span: e.span };
}

/** `x between a and b` is `x >= a and x <= b`, as PostgreSQL itself reads it (`not between`: its negation). */
function checkBetween(e: A.BetweenExpr, s: Scope): IrExpr {
  const subject = checkExpr(e.subject, s);
  const low = checkCompare(">=", subject, checkExpr(e.low, s), e.span, s);
  const high = checkCompare("<=", subject, checkExpr(e.high, s), e.span, s);
  if (low.type.kind === "error" || high.type.kind === "error") return { kind: "invalid", type: ERROR, span: e.span };
  const both: IrExpr = { kind: "logic", op: "and", left: low, right: high, type: BOOLEAN, span: e.span };
  return e.negated ? { kind: "not", arg: both, type: BOOLEAN, span: e.span } : both;
}
