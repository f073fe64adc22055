import { DocumentHighlightKind, ResponseError, ErrorCodes, type DocumentHighlight, type Location, type WorkspaceEdit, type Range } from "vscode-languageserver";
import { occurrenceAt, occurrencesOf, type ChainSymbols, type Occurrence } from "../../compiler/symbols/chain-symbols.js";
import type { SourceFile } from "../../core/source-file.js";
import { RESERVED } from "../../grammar/print/words.js";
import { BUILTINS } from "../../stdlib/index.js";
import type { ChainAnalysis } from "../analysis.js";
import { rangeOf } from "../convert.js";
import type { DocumentContext } from "../server.js";

function uriOf(a: ChainAnalysis, file: SourceFile): string | null {
  return a.files.find((f) => f.source === file)?.uri ?? null;
}

function locationOf(a: ChainAnalysis, file: SourceFile, span: { start: number; end: number }): Location | null {
  const uri = uriOf(a, file);
  return uri ? { uri, range: rangeOf(file, span) } : null;
}

/**
 * Go to definition: a column or table goes to where it got the name used here (created, added
 * or renamed, in whichever file of the chain); a map, def or parameter to its declaration.
 */
export function definition(d: DocumentContext, offset: number): Location[] {
  const cs = d.analysis.symbols();
  const o = occurrenceAt(cs, d.file.source, offset);
  if (!o) return [];
  const s = cs.symbols[o.symbol];
  const naming = s.namings[o.naming] ?? s.namings[0];
  const loc = naming ? locationOf(d.analysis, naming.file, naming.span) : null;
  return loc ? [loc] : [];
}

/** Every use of the thing at `offset` across the chain, and (when asked) where it was named. */
export function references(d: DocumentContext, offset: number, includeDeclaration: boolean): Location[] {
  const cs = d.analysis.symbols();
  const o = occurrenceAt(cs, d.file.source, offset);
  if (!o) return [];
  return occurrencesOf(cs, o.symbol)
    .filter((x) => includeDeclaration || x.occurrence.role === "reference")
    .map((x) => locationOf(d.analysis, x.file, x.occurrence.span))
    .filter((l): l is Location => l !== null);
}

/** The other places in this file where the name at `offset` stands for the same thing. */
export function highlights(d: DocumentContext, offset: number): DocumentHighlight[] {
  const cs = d.analysis.symbols();
  const o = occurrenceAt(cs, d.file.source, offset);
  if (!o) return [];
  return (cs.files.get(d.file.source)?.occurrences ?? [])
    .filter((x) => x.symbol === o.symbol)
    .map((x) => ({ range: rangeOf(d.file.source, x.span), kind: x.role === "definition" ? DocumentHighlightKind.Write : DocumentHighlightKind.Read }));
}

/** The map or def at `offset` (the only things rename changes: their names live in one migration). */
function renameTarget(cs: ChainSymbols, d: DocumentContext, offset: number): Occurrence | ResponseError<void> {
  const o = occurrenceAt(cs, d.file.source, offset);
  const kind = o ? cs.symbols[o.symbol].kind : null;
  if (!o || (kind !== "map" && kind !== "def")) {
    return new ResponseError(ErrorCodes.InvalidRequest, "kmig renames maps and defs; a table or column is renamed by a migration step (`rename a -> b`)");
  }
  return o;
}

export function prepareRename(d: DocumentContext, offset: number): { range: Range; placeholder: string } | ResponseError<void> {
  const cs = d.analysis.symbols();
  const o = renameTarget(cs, d, offset);
  if (o instanceof ResponseError) return o;
  return { range: rangeOf(d.file.source, o.span), placeholder: cs.symbols[o.symbol].name };
}

/** Renames a map or def at its declaration and every call; refuses a name that is not free. */
export function rename(d: DocumentContext, offset: number, newName: string): WorkspaceEdit | ResponseError<void> {
  const cs = d.analysis.symbols();
  const o = renameTarget(cs, d, offset);
  if (o instanceof ResponseError) return o;
  const problem = badName(cs, d, newName);
  if (problem) return new ResponseError(ErrorCodes.InvalidParams, problem);
  const changes: WorkspaceEdit["changes"] = {};
  for (const x of occurrencesOf(cs, o.symbol)) {
    const uri = uriOf(d.analysis, x.file);
    if (uri) (changes[uri] ??= []).push({ range: rangeOf(x.file, x.occurrence.span), newText: newName });
  }
  return { changes };
}

function badName(cs: ChainSymbols, d: DocumentContext, name: string): string | null {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return `\`${name}\` is not a name: use letters, digits and _ (not starting with a digit)`;
  if (RESERVED.has(name)) return `\`${name}\` is a reserved word`;
  if (BUILTINS.has(name)) return `\`${name}\` is a stdlib function`;
  const scope = cs.files.get(d.file.source)?.scope;
  if (scope?.maps.has(name) || scope?.defs.has(name)) return `this migration already has a map or def called \`${name}\``;
  return null;
}
