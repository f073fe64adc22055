import type { IToken } from "chevrotain";
import { diag, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import type { SourceFile } from "../core/source-file.js";

/**
 * Numbers the lexer reads as a number plus something else: `30s`, `0x1F`, `1.2.3` lex as a number
 * glued to a word or a second `.number`. One K1203 for the whole thing beats the syntax error the
 * parser would give at its second half. Also numbers too large to be a double (`1e999`).
 */
export function numberProblems(tokens: readonly IToken[], file: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.tokenType.name !== "NumberLiteral") continue;
    const end = gluedEnd(tokens, i);
    const span = { start: t.startOffset, end };
    if (end > t.startOffset + t.image.length) {
      const text = file.text.slice(span.start, span.end);
      out.push(diag("K1203", file, span, `\`${text}\` is not a number`, { label: "not a number", help: helpFor(text) }));
      while (i + 1 < tokens.length && tokens[i + 1].startOffset < end) i++;
    } else if (!Number.isFinite(Number(t.image))) {
      out.push(diag("K1203", file, span, `the number \`${t.image}\` is too large`, { label: "too large", help: "numbers are double-precision: up to about 1.8e308" }));
    }
  }
  return out;
}

/** The end of the run of tokens glued to the number at `i` (no space between them). */
function gluedEnd(tokens: readonly IToken[], i: number): number {
  let end = tokens[i].startOffset + tokens[i].image.length;
  for (let j = i + 1; j < tokens.length; j++) {
    const t = tokens[j];
    if (t.startOffset !== end) break;
    const word = /^[A-Za-z_0-9]/.test(t.image);
    const dotNumber = t.image === "." && tokens[j + 1]?.startOffset === end + 1 && /^[0-9A-Za-z_]/.test(tokens[j + 1].image);
    if (!word && !dotNumber) break;
    end = t.startOffset + t.image.length;
  }
  return end;
}

function helpFor(text: string): string {
  if (/^\d+(\.\d+){2,}$/.test(text)) return `a version is a string: '${text}'`;
  if (/^0[xXbBoO]/.test(text)) return "kmig numbers are decimal: write the value in base 10";
  if (/^\d[\d_]*_/.test(text)) return "write numbers without `_` separators";
  return `a number is digits with an optional fraction and exponent (\`30\`, \`2.5\`, \`1e6\`); for text, write a string: '${text}'`;
}
