import type { Literal as AstLiteral } from "../../grammar/ast.js";
import { isTimeType } from "../../stdlib/support/time-kinds.js";
import { lookupBuiltin } from "../../stdlib/index.js";
import type { IrExpr, Literal } from "../ir/expr.js";
import { isJson, sqlType, type Type } from "../../core/types.js";
import { literal } from "../sql/quote.js";
import type { MapInfo } from "./scope.js";
import { closedMapUnlistedSql } from "../../core/closed-map.js";

/** How a lowering spells a column of the old or new row (e.g. `"t"."status"`, or a stash value). */
export type ColumnSql = (column: string, side: "old" | "new") => string;

export interface SqlContext {
  readonly column: ColumnSql;
  readonly maps: ReadonlyMap<string, MapInfo>;
  /**
   * PostgreSQL's own three-valued rules for comparisons and `in` (`==` is SQL `=`, NULL stays NULL):
   * for CHECK constraints and index predicates, which PostgreSQL evaluates and where a NULL check
   * passes (docs §6), and which must read like the plain SQL a baseline describes.
   */
  readonly sqlRules?: boolean;
  /**
   * A column default (or generated column), which PostgreSQL evaluates on each insert: time and chance
   * functions are PostgreSQL's own (`CURRENT_DATE`, `now()`), not the run's pinned time.
   */
  readonly inDefault?: boolean;
}

/** Raised for IR that has no SQL meaning (config-only nodes); the checker keeps these out of tables. */
export class NotLowerable extends Error {}

/** Set-based SQL for a typed expression. Every identifier is quoted, every value escaped. */
export function lowerSql(e: IrExpr, cx: SqlContext): string {
  const sub = (x: IrExpr) => lowerSql(x, cx);
  switch (e.kind) {
    case "column": {
      const col = cx.column(e.column, e.side);
      return e.type.kind === "json" && e.type.storage === "json" ? `(${col})::jsonb` : col;
    }
    case "docKey":
    case "docRoot":
      throw new NotLowerable("config document values have no SQL form");
    case "literal":
      return literalSql(e);
    case "jsonGet": {
      const key = e.key.kind === "literal" ? literalSql(e.key) : `(${sub(e.key)})`;
      const textKey = e.key.type.kind === "scalar" && ["text", "varchar", "char"].includes(e.key.type.name);
      // `'5'::jsonb -> 0` is 5 in PostgreSQL: a position only means something on an array.
      return textKey ? `(${sub(e.object)} -> ${key})` : `(CASE WHEN jsonb_typeof(${sub(e.object)}) = 'array' THEN ${sub(e.object)} -> ${key} END)`;
    }
    case "call": {
      const plain = cx.inDefault ? lookupBuiltin(e.fn)?.defaultSql : undefined;
      return plain ?? callSql(e.fn, e.args.map(sub), e.args.map((a) => a.type));
    }
    case "mapApply": {
      // An enum value goes into a map of text inputs as its label.
      const textInputs = cx.maps.get(e.map)?.inputType.kind !== "enum";
      return mapSql(cx.maps.get(e.map), e.arg.type.kind === "enum" && textInputs ? `(${sub(e.arg)})::text` : sub(e.arg), e.type);
    }
    case "coalesce":
      return callSql("default", [sub(e.left), sub(e.right)], [e.left.type, e.right.type]);
    case "truthy":
      return callSql("truthy", [sub(e.arg)], [e.arg.type]);
    case "toJson":
      return callSql("to_json", [sub(e.arg)], [e.arg.type]);
    case "now":
      return cx.inDefault ? "now()" : callSql("now", [], []);
    case "fromJson":
      return `((${sub(e.arg)}) #>> '{}')::${sqlType(e.type)}`;
    case "logic":
      return `(${sub(e.left)} ${e.op === "and" ? "AND" : "OR"} ${sub(e.right)})`;
    case "not":
      return `(NOT ${sub(e.arg)})`;
    case "compare": {
      if (cx.sqlRules) return sqlRulesCompare(e.op, sub(e.left), sub(e.right), !e.json && isTextType(e.left.type));
      // Two-valued, as in the guide's Python: absent (NULL, missing, JSON null) equals absent, and an
      // ordering with an absent side is false. Never NULL, so conditions never need three-valued logic.
      if (e.op === "==" || e.op === "!=") {
        const eq = `(${presentSql(sub(e.left), e.json)} IS NOT DISTINCT FROM ${presentSql(sub(e.right), e.json)})`;
        return e.op === "==" ? eq : `(NOT ${eq})`;
      }
      // Ordering text under "C" collation: byte order, as the JavaScript side compares.
      const collate = !e.json && isTextType(e.left.type) ? ' COLLATE "C"' : "";
      return `COALESCE((${sub(e.left)}${collate} ${e.op} ${sub(e.right)}${collate}), false)`;
    }
    case "arith":
      // Dates, times and intervals: PostgreSQL's operators, each operand cast to its type (time_plus.ts, …).
      if (isTimeType(e.left.type) || isTimeType(e.right.type)) return callSql(e.op, [sub(e.left), sub(e.right)], [e.left.type, e.right.type]);
      return `(${sub(e.left)} ${e.op} ${sub(e.right)})`;
    case "negate":
      if (isTimeType(e.arg.type)) return callSql("unary -", [sub(e.arg)], [e.arg.type]);
      return `(- ${sub(e.arg)})`;
    case "concat":
      return `(${sub(e.left)} || ${sub(e.right)})`;
    case "in": {
      if (cx.sqlRules) return `(${sub(e.subject)} ${e.negated ? "NOT IN" : "IN"} (${e.list.map(sub).join(", ")}))`;
      const x = presentSql(sub(e.subject), e.json);
      const any = e.list.length === 0 ? "false" : e.list.map((i) => `${x} IS NOT DISTINCT FROM ${presentSql(sub(i), e.json)}`).join(" OR ");
      return e.negated ? `(NOT (${any}))` : `(${any})`;
    }
    case "isNull": {
      const x = sub(e.subject);
      const test = isJson(e.subject.type) ? `(${x} IS NULL OR ${x} = 'null'::jsonb)` : `(${x} IS NULL)`;
      return e.negated ? `(NOT ${test})` : test;
    }
    case "case":
      return `(CASE ${e.branches.map((b) => `WHEN ${sub(b.when)} THEN ${sub(b.then)}`).join(" ")} ELSE ${sub(e.otherwise)} END)`;
    case "object":
      return objectSql(e.parts, sub);
    case "array":
      return arraySql(e.parts, sub);
    case "invalid":
      // Already reported as an error: no plan built from it will ever run.
      return "NULL";
  }
}

/** A comparison under SQL's rules; text orders by code point (`"C"`), as everywhere in kmig. */
function sqlRulesCompare(op: string, left: string, right: string, text: boolean): string {
  const sqlOp = op === "==" ? "=" : op === "!=" ? "<>" : op;
  const collate = text && sqlOp !== "=" && sqlOp !== "<>" ? ' COLLATE "C"' : "";
  return `(${left}${collate} ${sqlOp} ${right}${collate})`;
}

/** A JSON value with JSON null read as absent, so that `==` treats null and missing alike. */
function presentSql(sql: string, json: boolean): string {
  return json ? `NULLIF(${sql}, 'null'::jsonb)` : sql;
}

function isTextType(t: Type): boolean {
  return t.kind === "scalar" && (t.name === "text" || t.name === "varchar" || t.name === "char");
}

function callSql(fn: string, args: string[], types: Type[]): string {
  const b = lookupBuiltin(fn);
  if (!b) throw new NotLowerable(`unknown built-in ${fn}`);
  return b.sql(args, types);
}

export function literalSql(e: Literal): string {
  if (e.value === null) return "NULL";
  if (typeof e.value === "boolean") return e.value ? "TRUE" : "FALSE";
  if (typeof e.value === "number") return e.text && e.text.startsWith("-") ? `(${e.text})` : (e.text ?? String(e.value));
  // A label of an enum type (or a literal typed by a date/time keyword) is cast to its type.
  return `${literal(e.value)}::${e.type.kind === "enum" || e.type.kind === "scalar" || e.type.kind === "opaque" ? sqlType({ ...e.type, nullable: false }) : "text"}`;
}

/** A status map literal (from the AST) as SQL of the map's type. */
export function mapValueSql(v: AstLiteral, type: Type): string {
  switch (v.kind) {
    case "NullLit":
      return "NULL";
    case "BoolLit":
      return v.value ? "TRUE" : "FALSE";
    case "NumberLit":
      return `(${v.text})::${sqlType(type)}`;
    case "StringLit":
      return `${literal(v.value)}::${sqlType(type)}`;
  }
}

function mapSql(map: MapInfo | undefined, arg: string, outType: Type): string {
  if (!map) throw new NotLowerable("unknown map");
  const whens: string[] = [];
  let fallback = map.ast.closed ? unlistedSql(map.ast.name.name, arg, outType) : "NULL";
  for (const item of map.ast.items) {
    if (item.kind === "MapEntry") {
      const out = mapValueSql(item.output, outType);
      const nonNull = item.inputs.filter((i) => i.kind !== "NullLit");
      if (item.inputs.some((i) => i.kind === "NullLit")) whens.push(`WHEN ${arg} IS NULL THEN ${out}`);
      if (nonNull.length > 0) whens.push(`WHEN ${arg} IN (${nonNull.map((i) => mapValueSql(i, map.inputType)).join(", ")}) THEN ${out}`);
    } else if (item.kind === "MapFallback") {
      fallback = mapValueSql(item.output, outType);
    }
  }
  return `(CASE ${whens.join(" ")} ELSE ${fallback} END)`;
}

/** A closed map that meets a value it does not list stops the run with SQLSTATE KM001, naming the map and the value (core/closed-map.ts). */
function unlistedSql(mapName: string, arg: string, outType: Type): string {
  return closedMapUnlistedSql(mapName, arg, sqlType(outType));
}

type Part = { kind: "entry"; key: string; value: IrExpr; optional: boolean; guard: IrExpr | null } | { kind: "spread"; value: IrExpr };

function objectSql(parts: readonly Part[], sub: (x: IrExpr) => string): string {
  const pieces: string[] = [];
  let plain: string[] = [];
  const flush = () => {
    if (plain.length > 0) pieces.push(`jsonb_build_object(${plain.join(", ")})`);
    plain = [];
  };
  for (const p of parts) {
    if (p.kind === "spread") {
      flush();
      const v = sub(p.value);
      pieces.push(`(CASE WHEN jsonb_typeof(${v}) = 'object' THEN ${v} ELSE '{}'::jsonb END)`);
    } else if (!p.optional && !p.guard) {
      plain.push(`${literal(p.key)}::text, ${sub(p.value)}`);
    } else {
      flush();
      const v = sub(p.value);
      const conds = [...(p.optional ? [`${v} IS NOT NULL`] : []), ...(p.guard ? [sub(p.guard)] : [])];
      pieces.push(`(CASE WHEN ${conds.join(" AND ")} THEN jsonb_build_object(${literal(p.key)}::text, ${v}) ELSE '{}'::jsonb END)`);
    }
  }
  flush();
  return pieces.length === 0 ? `'{}'::jsonb` : `(${pieces.join(" || ")})`;
}

type APart = { kind: "item"; value: IrExpr; guard: IrExpr | null } | { kind: "spread"; value: IrExpr };

function arraySql(parts: readonly APart[], sub: (x: IrExpr) => string): string {
  const pieces: string[] = [];
  let plain: string[] = [];
  const flush = () => {
    if (plain.length > 0) pieces.push(`jsonb_build_array(${plain.join(", ")})`);
    plain = [];
  };
  for (const p of parts) {
    if (p.kind === "spread") {
      flush();
      const v = sub(p.value);
      pieces.push(`(CASE WHEN jsonb_typeof(${v}) = 'array' THEN ${v} ELSE '[]'::jsonb END)`);
    } else if (!p.guard) {
      plain.push(sub(p.value));
    } else {
      flush();
      pieces.push(`(CASE WHEN ${sub(p.guard)} THEN jsonb_build_array(${sub(p.value)}) ELSE '[]'::jsonb END)`);
    }
  }
  flush();
  return pieces.length === 0 ? `'[]'::jsonb` : `(${pieces.join(" || ")})`;
}
