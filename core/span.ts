/** Half-open character range `[start, end)` into the source text of one file. */
export interface Span {
  readonly start: number;
  readonly end: number;
}
