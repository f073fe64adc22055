import type { CstElement, CstNode, IToken } from "chevrotain";
import type { Span } from "./ast.js";

/**
 * Small accessors over chevrotain's CST. After error recovery any child may be missing,
 * so every accessor returns `undefined` rather than assuming the grammar's shape.
 */

export function isToken(e: CstElement): e is IToken {
  return (e as IToken).tokenType !== undefined;
}

export function tok(n: CstNode, key: string): IToken | undefined {
  const c = n.children[key];
  return c && c.length > 0 && isToken(c[0]) ? c[0] : undefined;
}

export function toks(n: CstNode, key: string): IToken[] {
  return (n.children[key] ?? []).filter(isToken);
}

export function sub(n: CstNode, key: string): CstNode | undefined {
  const c = n.children[key];
  return c && c.length > 0 && !isToken(c[0]) ? (c[0] as CstNode) : undefined;
}

export function subs(n: CstNode, key: string): CstNode[] {
  return (n.children[key] ?? []).filter((e): e is CstNode => !isToken(e));
}

/** The key of a node's first child (chevrotain adds keys in parse order), without allocating. */
export function firstKey(n: CstNode): string | undefined {
  for (const key in n.children) return key;
  return undefined;
}

/** The node's only child key; undefined when it has none or several. */
export function onlyKey(n: CstNode): string | undefined {
  let only: string | undefined;
  for (const key in n.children) {
    if (only !== undefined) return undefined;
    only = key;
  }
  return only;
}

/** The first child present among `keys`, as a node or token, with its key. */
export function firstChild(n: CstNode): { key: string; el: CstElement } | undefined {
  let best: { key: string; el: CstElement } | undefined;
  let bestOffset = Infinity;
  for (const key of Object.keys(n.children)) {
    for (const el of n.children[key]) {
      const o = isToken(el) ? el.startOffset : (el.location?.startOffset ?? NaN);
      if (Number.isFinite(o) && o < bestOffset) {
        bestOffset = o;
        best = { key, el };
      }
    }
  }
  return best;
}

/** All tokens of a node in source order (for operator sequences such as `a + b - c`). */
export function childrenInOrder(n: CstNode): { key: string; el: CstElement; offset: number }[] {
  const out: { key: string; el: CstElement; offset: number }[] = [];
  for (const key of Object.keys(n.children)) {
    for (const el of n.children[key]) {
      const offset = isToken(el) ? el.startOffset : (el.location?.startOffset ?? NaN);
      out.push({ key, el, offset });
    }
  }
  return out.filter((c) => Number.isFinite(c.offset)).sort((a, b) => a.offset - b.offset);
}

/** A token's span; tokens invented by error recovery have no position and get `fallback`. */
export function tokenSpan(t: IToken | undefined, fallback: Span): Span {
  if (!t || !Number.isFinite(t.startOffset) || t.isInsertedInRecovery) return fallback;
  return { start: t.startOffset, end: t.startOffset + t.image.length };
}

export function nodeSpan(n: CstNode | undefined, fallback: Span): Span {
  const loc = n?.location;
  if (!loc || !Number.isFinite(loc.startOffset)) return fallback;
  const end = Number.isFinite(loc.endOffset) ? (loc.endOffset as number) + 1 : loc.startOffset;
  return { start: loc.startOffset, end: Math.max(end, loc.startOffset) };
}

export function joinSpans(a: Span, b: Span): Span {
  return { start: Math.min(a.start, b.start), end: Math.max(a.end, b.end) };
}
