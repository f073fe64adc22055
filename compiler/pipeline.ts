import { dirname } from "node:path";
import type * as A from "../grammar/ast.js";
import { parseSpec } from "../grammar/index.js";
import { diag, sortDiagnostics, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import { compileUnit, type CompiledUnit } from "./migration/compile-unit.js";
import { EMPTY_SCHEMA, type SchemaState } from "./model/schema.js";
import type { SourceFile } from "../core/source-file.js";

/**
 * The only place that knows the order of the phases: parse every file, then fold the chain of
 * units (sorted by file name) over the schema, checking and planning each in turn.
 */
export interface ChainResult {
  readonly units: readonly CompiledUnit[];
  readonly diagnostics: readonly Diagnostic[];
  /** False when syntax errors stopped checking before the end of the chain. */
  readonly complete: boolean;
  /** Where the fold stood after each file it checked (index-aligned with the files): what `recheckChain` resumes from. */
  readonly folds: readonly FoldState[];
}

/** The state of the fold over a chain between two files: everything checking the next file reads. */
export interface FoldState {
  readonly schema: SchemaState;
  /** Columns dropped so far, by table then column: where (for K2003). */
  readonly dropped: ReadonlyMap<string, ReadonlyMap<string, string>>;
  readonly previous: { readonly unit: A.Unit; readonly file: SourceFile } | null;
  readonly ids: ReadonlyMap<string, { readonly file: SourceFile; readonly span: A.Span }>;
}

/** The fold before the first file. */
export const CHAIN_START: FoldState = { schema: EMPTY_SCHEMA, dropped: new Map(), previous: null, ids: new Map() };

export function compileChain(files: readonly SourceFile[]): ChainResult {
  return checkChain(parseChain(files));
}

/** One parsed spec file, with its parse diagnostics. */
export interface ParsedFile {
  readonly file: SourceFile;
  readonly ast: A.SpecFile;
  readonly diagnostics: readonly Diagnostic[];
  /** False when it has syntax errors. */
  readonly ok: boolean;
}

/** The first phase: parse every file of the chain. */
export function parseChain(files: readonly SourceFile[]): ParsedFile[] {
  return files.map((file) => {
    const r = parseSpec(file);
    return { file, ast: r.ast, diagnostics: r.diagnostics, ok: !r.diagnostics.some((d) => d.severity === "error") };
  });
}

/**
 * The second phase: check and plan the parsed units in order, each over the schema the previous
 * ones left; `start` is where the fold stands before the first of them (the empty chain by default).
 */
export function checkChain(parsed: readonly ParsedFile[], start: FoldState = CHAIN_START): ChainResult {
  const diagnostics: Diagnostic[] = parsed.flatMap((p) => p.diagnostics);
  const units: CompiledUnit[] = [];
  let schema: SchemaState = start.schema;
  const dropped = copyDropped(start.dropped);
  let previous = start.previous;
  const ids = new Map(start.ids);
  const folds: FoldState[] = [];
  let complete = true;
  for (const p of parsed) {
    // A file with syntax errors makes every later check unreliable: stop the semantic fold there.
    if (!p.ok) {
      complete = false;
      break;
    }
    p.ast.units.slice(1).forEach((u) => diagnostics.push(diag("K2018", p.file, u.span, "a file holds one migration or baseline", { help: "move this one into a file of its own; files run in name order" })));
    const unit = p.ast.units[0];
    if (unit) {
      checkChainLink(unit, p.file, previous, ids, diagnostics);
      const compiled = compileUnit(p.file, unit, schema, dropped, diagnostics);
      units.push(compiled);
      schema = compiled.after;
      previous = { unit, file: p.file };
    }
    folds.push({ schema, dropped: copyDropped(dropped), previous, ids: new Map(ids) });
  }
  return { units, diagnostics: sortDiagnostics(diagnostics), complete, folds };
}

/**
 * `checkChain(parsed)` when only the files from index `from` on differ from those `previous` was
 * checked from: the fold resumes where it stood after file `from - 1`, so an edit to the last
 * file of a long chain checks that file alone (what an editor does at each keystroke).
 */
export function recheckChain(previous: ChainResult, parsed: readonly ParsedFile[], from: number): ChainResult {
  if (from <= 0 || previous.folds.length < from) return checkChain(parsed);
  const head = new Set(parsed.slice(0, from).map((p) => p.file));
  const tail = checkChain(parsed.slice(from), previous.folds[from - 1]);
  return {
    units: [...previous.units.filter((u) => head.has(u.file)), ...tail.units],
    diagnostics: sortDiagnostics([...previous.diagnostics.filter((d) => head.has(d.primary.file)), ...tail.diagnostics]),
    complete: tail.complete,
    folds: [...previous.folds.slice(0, from), ...tail.folds],
  };
}

function copyDropped(d: ReadonlyMap<string, ReadonlyMap<string, string>>): Map<string, Map<string, string>> {
  return new Map([...d].map(([table, columns]) => [table, new Map(columns)]));
}

function checkChainLink(unit: A.Unit, file: SourceFile, previous: { unit: A.Unit; file: SourceFile } | null, ids: Map<string, { file: SourceFile; span: A.Span }>, out: Diagnostic[]): void {
  const seen = ids.get(unit.id.name);
  if (seen) out.push(diag("K2013", file, unit.id.span, `migration id \`${unit.id.name}\` is used twice`, { help: "ids name migrations in the ledger: make each unique", secondary: [{ file: seen.file, span: seen.span, label: "first used here" }] }));
  else ids.set(unit.id.name, { file, span: unit.id.span });
  if (unit.kind === "Baseline") {
    if (previous) out.push(diag("K2012", file, unit.span.start === unit.id.span.start ? unit.id.span : unit.id.span, "a baseline must be the first file of the chain", { help: "rename the files so that the baseline sorts first (e.g. 000_baseline.kmig)" }));
    return;
  }
  const prevVersion = previous ? (previous.unit.kind === "Baseline" ? previous.unit.version.value : previous.unit.to.value) : null;
  if (prevVersion !== null && unit.from.value !== prevVersion) {
    out.push(diag("K2011", file, unit.from.span, `this migration starts from '${unit.from.value}', but the previous one ends at '${prevVersion}'`, { help: `write \`from '${prevVersion}'\`, or check the order of the files`, secondary: previous ? [{ file: previous.file, span: previous.unit.kind === "Baseline" ? previous.unit.version.span : previous.unit.to.span, label: "previous version" }] : [] }));
  }
}

/** Groups spec files by folder: each folder is one chain. */
export function groupByFolder(paths: readonly string[]): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const p of paths) {
    const d = dirname(p);
    groups.set(d, [...(groups.get(d) ?? []), p]);
  }
  return groups;
}
