import fc from "fast-check";

/** Texts that trip up mappings: empty, blank, quotes, case, non-ASCII, the word NULL. */
export const AWKWARD_TEXT = ["", " ", "FINISHED", " running", "O'Brien", "ünï 😀", "NULL", "null"];

/** A string PostgreSQL can store (no NUL), from `min` to `max` characters. */
export const pgString = (max: number, min = 0) => fc.string({ unit: "grapheme", minLength: min, maxLength: Math.max(min, Math.min(max, 40)) }).map((s) => [...s.replace(/\0/g, "")].slice(0, max).join("")).map((s) => s + "x".repeat(Math.max(0, min - [...s].length)));

/**
 * Text of `min` to `max` characters: most often a string the spec mentions (a map's inputs, the
 * literals it compares with), so that every branch is reached; else an awkward one, else any.
 */
export function textArb(hints: readonly string[], max: number, min = 0): fc.Arbitrary<string> {
  const fit = (list: readonly string[]) => list.filter((s) => [...s].length <= max && [...s].length >= min);
  const [mentioned, awkward] = [fit(hints), fit(AWKWARD_TEXT)];
  const choices: fc.WeightedArbitrary<string>[] = [{ weight: 2, arbitrary: pgString(max, min) }];
  if (mentioned.length > 0) choices.push({ weight: 3, arbitrary: fc.constantFrom(...mentioned) });
  if (awkward.length > 0) choices.push({ weight: 1, arbitrary: fc.constantFrom(...awkward) });
  return fc.oneof(...choices);
}
