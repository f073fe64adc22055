import type { IrExpr } from "../ir/expr.js";
import type { CheckedExpect } from "../migration/context.js";
import { positionOf, type SourceFile } from "../../core/source-file.js";
import { jsLiteral } from "./js-literal.js";
import type { ModuleLowering } from "./lowering.js";
import { objectKey } from "./names.js";

/** Text on one line: a reason or a spec excerpt inside a `//` comment or a string. */
export function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * A parameter's name: `_name` when the body never reads it, so that emitted code also passes
 * `noUnusedParameters`. (A false match inside a string literal only keeps the plain name.)
 */
export function param(name: string, body: string): string {
  return new RegExp(`\\b${name}\\b`).test(body) ? name : `_${name}`;
}

/** `return { key: value, … };`, each property under its optional `//` comment. */
export function returnObject(properties: readonly { key: string; value: string; comment?: string }[]): string {
  const lines = properties.map((p) => `${p.comment ? `// ${oneLine(p.comment)}\n` : ""}${objectKey(p.key)}: ${p.value},`);
  return `return {\n${lines.join("\n")}\n};`;
}

/** IR kinds whose lowered JavaScript is already typed `boolean | undefined` (the rest return `unknown`). */
const BOOLEAN_VALUED: ReadonlySet<IrExpr["kind"]> = new Set(["compare", "logic", "not", "in", "isNull"]);

/**
 * The spec's `expect`s as `Expectation` literals: origin, the clause's text, and `holds`, which is
 * the expectation itself, or true where its `when` is not true (those rows are not checked).
 */
export function expectationsLiteral(file: SourceFile, expects: readonly CheckedExpect[], lower: ModuleLowering): string {
  const items = expects.map((e) => {
    const js = lower.js(e.expr);
    const test = BOOLEAN_VALUED.has(e.expr.kind) ? js : `(${js}) as boolean | undefined`;
    const body = e.when ? `rt.truthyCond(${lower.js(e.when)}) ? ${test} : true` : test;
    const p = positionOf(file, e.span.start);
    const origin = jsLiteral({ file: file.path, line: p.line, column: p.column });
    const text = JSON.stringify(oneLine(file.text.slice(e.span.start, e.span.end)));
    return `{ origin: ${origin}, text: ${text}, holds: (${param("row", body)}, ${param("next", body)}, ${param("rt", body)}) => ${body} }`;
  });
  return `[${items.join(", ")}]`;
}
