import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { makeSourceFile } from "../../core/source-file.js";
import { parseSpec } from "../../grammar/index.js";
import { applyMutations, INSERTABLE, MUTATION_KINDS, repositorySubjects, type Mutation } from "../support/mutate.js";
import { assertWellFormed } from "./well-formed.js";

/** parseSpec on every spec of the repository after small random edits: deleted, duplicated and swapped tokens, typed or deleted characters, a file cut short. */

const subjects = repositorySubjects();
const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom(...MUTATION_KINDS),
  a: fc.nat(),
  b: fc.nat(),
  char: fc.constantFrom(...INSERTABLE),
});

describe("parseSpec on mutated specs", () => {
  it("finds the specs to mutate", () => {
    expect(subjects.length).toBeGreaterThan(0);
    for (const s of subjects) expect(s.tokens.length).toBeGreaterThan(10);
  });

  for (const kind of MUTATION_KINDS) {
    it(`stays sound after ${kind}`, () => {
      const one = fc.record({ subject: fc.constantFrom(...subjects), m: mutation.map((m) => ({ ...m, kind })) });
      fc.assert(fc.property(one, ({ subject, m }) => assertWellFormed(applyMutations(subject, [m]), subject.name)), { numRuns: 150 });
    });
  }

  it("stays sound after several mutations in a row", () => {
    const many = fc.record({ subject: fc.constantFrom(...subjects), ms: fc.array(mutation, { minLength: 2, maxLength: 8 }) });
    fc.assert(fc.property(many, ({ subject, ms }) => assertWellFormed(applyMutations(subject, ms), subject.name)), { numRuns: 300 });
  });

  it("answers the same twice: no state leaks from one parse into the next", () => {
    const many = fc.record({ subject: fc.constantFrom(...subjects), ms: fc.array(mutation, { minLength: 1, maxLength: 4 }) });
    fc.assert(
      fc.property(many, ({ subject, ms }) => {
        const text = applyMutations(subject, ms);
        const once = parseSpec(makeSourceFile("a.kmig", text)).diagnostics.map((d) => [d.code, d.message, d.primary.span]);
        parseSpec(makeSourceFile("other.kmig", subject.text));
        const twice = parseSpec(makeSourceFile("a.kmig", text)).diagnostics.map((d) => [d.code, d.message, d.primary.span]);
        expect(twice).toEqual(once);
      }),
      { numRuns: 150 },
    );
  });

  it("reports a deleted closing brace with the brace it leaves open", () => {
    for (const s of subjects) {
      const last = s.text.lastIndexOf("}");
      const d = parseSpec(makeSourceFile(s.name, s.text.slice(0, last) + s.text.slice(last + 1))).diagnostics;
      expect(d.map((x) => x.code)).toEqual(["K1101"]);
      expect(d[0].secondary.map((l) => l.label)).toEqual(["this `{` is never closed"]);
    }
  });
});
