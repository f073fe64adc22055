import { expect } from "vitest";
import { parseText, stripSpans } from "../support/parse.js";

/**
 * Helpers for the per-construct tests: parse a piece of a spec in its natural context, insist on
 * a clean parse, and hand back the span-free AST of the part under test. The builders below write
 * expected ASTs compactly; they produce exactly what `stripSpans` leaves of a parsed node.
 */

/** A node of the span-free AST; the tests compare these with `toEqual`. */
export type Node = Record<string, unknown>;

/** `code message` of every diagnostic, for readable failures. */
export function problems(text: string): string[] {
  return parseText(text).diagnostics.map((d) => `${d.code} ${d.message}`);
}

/** The codes of the errors a text produces (warnings left out). */
export function errorCodes(text: string): string[] {
  return parseText(text)
    .diagnostics.filter((d) => d.severity === "error")
    .map((d) => d.code);
}

/** The span-free AST of a whole file, which must parse without any diagnostic. */
export function parseClean(text: string): Node {
  const r = parseText(text);
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
  return stripSpans(r.ast) as Node;
}

/** Wraps migration items (a `kmig-fragment`) into a complete file. */
export function inMigration(body: string): string {
  return `migration m from '1' to '2' {\n${body}\n}\n`;
}

/** The items of a migration body. */
export function items(body: string): Node[] {
  const ast = parseClean(inMigration(body)) as { units: { items: Node[] }[] };
  return ast.units[0].items;
}

/** The one item of a migration body. */
export function item(body: string): Node {
  const all = items(body);
  expect(all).toHaveLength(1);
  return all[0];
}

/** The actions of `table t { … }`. */
export function actions(body: string): Node[] {
  return (item(`table t {\n${body}\n}`) as { actions: Node[] }).actions;
}

/** The one action of `table t { … }`. */
export function action(body: string): Node {
  const all = actions(body);
  expect(all).toHaveLength(1);
  return all[0];
}

/** The elements of `create table t { … }`. */
export function elements(body: string): Node[] {
  return (item(`create table t {\n${body}\n}`) as { elements: Node[] }).elements;
}

/** The one element of `create table t { … }`. */
export function element(body: string): Node {
  const all = elements(body);
  expect(all).toHaveLength(1);
  return all[0];
}

/** An expression, parsed as the right-hand side of a mapping. */
export function expr(src: string): Node {
  return (action(`x := ${src}`) as { value: Node }).value;
}

/** The items of `config 'c.yml' { … }` (or of the given header). */
export function configItems(body: string, header = "config 'c.yml'"): Node[] {
  return (item(`${header} {\n${body}\n}`) as { items: Node[] }).items;
}

// ---------------------------------------------------------------- builders

export const id = (name: string, quoted = false): Node => ({ kind: "Ident", name, quoted });
export const name = (n: string, quoted = false): Node => ({ kind: "NameExpr", name: id(n, quoted) });
export const num = (text: string): Node => ({ kind: "NumberLit", text });
export const str = (value: string): Node => ({ kind: "StringLit", value });
export const bool = (value: boolean): Node => ({ kind: "BoolLit", value });
export const nul: Node = { kind: "NullLit" };
export const root: Node = { kind: "RootExpr" };
export const old: Node = { kind: "OldExpr" };

export const bin = (op: string, left: Node, right: Node): Node => ({ kind: "BinaryExpr", op, left, right });
export const un = (op: string, operand: Node): Node => ({ kind: "UnaryExpr", op, operand });
export const member = (object: Node, key: string, quoted = false): Node => ({ kind: "MemberExpr", object, key: id(key, quoted) });
export const at = (object: Node, index: Node): Node => ({ kind: "IndexExpr", object, index });
export const call = (callee: string, ...args: Node[]): Node => ({ kind: "CallExpr", callee: id(callee), args });
export const isIn = (subject: Node, list: Node[], negated = false): Node => ({ kind: "InExpr", subject, list, negated });
export const isNull = (subject: Node, negated = false): Node => ({ kind: "IsNullExpr", subject, negated });
export const when = (branches: [Node, Node][], otherwise: Node): Node => ({
  kind: "WhenExpr",
  branches: branches.map(([condition, result]) => ({ kind: "WhenBranch", condition, result })),
  otherwise,
});
export const obj = (...entries: Node[]): Node => ({ kind: "ObjectExpr", entries });
export const entry = (key: string, value: Node, o: { optional?: boolean; guard?: Node; quoted?: boolean } = {}): Node => ({
  kind: "ObjectEntry",
  key: id(key, o.quoted ?? false),
  optional: o.optional ?? false,
  value,
  guard: o.guard ?? null,
});
export const spread = (e: Node): Node => ({ kind: "SpreadElement", expr: e });
export const arr = (...elements: Node[]): Node => ({ kind: "ArrayExpr", elements });
export const el = (value: Node, guard: Node | null = null): Node => ({ kind: "ArrayItem", value, guard });

export const type = (typeName: string, o: { args?: number[]; fields?: string; arrayDims?: number; nullable?: boolean } = {}): Node => ({
  kind: "TypeRef",
  name: typeName,
  args: o.args ?? [],
  ...(o.fields ? { fields: o.fields } : {}),
  arrayDims: o.arrayDims ?? 0,
  nullable: o.nullable ?? false,
});
export const column = (colName: string, t: Node, o: { default?: Node; constraints?: Node[]; quoted?: boolean } = {}): Node => ({
  kind: "ColumnDef",
  name: id(colName, o.quoted ?? false),
  type: t,
  default: o.default ?? null,
  constraints: o.constraints ?? [],
});
export const reverse = (e: Node): Node => ({ kind: "ReverseClause", expr: e });
export const irreversible = (reason: string): Node => ({ kind: "IrreversibleClause", reason: str(reason) });
export const keyPath = (...keys: string[]): Node => ({ kind: "KeyPath", keys: keys.map((k) => id(k)) });
