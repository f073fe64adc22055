import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { parsePath } from "./support/parse.js";

describe("specs/keiko", () => {
  for (const f of readdirSync("specs/keiko").filter((f) => f.endsWith(".kmig"))) {
    it(`${f} parses without diagnostics`, () => {
      const r = parsePath(`specs/keiko/${f}`);
      expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
      expect(r.ast.units).toHaveLength(1);
    });
  }
});
