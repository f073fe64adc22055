/**
 * "Did you mean …?" by edit distance, for every phase: misspelled keywords and type names in the
 * parser, unknown columns, tables and functions in the compiler.
 */

/**
 * Damerau-Levenshtein distance (the optimal-string-alignment variant): insertions, deletions,
 * substitutions and swaps of two adjacent characters each cost 1, so `tabel` is 1 from `table`.
 * Stops early and returns `max + 1` once the distance is known to exceed `max`.
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  // Three rolling rows: the one before the previous is needed for swaps.
  let before = new Array<number>(b.length + 1).fill(0);
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  let row = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    row[0] = i;
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
      row[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > max) return max + 1;
    [before, prev, row] = [prev, row, before];
  }
  return prev[b.length];
}

const MAX_TYPO_WORD = 64;

/** How far a word may be from a candidate and still be taken for a typo of it (as rustc does: a third of its length). */
export function typoBudget(word: string): number {
  return Math.max(1, Math.floor(word.length / 3));
}

/**
 * The candidate closest to `word`, if one is close enough to be a plausible typo; case is ignored
 * (so `Varchar` finds `varchar`), ties go to the earlier candidate. `word` itself never counts.
 */
export function closestMatch(word: string, candidates: Iterable<string>, max = typoBudget(word)): string | null {
  // No name PostgreSQL keeps is longer than 63 bytes; a longer word is no typo of one, and hostile
  // input (a 1 MB identifier) would cost length × candidates to compare.
  if (word.length > MAX_TYPO_WORD) return null;
  const w = word.toLowerCase();
  let best: string | null = null;
  let bestDistance = max + 1;
  for (const c of candidates) {
    if (c === word) continue;
    const d = editDistance(w, c.toLowerCase(), bestDistance - 1);
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** `did you mean \`x\`?`, or null when no candidate is close. */
export function didYouMean(word: string, candidates: Iterable<string>): string | null {
  const m = closestMatch(word, candidates);
  return m === null ? null : `did you mean \`${m}\`?`;
}
