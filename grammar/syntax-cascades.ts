import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { positionOf, type SourceFile } from "../core/source-file.js";
import type { SyntaxFinding } from "./syntax-diagnostics.js";

/**
 * One mistake often trips the parser more than once: a stray `@` leaves `points 2`, which is not a
 * statement either; a missing `else` makes recovery misread the next line. Like Go's parser, kmig
 * keeps the first syntax error of each line, and drops errors that only follow from a lexical
 * problem earlier on their line or from a comment or string that swallowed the rest of the file.
 * "Expected `}`, found end of file" is kept otherwise when it names the unclosed bracket: an
 * unclosed block is always worth saying.
 * Glued numbers (`30s`, K1203) count as lexical problems here.
 */
export function pruneCascades(
  file: SourceFile,
  findings: readonly SyntaxFinding[],
  lexical: { readonly offsets: readonly number[]; readonly swallowedToEnd: boolean; readonly numbers: readonly Diagnostic[] },
): Diagnostic[] {
  const lineOf = (offset: number) => positionOf(file, offset).line;
  const firstLexical = new Map<number, number>();
  for (const o of [...lexical.offsets, ...lexical.numbers.map((d) => d.primary.span.start)]) {
    const line = lineOf(o);
    firstLexical.set(line, Math.min(firstLexical.get(line) ?? Infinity, o));
  }
  const taken = new Set<number>();
  const foundAt = new Set<number>();
  const out: Diagnostic[] = [];
  for (const f of [...findings].sort((a, b) => a.found - b.found)) {
    if (f.found >= file.text.length) {
      // Without an unclosed bracket to name, an error at the end only follows from recovery
      // inventing an opening token earlier (`migration m from '1' to '2'` with no `{`).
      const consequence = f.diagnostic.secondary.length === 0 && findings.length > 1;
      if (!lexical.swallowedToEnd && !consequence) out.push(f.diagnostic);
      continue;
    }
    // A missing-token error points after the previous token, often on the line before the token
    // found: it speaks for both lines.
    const at = f.diagnostic.primary.span.start;
    const lines = [lineOf(at), lineOf(f.found)];
    if (lines.some((l) => taken.has(l)) || (firstLexical.get(lines[0]) ?? Infinity) < at) continue;
    for (const l of lines) taken.add(l);
    foundAt.add(f.found);
    out.push(f.diagnostic);
  }
  // `from 1.9.0`: the parser wanted no number at all there, and says what it wanted instead.
  out.push(...lexical.numbers.filter((d) => !foundAt.has(d.primary.span.start)));
  return out;
}
