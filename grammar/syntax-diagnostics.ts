import type { IRecognitionException, IToken } from "chevrotain";
import type { Span } from "./ast.js";
import { diag, type Diagnostic, type Label } from "../compiler/diagnostics/diagnostic.js";
import type { DiagnosticCode } from "../compiler/diagnostics/catalog.js";
import type { SourceFile } from "../compiler/source/source-file.js";
import type { SyntaxErrorPayload } from "./messages.js";
import { RESERVED_WORDS, SOFT_KEYWORDS } from "./tokens.js";

/** What each rule is, in words, for "expected …" when many tokens would do. */
const RULE_WHAT: Record<string, string> = {
  unit: "`migration` or `baseline`",
  item: "a migration item: `describe`, `create table`, `table`, `drop table`, `rename table`, `sql`, `map`, `def` or `config`",
  tableElement: "a column definition (`name type`), a constraint, `index` or `expect`",
  tableAction: "a table action: `add`, `drop`, `rename`, `alter`, `index`, `expect` or `column := expression`",
  tableConstraint: "`primary key`, `unique`, `check` or `foreign key`",
  columnModifier: "a column modifier: `default`, `primary key`, `unique`, `references` or `check`",
  alterColumn: "`type`, `set default`, `drop default`, `set not null` or `drop not null`",
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
  item: "a migration body holds items such as `create table t { … }`, `table t { … }` and `map m { … }`",
  tableAction: "inside `table t { … }` each line changes the table: `add c text?`, `drop c`, `rename a -> b`, `c := expr`",
  tableElement: "inside `create table t { … }` each line is a column `name type` or a constraint",
  configItem: "inside `config '…' { … }` each line sets a key: `key := expression`, or opens `key { … }`",
  unit: "a .kmig file holds `migration <id> from '…' to '…' { … }` or `baseline <id> version '…' { … }`",
  primary: "an expression is a column name, a literal, `$`, a call `f(x)`, `{…}`, `[…]` or `when … then … else …`",
};

const KEYWORD_WORDS = new Set([...SOFT_KEYWORDS, ...RESERVED_WORDS].map((t) => String(t.PATTERN).slice(1, -1)));

function describeActual(p: SyntaxErrorPayload): string {
  if (p.actualName === "EOF") return "end of file";
  const img = p.actual.length > 24 ? `${p.actual.slice(0, 24)}…` : p.actual;
  return `\`${img.replace(/\s+/g, " ")}\``;
}

function expectedText(p: SyntaxErrorPayload): string {
  if (p.kind === "mismatch" || p.expected.length <= 3) {
    if (p.expected.length === 0) return RULE_WHAT[p.rule] ?? "something else";
    if (p.expected.length === 1) return p.expected[0];
    return `${p.expected.slice(0, -1).join(", ")} or ${p.expected[p.expected.length - 1]}`;
  }
  return RULE_WHAT[p.rule] ?? `one of ${p.expected.slice(0, 8).join(", ")}${p.expected.length > 8 ? ", …" : ""}`;
}

/** Help that depends on what was found rather than where. */
function helpForActual(p: SyntaxErrorPayload): string | null {
  if (p.actual === ";") return "kmig needs no `;`: end the statement with a line break instead";
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

/** Where a token is; a token with no position (end of file, recovery) sits after the last real token. */
function spanAt(t: IToken, eofSpan: Span): Span {
  if (!Number.isFinite(t.startOffset) || t.tokenType?.name === "EOF") return eofSpan;
  return { start: t.startOffset, end: t.startOffset + Math.max(1, t.image.length) };
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

/** One diagnostic per run of tokens that the parser skipped inside a block. */
function skippedDiagnostics(skipped: readonly { token: IToken; context: string }[], tokens: readonly IToken[], file: SourceFile): Diagnostic[] {
  if (skipped.length === 0) return [];
  const byOffset = new Map(skipped.map((s) => [s.token.startOffset, s.context]));
  const out: Diagnostic[] = [];
  let inRun = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const context = byOffset.get(t.startOffset);
    if (context === undefined) {
      inRun = false;
      continue;
    }
    if (inRun) continue;
    inRun = true;
    const next = tokens[i + 1];
    const p: SyntaxErrorPayload = { kind: "noViableAlt", rule: context, expected: [], expectedNames: [], actual: t.image, actualName: t.tokenType.name };
    const help =
      next && next.image === "=" && (context === "tableAction" || context === "configItem")
        ? `a mapping is written with \`:=\`: \`${t.image} := …\``
        : (helpForActual(p) ?? HELP[context] ?? null);
    const span = { start: t.startOffset, end: t.startOffset + Math.max(1, t.image.length) };
    out.push(diag("K1102", file, span, `expected ${RULE_WHAT[context] ?? "a statement"}, found ${describeActual(p)}`, { label: "unexpected here", help }));
  }
  return out;
}

export function syntaxDiagnostics(
  errors: readonly IRecognitionException[],
  skipped: readonly { token: IToken; context: string }[],
  tokens: readonly IToken[],
  file: SourceFile,
): Diagnostic[] {
  const last = tokens[tokens.length - 1];
  const lastEnd = last ? last.startOffset + last.image.length : file.text.length;
  const eofSpan: Span = { start: lastEnd, end: lastEnd };
  const out: Diagnostic[] = skippedDiagnostics(skipped, tokens, file);
  const seenAt = new Set<number>(out.map((d) => d.primary.span.start));
  for (const e of errors) {
    let p: SyntaxErrorPayload;
    try {
      p = JSON.parse(e.message) as SyntaxErrorPayload;
    } catch {
      p = { kind: "noViableAlt", rule: "", expected: [], expectedNames: [], actual: e.token.image, actualName: e.token.tokenType?.name ?? "EOF" };
    }
    const span = spanAt(e.token, eofSpan);
    // Recovery can report the same spot twice (e.g. a mismatch and then a failed re-sync).
    if (seenAt.has(span.start)) continue;
    seenAt.add(span.start);
    const message =
      p.kind === "trailing"
        ? `unexpected ${describeActual(p)} after the end of the last block`
        : `expected ${expectedText(p)}, found ${describeActual(p)}`;
    const help = helpForActual(p) ?? HELP[`${p.rule}:${p.expectedNames[0] ?? ""}`] ?? (p.kind !== "mismatch" ? (HELP[p.rule] ?? null) : null);
    const secondary: Label[] = [];
    if (p.actualName === "EOF") {
      const opener = unclosedOpener(tokens);
      if (opener) secondary.push({ file, span: spanAt(opener, eofSpan), label: `this \`${opener.image}\` is never closed` });
    }
    const label = p.kind === "trailing" ? "not part of any block" : `expected ${p.expected.length === 1 ? p.expected[0] : "something else"} here`;
    out.push(diag(codeFor(p.kind), file, span, message, { label, help, secondary }));
  }
  return out;
}
