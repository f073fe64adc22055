import { expect } from "vitest";
import type { SpecFile } from "../../grammar/ast.js";
import { printSpec } from "../../grammar/print/index.js";
import { parseText, stripSpans } from "../support/parse.js";

/** Formats spec text, failing the test if it does not parse cleanly. */
export function fmt(text: string): string {
  const r = parseText(text);
  expect(r.diagnostics.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
  return printSpec(r.ast, text);
}

/** The formatter's laws for one input: same AST, same comments in order, and a fixed point. */
export function expectFormatLaws(text: string, expected?: SpecFile): string {
  const before = parseText(text);
  expect(before.diagnostics.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
  if (expected) expect(stripSpans(before.ast), text).toEqual(stripSpans(expected));
  const out = printSpec(before.ast, text);
  const after = parseText(out);
  expect(after.diagnostics.map((d) => `${d.code} ${d.message}`), out).toEqual([]);
  expect(stripSpans(after.ast), out).toEqual(stripSpans(before.ast));
  expect(after.ast.comments.map((c) => c.text), out).toEqual(before.ast.comments.map((c) => c.text));
  expect(printSpec(after.ast, out), `formatting again changed it; input:\n${text}\nformatted once:\n${out}`).toBe(out);
  return out;
}
