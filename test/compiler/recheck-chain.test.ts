import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { checkChain, parseChain, recheckChain, type ChainResult } from "../../compiler/pipeline.js";
import { makeSourceFile } from "../../core/source-file.js";
import { generateLargeSpec } from "../../bench/gen-large-spec.mjs";
import { applyMutations, INSERTABLE, MUTATION_KINDS, subjectOf, type Mutation } from "../support/mutate.js";

/**
 * The law behind the language server's per-keystroke check: resuming the fold at the first file
 * that changed gives exactly what checking the whole chain gives — the same diagnostics and the
 * same plans — whatever the edit (mutations that break the file included).
 */

const chains: { name: string; files: { name: string; text: string }[] }[] = [
  { name: "keiko", files: ["000_baseline.kmig", "001_keiko_v2.kmig"].map((n) => ({ name: n, text: readFileSync(`specs/keiko/${n}`, "utf8") })) },
  { name: "generated", files: generateLargeSpec({ seed: 7, bytes: 60_000, kbPerFile: 12 }) },
];

const mutation: fc.Arbitrary<Mutation> = fc.record({ kind: fc.constantFrom(...MUTATION_KINDS), a: fc.nat(), b: fc.nat(), char: fc.constantFrom(...INSERTABLE) });

/** What a check says, as data that compares by value. */
function outcome(r: ChainResult): unknown {
  return {
    complete: r.complete,
    diagnostics: r.diagnostics.map((d) => [d.primary.file.path, d.code, d.message, d.primary.span, d.help, d.secondary.map((s) => [s.file.path, s.span, s.label])]),
    // As data: a spec's plans carry config key functions built anew by each check (compared as their source).
    plans: r.units.map((u) => JSON.parse(JSON.stringify(u.plan, (_k, v: unknown) => (typeof v === "function" ? String(v) : v)))),
  };
}

describe("recheckChain", () => {
  for (const chain of chains) {
    it(`after an edit to any file of the ${chain.name} chain (${chain.files.length} files), equals checking the whole chain`, () => {
      const sources = chain.files.map((f) => makeSourceFile(f.name, f.text));
      const parsed = parseChain(sources);
      const before = checkChain(parsed);
      expect(before.folds.length).toBe(chain.files.length);
      fc.assert(
        fc.property(fc.nat(chain.files.length - 1), fc.array(mutation, { maxLength: 3 }), (k, ms) => {
          const text = applyMutations(subjectOf(chain.files[k].name, chain.files[k].text), ms);
          const edited = [...parsed.slice(0, k), ...parseChain([makeSourceFile(chain.files[k].name, text)]), ...parsed.slice(k + 1)];
          expect(outcome(recheckChain(before, edited, k))).toEqual(outcome(checkChain(edited)));
        }),
        { numRuns: chain.name === "keiko" ? 40 : 20, seed: 16 },
      );
    });
  }

  it("resumes from a chain that stopped at a syntax error, and from the start", () => {
    const files = chains[0].files.map((f) => makeSourceFile(f.name, f.text));
    const broken = parseChain([makeSourceFile(files[0].path, files[0].text.replace("create table users {", "create table users"))]);
    const stopped = checkChain([...broken, ...parseChain([files[1]])]);
    expect(stopped.complete).toBe(false);
    const fixed = parseChain(files);
    expect(outcome(recheckChain(stopped, fixed, 0))).toEqual(outcome(checkChain(fixed)));
    expect(outcome(recheckChain(stopped, fixed, 1))).toEqual(outcome(checkChain(fixed)));
  });
});
