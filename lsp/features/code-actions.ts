import { CodeActionKind, type CodeAction, type Diagnostic as LspDiagnostic, type TextEdit } from "vscode-languageserver";
import type * as A from "../../grammar/ast.js";
import { forEachChild } from "../../compiler/symbols/expr-names.js";
import { SOFT_KEYWORDS } from "../../grammar/tokens.js";
import type { SourceFile } from "../../core/source-file.js";
import type { ChainAnalysis, ChainFile } from "../analysis.js";
import { offsetAt, positionAt } from "../convert.js";
import type { DiagnosticData } from "./diagnostics.js";

/**
 * Quick fixes for the diagnostics whose help is mechanical: a did-you-mean applied, the `else` a
 * `when` or a status map lacks added, a lint acknowledged with a reason.
 */
export function codeActions(a: ChainAnalysis, f: ChainFile, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  return diagnostics.flatMap((d) => {
    if (d.source !== "kmig") return [];
    return [...didYouMean(f, d), ...whenElse(f, d), ...mapElse(a, d), ...acknowledge(f, d, ALLOW !== null)];
  });
}

const fix = (title: string, d: LspDiagnostic, uri: string, edits: TextEdit[], preferred = false): CodeAction => ({
  title,
  kind: CodeActionKind.QuickFix,
  diagnostics: [d],
  ...(preferred ? { isPreferred: true } : {}),
  edit: { changes: { [uri]: edits } },
});

/** `did you mean \`x\`?`: the word under the carets becomes x. */
function didYouMean(f: ChainFile, d: LspDiagnostic): CodeAction[] {
  const help = (d.data as DiagnosticData | undefined)?.help ?? "";
  const m = /did you mean `([^`]+)`\?/.exec(help);
  if (!m) return [];
  const written = f.source.text.slice(offsetAt(f.source, d.range.start), offsetAt(f.source, d.range.end));
  // Only a single word is replaced: a span over more than the misspelt word would lose text.
  if (!/^"?[A-Za-z_][\w]*"?$/.test(written)) return [];
  return [fix(`Change \`${written}\` to \`${m[1]}\``, d, f.uri, [{ range: d.range, newText: m[1] }], true)];
}

/** `expected \`else\``: the `when` gets `else null`, or `else` with the value of its first branch. */
function whenElse(f: ChainFile, d: LspDiagnostic): CodeAction[] {
  const message = typeof d.message === "string" ? d.message : d.message.value;
  if (d.code !== "K1101" || !message.startsWith("expected `else`")) return [];
  const when = openWhen(f.parsed.ast, offsetAt(f.source, d.range.start));
  const last = when?.branches[when.branches.length - 1];
  if (!when || !last) return [];
  const first = when.branches[0].result;
  const values = ["null", ...(first.kind !== "ErrorExpr" ? [f.source.text.slice(first.span.start, first.span.end)] : [])];
  const pos = positionAt(f.source, last.span.end);
  return [...new Set(values)].map((v, i) => fix(`Add \`else ${v}\``, d, f.uri, [{ range: { start: pos, end: pos }, newText: ` else ${v}` }], i === 0));
}

/** The `when` that recovery left without its `else`, ending at or before `offset`. */
function openWhen(ast: A.SpecFile, offset: number): A.WhenExpr | null {
  let found: A.WhenExpr | null = null;
  const visit = (n: { kind: string; span?: { start: number; end: number } }) => {
    if (n.kind === "WhenExpr" && (n as A.WhenExpr).otherwise.kind === "ErrorExpr" && n.span && n.span.start <= offset) found = n as A.WhenExpr;
    forEachChild(n, visit);
  };
  visit(ast);
  return found;
}

/** K4001, a status map without `else`: adds `else -> v` (one fix per output the map already has). */
function mapElse(a: ChainAnalysis, d: LspDiagnostic): CodeAction[] {
  if (d.code !== "K4001") return [];
  const decl = d.relatedInformation?.find((r) => r.message === "map declared here");
  const file = decl ? a.files.find((x) => x.uri === decl.location.uri) : undefined;
  if (!decl || !file) return [];
  const at = offsetAt(file.source, decl.location.range.start);
  const map = file.parsed.ast.units[0]?.items.find((i): i is A.ValueMap => i.kind === "ValueMap" && i.name.span.start === at);
  if (!map) return [];
  const outputs = [...new Set(map.items.flatMap((i) => (i.kind === "MapEntry" ? [file.source.text.slice(i.output.span.start, i.output.span.end)] : [])))].slice(0, 4);
  return outputs.map((v, i) => fix(`Add \`else -> ${v}\` to map \`${map.name.name}\``, d, file.uri, [insertBeforeClose(file.source, map, `else -> ${v}`)], i === 0));
}

/** An edit adding a line before a block's closing `}`, indented like the block's entries. */
function insertBeforeClose(file: SourceFile, node: { span: { start: number; end: number } }, line: string): TextEdit {
  const close = file.text.lastIndexOf("}", node.span.end);
  const start = positionAt(file, node.span.start);
  const end = positionAt(file, close);
  const outer = /^[ \t]*/.exec(file.text.slice(file.lineStarts[start.line]))?.[0] ?? "";
  const onOwnLine = /^[ \t]*$/.test(file.text.slice(file.lineStarts[end.line], close));
  const at = onOwnLine ? { line: end.line, character: 0 } : end;
  return { range: { start: at, end: at }, newText: onOwnLine ? `${outer}  ${line}\n` : `\n${outer}  ${line}\n${outer}` };
}

/** The keyword that acknowledges a lint (`allow K5007 'why'`). */
const ALLOW = SOFT_KEYWORDS.find((t) => String(t.PATTERN) === "/allow/") ?? null;

/**
 * A safety lint (K5xxx) acknowledged on its statement: `allow K5xxx '…'` on the line above, with
 * a reason to fill in. Offered only when the grammar accepts `allow`.
 */
export function acknowledge(f: ChainFile, d: LspDiagnostic, grammarHasAllow: boolean): CodeAction[] {
  if (!grammarHasAllow || typeof d.code !== "string" || !/^K5\d{3}$/.test(d.code)) return [];
  const line = d.range.start.line;
  const indent = /^[ \t]*/.exec(f.source.text.slice(f.source.lineStarts[line] ?? 0))?.[0] ?? "";
  const at = { line, character: 0 };
  return [fix(`Acknowledge ${d.code} here (with a reason)`, d, f.uri, [{ range: { start: at, end: at }, newText: `${indent}allow ${d.code} 'why this is safe here'\n` }])];
}
