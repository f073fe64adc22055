import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { lex } from "../../grammar/lexer.js";

/**
 * Small edits of real specs, for robustness tests: the kind of broken file an editor holds halfway
 * through a change (a token deleted, duplicated or swapped, a character typed in the wrong place,
 * a file cut short). Mutations are plain data, so fast-check can generate and shrink them and a
 * seeded random source can replay them (see `bench/fuzz-check.mjs`).
 */

export const MUTATION_KINDS = ["deleteToken", "duplicateToken", "swapTokens", "deleteChar", "insertChar", "duplicateChar", "truncate"] as const;
export type MutationKind = (typeof MUTATION_KINDS)[number];

/** One edit. `a` and `b` pick positions (taken modulo what there is); `char` is what `insertChar` types. */
export interface Mutation {
  readonly kind: MutationKind;
  readonly a: number;
  readonly b: number;
  readonly char: string;
}

/** Characters worth typing into a spec: its punctuation, quotes, line breaks, and text kmig does not expect. */
export const INSERTABLE = [..."{}()[],.:;=-<>!?|*/%$#@\\'\"` \t\n\r", "'''", "/*", "*/", "//", ":=", "->", "...", "é", "😀", "\u00a0", "\ufeff", "\u2028", "x", "9", "not ", "when ", "table ", "else "];

/** A spec file's text and where its tokens are. */
export interface Subject {
  readonly name: string;
  readonly text: string;
  readonly tokens: readonly { readonly start: number; readonly end: number }[];
}

export function subjectOf(name: string, text: string): Subject {
  const tokens = lex(text).tokens.map((t) => ({ start: t.startOffset, end: t.startOffset + t.image.length }));
  return { name, text, tokens };
}

/** Every `.kmig` file under `dir`, recursively, in name order. */
export function specFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const path = join(dir, e);
    if (statSync(path).isDirectory()) out.push(...specFiles(path));
    else if (e.endsWith(".kmig")) out.push(path);
  }
  return out;
}

/** The spec files of the repository (specs/), ready to mutate. */
export function repositorySubjects(): Subject[] {
  return specFiles("specs").map((p) => subjectOf(p, readFileSync(p, "utf8")));
}

/** Applies one mutation. Token mutations work on the original tokens, so apply them to the text they came from. */
export function applyMutation(s: Subject, m: Mutation): string {
  const { text, tokens } = s;
  const n = tokens.length;
  const at = text.length === 0 ? 0 : m.a % text.length;
  switch (m.kind) {
    case "deleteToken": {
      if (n === 0) return text;
      const t = tokens[m.a % n];
      return text.slice(0, t.start) + text.slice(t.end);
    }
    case "duplicateToken": {
      if (n === 0) return text;
      const t = tokens[m.a % n];
      return text.slice(0, t.end) + " " + text.slice(t.start, t.end) + text.slice(t.end);
    }
    case "swapTokens": {
      if (n < 2) return text;
      const [i, j] = [m.a % n, m.b % n].sort((x, y) => x - y);
      if (i === j) return text;
      const [x, y] = [tokens[i], tokens[j]];
      return text.slice(0, x.start) + text.slice(y.start, y.end) + text.slice(x.end, y.start) + text.slice(x.start, x.end) + text.slice(y.end);
    }
    case "deleteChar":
      return text.slice(0, at) + text.slice(at + 1);
    case "insertChar":
      return text.slice(0, at) + m.char + text.slice(at);
    case "duplicateChar":
      return text.slice(0, at + 1) + text.slice(at);
    case "truncate":
      return text.slice(0, at);
  }
}

/** Applies mutations one after the other, re-reading the tokens of each result. */
export function applyMutations(s: Subject, ms: readonly Mutation[]): string {
  let current = s;
  for (const m of ms) current = subjectOf(s.name, applyMutation(current, m));
  return current.text;
}

/** A small seeded random source (mulberry32), for replayable fuzzing outside fast-check. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** One to `max` random mutations, drawn from `random`. */
export function randomMutations(random: () => number, max = 3): Mutation[] {
  const pick = (k: number) => Math.floor(random() * k);
  return Array.from({ length: 1 + pick(max) }, () => ({
    kind: MUTATION_KINDS[pick(MUTATION_KINDS.length)],
    a: pick(1 << 30),
    b: pick(1 << 30),
    char: INSERTABLE[pick(INSERTABLE.length)],
  }));
}
