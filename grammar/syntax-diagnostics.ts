import type { IRecognitionException, IToken } from "chevrotain";
import { diag, type Diagnostic, type Label } from "../core/diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../core/diagnostics/catalog.js";
import { positionOf, type SourceFile } from "../core/source-file.js";
import type { SyntaxErrorPayload } from "./messages.js";
import { RESERVED_WORDS, SOFT_KEYWORDS } from "./tokens.js";
import { badStatements, type BadStatement } from "./bad-statements.js";
import type { SkippedToken } from "./parser.js";
import { didYouMean } from "../core/diagnostics/suggest.js";
import { Places } from "./token-places.js";

/** What each rule is, in words, for "expected …" when many tokens would do. */
const RULE_WHAT: Record<string, string> = {
  unit: "`migration` or `baseline`",
  item: "a migration item: `describe`, `create table`, `table`, `drop table`, `rename table`, `sql`, `map`, `def` or `config`",
  tableElement: "a column definition (`name type`), a constraint, `index`, `expect` or `comment '…'`",
  tableAction: "a table action: `add`, `drop`, `rename`, `alter`, `index`, `expect`, `comment '…'` or `column := expression`",
  tableConstraint: "`primary key`, `unique`, `check` or `foreign key`",
  columnModifier: "a column modifier: `default`, `primary key`, `unique`, `references`, `check` or `comment`",
  alterColumn: "`type`, `set default`, `drop default`, `set not null`, `drop not null` or `comment '…'`",
  tableComment: "`comment '…'` or `comment null`",
  mapItem: "a status map entry (`a, b -> c`), `else -> x`, `reverse x -> a` or `keep original in path`",
  mapValue: "a value: a word, a 'string', a number, `true`, `false` or `null`",
  configItem: "a config key (`key := expression` or `key { … }`), `require`, `remove` or `expect`",
  primary: "an expression",
  expr: "an expression",
  andExpr: "an expression",
  notExpr: "an expression",
  cmpExpr: "an expression",
  coalesceExpr: "an expression",
  concatExpr: "an expression",
  addExpr: "an expression",
  mulExpr: "an expression",
  unaryExpr: "an expression",
  postfixExpr: "an expression",
  nameOrCall: "a name",
  memberKey: "a key name",
  objectKey: "a key name",
  objectElement: "an object entry (`key: value`) or `...spread`",
  arrayElement: "an array element",
  typeRef: "a type",
  name: "a name",
  string: "a string",
  fkAction: "`cascade`, `restrict`, `no action`, `set null` or `set default`",
  stepInverse: "`reverse expression` or `irreversible 'reason'`",
};

/** Help for a rule and the token it wanted (`rule:Token`), or for the rule alone. */
const HELP: Record<string, string> = {
  "mapItem:Arrow": "expected `->` after the left-hand side of a status map entry: `created, queued -> pending`",
  "mapItem:Comma": "list several inputs of one entry with commas: `created, queued -> pending`",
  "migration:From": "a migration header reads `migration <id> from '<version>' to '<version>' { … }`",
  "migration:To": "a migration header reads `migration <id> from '<version>' to '<version>' { … }`",
  "migration:StringLiteral": "versions are strings: `from '1.9.0' to '2.0.0'`",
  "baseline:Version": "a baseline header reads `baseline <id> version '<version>' { … }`",
  "baseline:StringLiteral": "versions are strings: `version '1.9.0'`",
  "assignColumn:ColonEq": "a mapping reads `column := expression`",
  "renameColumn:Arrow": "a rename reads `rename old_name -> new_name`",
  "renameTable:Arrow": "a rename reads `rename table old_name -> new_name`",
  "whenExpr:Else": "a `when` expression needs a final `else`: `when c then a else b`",
  "whenBranch:Then": "each `when` condition is followed by `then result`",
  "functionDef:ColonEq": "a function reads `def name(a, b) := expression`",
  "typeRef:RParen": "type arguments are whole numbers: `varchar(50)`, `numeric(10, 2)`",
  nameList: "name at least one column: `primary key (id)`, `unique (a, b)`",
  item: "a migration body holds items such as `create table t { … }`, `table t { … }` and `map m { … }`",
  tableAction: "inside `table t { … }` each line changes the table: `add c text?`, `drop c`, `rename a -> b`, `c := expr`",
  tableElement: "inside `create table t { … }` each line is a column `name type` or a constraint",
  configItem: "inside `config '…' { … }` each line sets a key: `key := expression`, or opens `key { … }`",
  unit: "a .kmig file holds `migration <id> from '…' to '…' { … }` or `baseline <id> version '…' { … }`",
  primary: "an expression is a column name, a literal, `$`, a call `f(x)`, `{…}`, `[…]` or `when … then … else …`",
};

const KEYWORD_WORDS = new Set([...SOFT_KEYWORDS, ...RESERVED_WORDS].map((t) => String(t.PATTERN).slice(1, -1)));

/** Words that continue a column definition, but only on the column's own line. */
const COLUMN_MODIFIERS = new Set(["default", "primary", "unique", "references", "check"]);

function describeActual(p: SyntaxErrorPayload): string {
  if (p.actualName === "EOF") return "end of file";
  const img = p.actual.length > 24 ? `${p.actual.slice(0, 24)}…` : p.actual;
  return `\`${img.replace(/\s+/g, " ")}\``;
}

function expectedText(p: SyntaxErrorPayload): string {
  // Wherever a name goes, both spellings of one do: say "a name" rather than list them.
  const expected = p.expected.includes("quoted identifier") ? ["a name", ...p.expected.filter((e) => !/identifier$/.test(e))] : p.expected;
  if (p.kind === "mismatch" || expected.length <= 3) {
    if (expected.length === 0) return RULE_WHAT[p.rule] ?? "something else";
    if (expected.length === 1) return expected[0];
    return `${expected.slice(0, -1).join(", ")} or ${expected[expected.length - 1]}`;
  }
  return RULE_WHAT[p.rule] ?? `one of ${expected.slice(0, 8).join(", ")}${expected.length > 8 ? ", …" : ""}`;
}

/** Help that depends on what was found rather than where. */
function helpForActual(p: SyntaxErrorPayload): string | null {
  if (p.actual === ";") return "kmig needs no `;`: end the statement with a line break instead";
  if (COLUMN_MODIFIERS.has(p.actual) && (p.rule === "tableElement" || p.rule === "tableAction")) {
    return "a column's modifiers start on the column's own line: `id uuid primary key default gen_random_uuid()`";
  }
  if (p.actualName === "QuotedIdent" && (p.expectedNames.includes("StringLiteral") || p.rule === "mapValue")) {
    return "`\"…\"` is a quoted identifier; string literals use single quotes: '…'";
  }
  if (p.actual === "=" && p.expectedNames.includes("ColonEq")) return "a mapping is written with `:=`: `column := expression`";
  if (p.actualName === "Identifier" && p.actual !== p.actual.toLowerCase() && KEYWORD_WORDS.has(p.actual.toLowerCase())) {
    return `keywords are lowercase: write \`${p.actual.toLowerCase()}\``;
  }
  return null;
}

function codeFor(kind: SyntaxErrorPayload["kind"]): DiagnosticCode {
  switch (kind) {
    case "mismatch":
      return "K1101";
    case "noViableAlt":
      return "K1102";
    case "trailing":
      return "K1103";
    case "earlyExit":
      return "K1104";
  }
}

/** The innermost `{`, `(` or `[` still open at the end of the tokens, if any. */
function unclosedOpener(tokens: readonly IToken[]): IToken | undefined {
  const stack: IToken[] = [];
  const pairs: Record<string, string> = { RBrace: "LBrace", RParen: "LParen", RBracket: "LBracket" };
  for (const t of tokens) {
    const n = t.tokenType.name;
    if (n === "LBrace" || n === "LParen" || n === "LBracket") stack.push(t);
    else if (pairs[n] && stack.length > 0 && stack[stack.length - 1].tokenType.name === pairs[n]) stack.pop();
  }
  return stack[stack.length - 1];
}

/** A syntax diagnostic, with the offset of the token it is about (cascades are pruned by that token's line). */
export interface SyntaxFinding {
  readonly diagnostic: Diagnostic;
  /** Where the unexpected token starts; the end of the text for end of file. */
  readonly found: number;
}

/** Diagnostics for the parser's errors and for the statements its recovery skipped, one per spot. */
export function syntaxDiagnostics(
  errors: readonly IRecognitionException[],
  skipped: readonly SkippedToken[],
  tokens: readonly IToken[],
  file: SourceFile,
): SyntaxFinding[] {
  const at = new Places(tokens, file);
  const out: SyntaxFinding[] = [];
  // Recovery can report one spot twice (a mismatch, then the statement it skipped): the parser's
  // own error knows best what was expected there, so it goes first.
  const seenAt = new Set<number>();
  for (const e of errors) {
    const found = at.offsetOf(e.token);
    if (seenAt.has(found)) continue;
    seenAt.add(found);
    out.push({ diagnostic: parserErrorDiagnostic(payloadOf(e), e.token, at), found });
  }
  for (const b of badStatements(skipped, tokens, file.text)) {
    const found = at.offsetOf(b.found);
    if (seenAt.has(found)) continue;
    seenAt.add(found);
    out.push({ diagnostic: badStatementDiagnostic(b, at), found });
  }
  return out;
}

function payloadOf(e: IRecognitionException): SyntaxErrorPayload {
  try {
    return JSON.parse(e.message) as SyntaxErrorPayload;
  } catch {
    return { kind: "noViableAlt", rule: "", expected: [], expectedNames: [], actual: e.token.image, actualName: e.token.tokenType?.name ?? "EOF" };
  }
}

function parserErrorDiagnostic(p: SyntaxErrorPayload, token: IToken, at: Places): Diagnostic {
  const fk = unknownFkAction(p);
  if (fk) return diag("K1206", at.file, at.tokenSpan(token), fk.message, { label: "not an action PostgreSQL knows", help: fk.help });
  const colon = p.actual === ":" && p.rule === "name" && at.tokenBefore(token)?.tokenType.name === "Identifier";
  const message =
    p.kind === "trailing"
      ? `unexpected ${describeActual(p)} after the end of the last block`
      : `expected ${expectedText(p)}, found ${describeActual(p)}`;
  const help =
    (colon ? "a column is written `name type`, without a `:` between them" : null) ??
    helpForActual(p) ??
    expectedKeywordTypo(p) ??
    HELP[`${p.rule}:${p.expectedNames[0] ?? ""}`] ??
    (p.kind !== "mismatch" ? (HELP[p.rule] ?? (RULE_WHAT[p.rule] === "an expression" ? HELP.primary : null)) : null);
  const secondary: Label[] = [];
  let closeHelp: string | null = null;
  if (p.actualName === "EOF") {
    const opener = unclosedOpener(at.tokens);
    if (opener) {
      secondary.push({ file: at.file, span: at.tokenSpan(opener), label: `this \`${opener.image}\` is never closed` });
      const closer = { "{": "}", "(": ")", "[": "]" }[opener.image] ?? "}";
      closeHelp = `close the \`${opener.image}\` of line ${positionOf(at.file, opener.startOffset).line} with \`${closer}\` where its block ends`;
    }
  }
  const label = p.kind === "trailing" ? "not part of any block" : expectedLabel(p);
  return diag(codeFor(p.kind), at.file, at.missingSpan(token), message, { label, help: help ?? closeHelp, secondary });
}

/** `expected X here` under the caret, when X is short enough to read there. */
function expectedLabel(p: SyntaxErrorPayload): string {
  const what = expectedText(p);
  return what.length <= 40 ? `expected ${what} here` : "unexpected here";
}

const RESERVED = new Set(RESERVED_WORDS.map((t) => String(t.PATTERN).slice(1, -1)));

const FK_ACTIONS = ["cascade", "restrict", "no action", "set null", "set default"];

/** `on delete nullify`: a word where a foreign key action goes is an unknown action (K1206), not a bare syntax error. */
function unknownFkAction(p: SyntaxErrorPayload): { message: string; help: string } | null {
  if (p.rule !== "fkAction" || !/^[A-Za-z_]/.test(p.actual)) return null;
  const afterSet = p.expectedNames.includes("Null") && p.expectedNames.includes("Default");
  if (!afterSet && !p.expectedNames.includes("Cascade")) return null;
  const written = afterSet ? `set ${p.actual}` : p.actual;
  return {
    message: `unknown foreign key action \`${written}\``,
    help: didYouMean(written, FK_ACTIONS) ?? "the actions are `cascade`, `restrict`, `no action`, `set null` and `set default`",
  };
}

/** `did you mean \`from\`?` when the word found is a typo of a keyword that was expected. */
function expectedKeywordTypo(p: SyntaxErrorPayload): string | null {
  if (p.actualName !== "Identifier") return null;
  const words = p.expected.filter((e) => /^`[a-z]+`$/.test(e)).map((e) => e.slice(1, -1));
  return didYouMean(p.actual, words);
}

function badStatementDiagnostic(b: BadStatement, at: Places): Diagnostic {
  const p = b.payload;
  if (b.missing) {
    const help =
      p.actual === "=" && p.expectedNames.includes("ColonEq")
        ? `a mapping is written with \`:=\`: \`${b.first.image} := …\``
        : (helpForActual(p) ?? expectedKeywordTypo(p) ?? [...p.expectedNames].reverse().map((n) => HELP[`${p.rule}:${n}`]).find((h) => h) ?? null);
    return diag("K1101", at.file, at.missingSpan(b.found), `expected ${expectedText(p)}, found ${describeActual(p)}`, { label: expectedLabel(p), help });
  }
  if (b.midLine && b.context !== "unit") {
    return diag("K1102", at.file, at.tokenSpan(b.found), `unexpected ${describeActual(p)} after the end of a statement`, {
      label: "the statement ends before this",
      help: badStatementHelp(b, at) ?? "a statement ends at its line break: put each statement on a line of its own",
    });
  }
  const span = at.tokenSpan(b.found);
  const before = at.tokenBefore(b.found);
  if (b.context === "unit" && before && before.image === "}") {
    return diag("K1103", at.file, span, `unexpected ${describeActual(p)} after the end of the last block`, {
      label: "not part of any block",
      secondary: [{ file: at.file, span: at.tokenSpan(before), label: "the last block ends here" }],
      help: "if this belongs in the block above, a `}` before it closes that block too early; otherwise remove it",
    });
  }
  return diag("K1102", at.file, span, `expected ${expectedText(p)}, found ${describeActual(p)}`, { label: "unexpected here", help: badStatementHelp(b, at) });
}

function badStatementHelp(b: BadStatement, at: Places): string | null {
  if (b.meant) return `did you mean \`${b.meant}\`?`;
  const next = at.tokenAfter(b.found);
  if (next && next.image === "=" && (b.context === "tableAction" || b.context === "configItem")) {
    return `a mapping is written with \`:=\`: \`${b.found.image} := …\``;
  }
  if (b.found.image === "," && b.context !== "unit") return "kmig needs no `,` between statements: end each with a line break";
  if (b.found.image === "-" && next?.image === "-" && next.startOffset === b.found.startOffset + 1) return "comments start with `//` (`--` is SQL's)";
  if (next?.image === ":=" && RESERVED.has(b.found.image)) {
    return `\`${b.found.image}\` is a reserved word: write the column's name quoted, \`"${b.found.image}" := …\``;
  }
  const before = at.tokenBefore(b.found);
  if (b.found.image.startsWith("'") && before?.image.startsWith("'") && before.startOffset + before.image.length === b.found.startOffset) {
    return "two strings side by side: a quote inside a string is written `\\'` (not `''` as in SQL), or use a '''…''' string";
  }
  if (b.midLine) return null;
  return helpForActual(b.payload) ?? HELP[b.context] ?? null;
}
