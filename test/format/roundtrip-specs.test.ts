import fc from "fast-check";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { collectSpecFiles } from "../../cli/files.js";
import { commentSpots, insertComments } from "./comment-spots.js";
import { expectFormatLaws } from "./support.js";

/** Every spec in the repository: formatting keeps its AST and comments, is a fixed point, and is already done. */
describe("formatting the specs in specs/", () => {
  const files = collectSpecFiles(["specs"]);

  it("finds the specs", () => {
    expect(files.length).toBeGreaterThan(0);
  });

  for (const path of files) {
    const text = readFileSync(path, "utf8");

    it(`${path}: same AST and comments, a fixed point, and already canonical`, () => {
      expect(expectFormatLaws(text)).toBe(text);
    });

    it(`${path}: the same with comments put anywhere between tokens`, () => {
      fc.assert(
        fc.property(commentSpots, (spots) => {
          expectFormatLaws(insertComments(text, spots));
        }),
        { numRuns: Number(process.env.KMIG_FMT_SPEC_RUNS ?? 40), seed: process.env.KMIG_FMT_SEED ? Number(process.env.KMIG_FMT_SEED) : undefined },
      );
    });
  }
});
