import type { Literal as AstLiteral } from "../../grammar/ast.js";
import type { IrExpr } from "../ir/expr.js";
import { isTimeType } from "../../stdlib/support/time-kinds.js";
import type { Type } from "../../core/types.js";
import type { MapInfo } from "./scope.js";

/**
 * JavaScript source for a typed expression, over the value model of stdlib/builtin.ts. The code
 * reads `row` (old row or document), `next` (new row, in expects) and calls helpers on `rt`
 * (runtime/js-runtime.ts), so that emitted plans and kmig's own runtime share one meaning.
 */
export function lowerJs(e: IrExpr): string {
  const sub = lowerJs;
  switch (e.kind) {
    case "column":
      return `${e.side === "old" ? "row" : "next"}[${JSON.stringify(e.column)}]`;
    case "docKey":
      return `rt.get(${e.side === "old" ? "row" : "next"}, ${JSON.stringify(e.key)})`;
    case "docRoot":
      return e.side === "old" ? "row" : "next";
    case "literal":
      return literalJs(e.value, e.text, e.type);
    case "jsonGet":
      return `rt.get(${sub(e.object)}, ${sub(e.key)})`;
    case "call":
      return `rt.call(${JSON.stringify(e.fn)}, [${e.args.map(sub).join(", ")}], ${JSON.stringify(e.args.map((a) => a.type))})`;
    case "mapApply":
      return `maps[${JSON.stringify(e.map)}](${sub(e.arg)})`;
    case "coalesce":
      return `rt.call("default", [${sub(e.left)}, ${sub(e.right)}], ${JSON.stringify([e.left.type, e.right.type])})`;
    case "truthy":
      return `rt.call("truthy", [${sub(e.arg)}], ${JSON.stringify([e.arg.type])})`;
    case "toJson":
      return `rt.call("to_json", [${sub(e.arg)}], ${JSON.stringify([e.arg.type])})`;
    case "now":
      return `rt.call("now", [], [])`;
    case "fromJson":
      return `rt.fromJson(${sub(e.arg)}, ${JSON.stringify(e.type)})`;
    case "logic":
      return `rt.${e.op}(${sub(e.left)}, () => ${sub(e.right)})`;
    case "not":
      return `rt.not(${sub(e.arg)})`;
    case "compare":
      // Dates, times and intervals compare by value, not by their text: the types go along.
      if (isTimeType(e.left.type) || isTimeType(e.right.type)) return `rt.compare(${JSON.stringify(e.op)}, ${sub(e.left)}, ${sub(e.right)}, false, ${JSON.stringify([e.left.type, e.right.type])})`;
      return `rt.compare(${JSON.stringify(e.op)}, ${sub(e.left)}, ${sub(e.right)}, ${e.json})`;
    case "arith":
      if (isTimeType(e.left.type) || isTimeType(e.right.type)) return `rt.call(${JSON.stringify(e.op)}, [${sub(e.left)}, ${sub(e.right)}], ${JSON.stringify([e.left.type, e.right.type])})`;
      return `rt.arith(${JSON.stringify(e.op)}, ${sub(e.left)}, ${sub(e.right)}, ${JSON.stringify(e.type)})`;
    case "negate":
      if (isTimeType(e.arg.type)) return `rt.call("unary -", [${sub(e.arg)}], ${JSON.stringify([e.arg.type])})`;
      return `rt.arith("-", 0, ${sub(e.arg)}, ${JSON.stringify(e.type)})`;
    case "concat":
      return `rt.concat(${sub(e.left)}, ${sub(e.right)})`;
    case "in":
      if (isTimeType(e.subject.type)) return `rt.inList(${sub(e.subject)}, [${e.list.map(sub).join(", ")}], ${e.negated}, false, ${JSON.stringify([e.subject.type, e.subject.type])})`;
      return `rt.inList(${sub(e.subject)}, [${e.list.map(sub).join(", ")}], ${e.negated}, ${e.json})`;
    case "isNull":
      return `(${e.negated ? "!" : ""}rt.isNull(${sub(e.subject)}))`;
    case "case":
      return e.branches.reduceRight((acc, b) => `(rt.truthyCond(${sub(b.when)}) ? ${sub(b.then)} : ${acc})`, sub(e.otherwise));
    case "object":
      return `rt.object([${e.parts.map((p) => (p.kind === "spread" ? `{ spread: ${sub(p.value)} }` : `{ key: ${JSON.stringify(p.key)}, value: ${sub(p.value)}, optional: ${p.optional}${p.guard ? `, guard: ${sub(p.guard)}` : ""} }`)).join(", ")}])`;
    case "array":
      return `rt.array([${e.parts.map((p) => (p.kind === "spread" ? `{ spread: ${sub(p.value)} }` : `{ value: ${sub(p.value)}${p.guard ? `, guard: ${sub(p.guard)}` : ""} }`)).join(", ")}])`;
    case "invalid":
      return "undefined";
  }
}

function literalJs(value: string | number | boolean | null, text: string | null, type: Type): string {
  if (value === null) return "undefined";
  if (typeof value === "number" && type.kind === "scalar" && (type.name === "bigint" || type.name === "numeric")) return JSON.stringify(text ?? String(value));
  return JSON.stringify(value);
}

function mapLiteralJs(v: AstLiteral, type: Type): string {
  switch (v.kind) {
    case "NullLit":
      return "undefined";
    case "BoolLit":
      return String(v.value);
    case "NumberLit":
      return type.kind === "scalar" && (type.name === "bigint" || type.name === "numeric") ? JSON.stringify(v.text) : v.text;
    case "StringLit":
      return JSON.stringify(v.value);
  }
}

/** A status map as a JS function `(v) => out`. */
export function mapJs(map: MapInfo): string {
  const lines: string[] = [];
  let fallback = "undefined";
  for (const item of map.ast.items) {
    if (item.kind === "MapEntry") {
      const out = mapLiteralJs(item.output, map.outputType);
      const tests = item.inputs.map((i) => (i.kind === "NullLit" ? "v === undefined" : `v === ${mapLiteralJs(i, map.inputType)}`));
      lines.push(`if (${tests.join(" || ")}) return ${out};`);
    } else if (item.kind === "MapFallback") fallback = mapLiteralJs(item.output, map.outputType);
  }
  // A NULL input that no entry names goes to the fallback, as in SQL's CASE … ELSE.
  if (!map.ast.closed) return `(v) => { ${lines.join(" ")} return ${fallback}; }`;
  return `(v) => { ${lines.join(" ")} ${closedMapThrowJs(map.ast.name.name)} }`;
}

/**
 * What a closed map does with a value it does not list: stop, as its SQL does (lower-sql.ts), with
 * the same message (the value quoted as `quote_literal` quotes it). The error carries the map and
 * the value (`kmigClosedMap`, `kmigValue`) so that a runtime can say where the value came from.
 */
function closedMapThrowJs(name: string): string {
  const quoted = `(v === undefined || v === null ? "NULL" : "'" + String(v).replace(/'/g, "''") + "'")`;
  return `throw Object.assign(new Error(${JSON.stringify(`kmig: the closed map ${name} does not list `)} + ${quoted}), { kmigClosedMap: ${JSON.stringify(name)}, kmigValue: v });`;
}
