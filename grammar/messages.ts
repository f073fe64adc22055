import type { IParserErrorMessageProvider, IToken, TokenType } from "chevrotain";

/**
 * Chevrotain calls these to describe a syntax error. They return a structured payload (as JSON,
 * the only channel chevrotain offers) that `syntax-diagnostics.ts` turns into a kmig diagnostic,
 * so users never see the library's own wording.
 */
export interface SyntaxErrorPayload {
  readonly kind: "mismatch" | "noViableAlt" | "earlyExit" | "trailing";
  readonly rule: string;
  /** Labels of the tokens that would have been accepted here, deduplicated, in grammar order. */
  readonly expected: readonly string[];
  /** Token type names of the same, for help lookups. */
  readonly expectedNames: readonly string[];
  readonly actual: string;
  readonly actualName: string;
}

const labelOf = (t: TokenType): string => t.LABEL ?? t.name;

function payload(kind: SyntaxErrorPayload["kind"], rule: string, expected: readonly TokenType[], actual: IToken): string {
  const seen = new Set<string>();
  const labels: string[] = [];
  const names: string[] = [];
  for (const t of expected) {
    const l = labelOf(t);
    if (seen.has(l)) continue;
    seen.add(l);
    labels.push(l);
    names.push(t.name);
  }
  const p: SyntaxErrorPayload = {
    kind,
    rule,
    expected: labels,
    expectedNames: names,
    actual: actual.image,
    actualName: actual.tokenType?.name ?? "EOF",
  };
  return JSON.stringify(p);
}

/** The first token of each path: what could come next. */
const firsts = (paths: readonly (readonly TokenType[])[]): TokenType[] =>
  paths.filter((p) => p.length > 0).map((p) => p[0]);

export const errorMessages: IParserErrorMessageProvider = {
  buildMismatchTokenMessage: ({ expected, actual, ruleName }) => payload("mismatch", ruleName, [expected], actual),
  buildNotAllInputParsedMessage: ({ firstRedundant, ruleName }) => payload("trailing", ruleName, [], firstRedundant),
  buildNoViableAltMessage: ({ expectedPathsPerAlt, actual, ruleName }) =>
    payload("noViableAlt", ruleName, expectedPathsPerAlt.flatMap(firsts), actual[0]),
  buildEarlyExitMessage: ({ expectedIterationPaths, actual, ruleName }) =>
    payload("earlyExit", ruleName, firsts(expectedIterationPaths), actual[0]),
};
