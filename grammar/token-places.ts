import type { IToken } from "chevrotain";
import type { Span } from "./ast.js";
import type { SourceFile } from "../core/source-file.js";

/** Spans of tokens in one file: where a token is, and where a missing one would go. */
export class Places {
  private readonly eofSpan: Span;
  constructor(
    readonly tokens: readonly IToken[],
    readonly file: SourceFile,
  ) {
    const last = tokens[tokens.length - 1];
    const end = last ? last.startOffset + last.image.length : file.text.length;
    this.eofSpan = { start: end, end };
  }

  /** Where a token starts; tokens with no position (end of file, recovery) sit at the end of the text. */
  offsetOf(t: IToken): number {
    return isReal(t) ? t.startOffset : this.file.text.length;
  }

  tokenSpan(t: IToken): Span {
    return spanAt(t, this.eofSpan);
  }

  /**
   * Where to point when something is missing before `t`: at `t`, unless `t` begins a new line;
   * then just after the token before it, where the missing part belongs (`when a then b` ⎀).
   */
  missingSpan(t: IToken): Span {
    if (!isReal(t)) return this.eofSpan;
    const prev = this.tokenBefore(t);
    if (prev) {
      const prevEnd = prev.startOffset + prev.image.length;
      if (/[\n\r]/.test(this.file.text.slice(prevEnd, t.startOffset))) return { start: prevEnd, end: prevEnd };
    }
    return this.tokenSpan(t);
  }

  tokenBefore(t: IToken): IToken | undefined {
    const i = this.indexOf(t);
    return i > 0 ? this.tokens[i - 1] : undefined;
  }

  tokenAfter(t: IToken): IToken | undefined {
    const i = this.indexOf(t);
    return i >= 0 ? this.tokens[i + 1] : undefined;
  }

  /** The index of `t` in the token list, by binary search on its offset; -1 if it is not there. */
  private indexOf(t: IToken): number {
    if (!isReal(t)) return -1;
    let lo = 0;
    let hi = this.tokens.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const o = this.tokens[mid].startOffset;
      if (o === t.startOffset) return mid;
      if (o < t.startOffset) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

function isReal(t: IToken): boolean {
  return Number.isFinite(t.startOffset) && t.tokenType?.name !== "EOF" && !t.isInsertedInRecovery;
}

/** Where a token is; a token with no position (end of file, recovery) sits after the last real token. */
function spanAt(t: IToken, eofSpan: Span): Span {
  if (!Number.isFinite(t.startOffset) || t.tokenType?.name === "EOF") return eofSpan;
  return { start: t.startOffset, end: t.startOffset + Math.max(1, t.image.length) };
}
