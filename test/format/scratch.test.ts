import fc from "fast-check";
import { it, expect } from "vitest";
import { printSpec } from "../../grammar/print/index.js";
import { parseText, stripSpans } from "../support/parse.js";
import { specFileArb } from "./arbitrary-ast.js";

it("scratch", () => {
  fc.assert(
    fc.property(specFileArb, (ast) => {
      const text = printSpec(ast, "");
      const r = parseText(text);
      expect(r.diagnostics.map((d) => `${d.code} ${d.message}`), text).toEqual([]);
      expect(stripSpans(r.ast), text).toEqual(stripSpans(ast));
      expect(printSpec(r.ast, text)).toBe(text);
    }),
    { numRuns: Number(process.env.RUNS ?? 300), seed: process.env.SEED ? Number(process.env.SEED) : undefined },
  );
});
