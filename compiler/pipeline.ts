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
}

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

/** The second phase: check and plan the parsed units in order, each over the schema the previous ones left. */
export function checkChain(parsed: readonly ParsedFile[]): ChainResult {
  const diagnostics: Diagnostic[] = parsed.flatMap((p) => p.diagnostics);
  const units: CompiledUnit[] = [];
  let schema: SchemaState = EMPTY_SCHEMA;
  const dropped = new Map<string, Map<string, string>>();
  let previous: { unit: A.Unit; file: SourceFile } | null = null;
  const ids = new Map<string, { file: SourceFile; span: A.Span }>();
  let complete = true;
  for (const p of parsed) {
    // A file with syntax errors makes every later check unreliable: stop the semantic fold there.
    if (!p.ok) {
      complete = false;
      break;
    }
    p.ast.units.slice(1).forEach((u) => diagnostics.push(diag("K2018", p.file, u.span, "a file holds one migration or baseline", { help: "move this one into a file of its own; files run in name order" })));
    const unit = p.ast.units[0];
    if (!unit) continue;
    checkChainLink(unit, p.file, previous, ids, diagnostics);
    const compiled = compileUnit(p.file, unit, schema, dropped, diagnostics);
    units.push(compiled);
    schema = compiled.after;
    previous = { unit, file: p.file };
  }
  return { units, diagnostics: sortDiagnostics(diagnostics), complete };
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
