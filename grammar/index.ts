import { EOF, type IToken } from "chevrotain";
import type * as A from "./ast.js";
import { diag, sortDiagnostics, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import type { SourceFile } from "../core/source-file.js";
import { lex } from "./lexer.js";
import * as T from "./tokens.js";
import { kmigParser } from "./parser.js";
import { syntaxDiagnostics } from "./syntax-diagnostics.js";
import { pruneCascades } from "./syntax-cascades.js";
import { numberProblems } from "./number-check.js";
import { MAX_AST_DEPTH, mayBeTooDeep, tooDeepExpression } from "./depth-check.js";
import type { LiteralProblem } from "./literals.js";

export type * from "./ast.js";

/** Deepest bracket nesting accepted; deeper input is reported, never recursed into. */
export const MAX_NESTING = 64;
/** Syntax errors reported per file before the rest are summarised in one line. */
export const MAX_ERRORS_PER_FILE = 50;

export interface ParseResult {
  readonly ast: A.SpecFile;
  readonly diagnostics: readonly Diagnostic[];
}

/** What the carets under a literal problem say. */
const PROBLEM_LABELS: Record<LiteralProblem["code"], string> = {
  K1004: "not an escape",
  K1201: "not a type kmig knows",
  K1202: "not arguments this type takes",
  K2100: "unknown literal type",
  K2101: "unquoted",
  K1204: "not a value type",
  K2022: "written twice",
  K2070: "not an option here",
};

/** Parses one file. Never throws: every problem, however odd the input, is a diagnostic. */
export function parseSpec(file: SourceFile): ParseResult {
  const empty: A.SpecFile = { kind: "SpecFile", units: [], comments: [], span: { start: 0, end: file.text.length } };
  const nul = file.text.indexOf("\0");
  if (nul >= 0) {
    return { ast: empty, diagnostics: [diag("K1006", file, { start: nul, end: nul + 1 }, "the file contains a NUL byte: it is not a text file", { label: "NUL byte", help: "kmig reads UTF-8 text files; is this the right file?" })] };
  }
  const lexed = lex(file.text);
  const diagnostics: Diagnostic[] = [...lexDiagnostics(file, lexed.unexpected, lexed.invalid)];
  const tooDeep = deepestOpener(lexed.tokens);
  if (tooDeep) {
    const span = { start: tooDeep.startOffset, end: tooDeep.startOffset + 1 };
    diagnostics.push(diag("K1105", file, span, `brackets nested more than ${MAX_NESTING} deep`, { label: "too deep from here on", help: "split the expression with a `def` function or flatten it" }));
    return { ast: empty, diagnostics: capErrors(file, sortDiagnostics(diagnostics)) };
  }
  const comments: A.Comment[] = lexed.comments.map((t) => ({
    kind: "Comment",
    text: t.image,
    block: t.tokenType.name === "BlockComment",
    span: { start: t.startOffset, end: t.startOffset + t.image.length },
  }));
  let ast = empty;
  try {
    kmigParser.begin(lexed.tokens, file.text);
    const units = kmigParser.file();
    const errors = kmigParser.errors;
    const findings = syntaxDiagnostics(errors, kmigParser.skipped, lexed.tokens, file);
    const lexical = {
      offsets: [...lexed.unexpected.map((u) => u.offset), ...lexed.invalid.map((t) => t.startOffset)],
      swallowedToEnd: lexed.invalid.some((t) => /BlockComment|TripleString/.test(t.tokenType.name) && t.startOffset + t.image.length >= file.text.length),
      numbers: numberProblems(lexed.tokens, file),
    };
    diagnostics.push(...pruneCascades(file, findings, lexical));
    for (const p of kmigParser.problems) diagnostics.push(diag(p.code, file, p.span, p.message, { label: p.label ?? PROBLEM_LABELS[p.code], help: p.help }));
    ast = { kind: "SpecFile", units, comments, span: { start: 0, end: file.text.length } };
    const deep = mayBeTooDeep(kmigParser.nestingBound(), errors.length > 0) ? tooDeepExpression(ast) : null;
    if (deep) {
      const at = { start: deep.start, end: Math.min(deep.end, deep.start + 1) };
      diagnostics.push(diag("K1105", file, at, `expression nested more than ${MAX_AST_DEPTH} deep`, { label: "this expression", help: "split it into parts with `def` functions; for a long text, `concat(a, b, …)` takes many parts without nesting" }));
      ast = empty;
    }
  } catch (e) {
    // Deep non-bracket nesting (`not not not …`) can still exhaust the stack.
    if (!(e instanceof RangeError)) throw e;
    const at = kmigParser.current();
    const span = Number.isFinite(at.startOffset) && at.tokenType !== EOF ? { start: at.startOffset, end: at.startOffset + at.image.length } : { start: 0, end: 0 };
    diagnostics.push(diag("K1105", file, span, "expression nested too deeply to parse", { label: "still nested here", help: "split the expression with a `def` function or flatten it" }));
  } finally {
    kmigParser.end();
  }
  if (ast.units.length === 0 && !diagnostics.some((d) => d.severity === "error")) {
    diagnostics.push(diag("K1205", file, { start: 0, end: Math.min(file.text.length, 1) }, "this file declares no migration or baseline", { help: "start it with `migration <id> from '<version>' to '<version>' { … }`" }));
  }
  return { ast, diagnostics: capErrors(file, sortDiagnostics(diagnostics)) };
}

function lexDiagnostics(file: SourceFile, unexpected: readonly { offset: number; length: number }[], invalid: readonly IToken[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const u of unexpected) {
    const text = file.text.slice(u.offset, u.offset + u.length);
    const shown = text.length > 12 ? `${text.slice(0, 12)}…` : text;
    const help = text.startsWith(";") ? "kmig needs no `;`: end the statement with a line break instead" : text.startsWith("#") ? "comments start with `//` or `/*`" : text.startsWith("`") ? "quote identifiers with \"…\" and strings with '…'" : null;
    out.push(diag("K1001", file, { start: u.offset, end: u.offset + u.length }, `unexpected character${u.length > 1 ? "s" : ""} \`${printable(shown)}\``, { label: "not part of any token", help }));
  }
  for (const t of invalid) {
    const span = { start: t.startOffset, end: t.startOffset + Math.min(t.image.length, 3) };
    switch (t.tokenType.name) {
      case "UnterminatedBlockComment":
        out.push(diag("K1003", file, span, "this `/*` comment is never closed", { label: "opened here", help: "close it with `*/`" }));
        break;
      case "UnterminatedQuotedIdent":
        out.push(diag("K1005", file, span, "this quoted identifier is never closed", { label: "opened here", help: "close it with `\"` on the same line; strings use single quotes" }));
        break;
      default:
        out.push(diag("K1002", file, span, "this string is never closed", { label: "opened here", help: t.tokenType.name === "UnterminatedTripleString" ? "close it with `'''`" : "close it with `'` on the same line, or use '''…''' for text over several lines" }));
    }
  }
  return out;
}

function printable(s: string): string {
  return s.replace(/[\x00-\x1f\x7f-\x9f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
}

function deepestOpener(tokens: readonly IToken[]): IToken | undefined {
  let depth = 0;
  for (const t of tokens) {
    const type = t.tokenType;
    if (type === T.LBrace || type === T.LParen || type === T.LBracket) {
      if (++depth > MAX_NESTING) return t;
    } else if (type === T.RBrace || type === T.RParen || type === T.RBracket) {
      depth = Math.max(0, depth - 1);
    }
  }
  return undefined;
}

/** Keeps the first errors of a file and says how many more there were. */
function capErrors(file: SourceFile, diagnostics: Diagnostic[]): Diagnostic[] {
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length <= MAX_ERRORS_PER_FILE) return diagnostics;
  const kept = diagnostics.slice(0, diagnostics.indexOf(errors[MAX_ERRORS_PER_FILE]));
  const at = errors[MAX_ERRORS_PER_FILE].primary.span;
  kept.push(diag("K1106", file, at, `${errors.length - MAX_ERRORS_PER_FILE} more syntax errors in this file were not reported`, { label: "the first one not shown", help: "fix the first errors and run `kmig check` again" }));
  return kept;
}
