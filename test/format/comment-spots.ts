import fc from "fast-check";
import { lex } from "../../grammar/lexer.js";

/** Where to put one comment: which gap between tokens, and what kind of comment. */
export interface CommentSpot {
  readonly gap: number;
  readonly kind: "inline" | "end-of-line" | "own-line" | "own-line-block";
}

/** Up to twelve places for comments. */
export const commentSpots: fc.Arbitrary<CommentSpot[]> = fc.array(
  fc.record({ gap: fc.nat(), kind: fc.constantFrom<CommentSpot["kind"]>("inline", "end-of-line", "own-line", "own-line-block") }),
  { maxLength: 12 },
);

/**
 * The text with comments `c0`, `c1`, … put between tokens: `/* … *\/` anywhere, `// …` only at
 * the end of an existing line or on a line of its own, so that no line break is added inside a
 * statement (the grammar reads some of those). Spots that do not fit their gap are skipped.
 */
export function insertComments(text: string, spots: readonly CommentSpot[]): string {
  const tokens = lex(text).tokens;
  const gaps: { from: number; to: number }[] = [{ from: 0, to: tokens[0]?.startOffset ?? text.length }];
  tokens.forEach((t, i) => gaps.push({ from: t.startOffset + t.image.length, to: tokens[i + 1]?.startOffset ?? text.length }));
  const inserts: { at: number; text: string }[] = [];
  spots.forEach((s, n) => {
    const gap = gaps[s.gap % gaps.length];
    const nl = text.indexOf("\n", gap.from);
    const hasBreak = nl >= 0 && nl < gap.to;
    const indent = hasBreak ? /^[ \t]*/.exec(text.slice(nl + 1))![0] : "";
    switch (s.kind) {
      case "inline":
        inserts.push({ at: gap.from, text: ` /* c${n} */ ` });
        break;
      case "end-of-line":
        if (hasBreak) inserts.push({ at: nl, text: ` // c${n}` });
        break;
      case "own-line":
        if (hasBreak) inserts.push({ at: nl + 1 + indent.length, text: `// c${n}\n${indent}` });
        break;
      case "own-line-block":
        if (hasBreak) inserts.push({ at: nl + 1 + indent.length, text: `/* c${n}\n   second line */\n${indent}` });
        break;
    }
  });
  // Later spots first, so that earlier offsets stay valid; at one offset, keep the spots' order.
  inserts.sort((a, b) => b.at - a.at);
  let out = text;
  for (const ins of inserts) out = out.slice(0, ins.at) + ins.text + out.slice(ins.at);
  return out;
}
