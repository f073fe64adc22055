import { recheckChain, checkChain, type ChainResult, type ParsedFile } from "../compiler/pipeline.js";
import { lintChain } from "../compiler/lint/index.js";
import type { LintConfig } from "../compiler/lint/config.js";
import { chainSymbols, type ChainSymbols } from "../compiler/symbols/chain-symbols.js";
import type { CompiledUnit } from "../compiler/migration/compile-unit.js";
import { EMPTY_SCHEMA, type SchemaState } from "../compiler/model/schema.js";
import { parseSpec } from "../grammar/index.js";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import type { SourceFile } from "../core/source-file.js";

/** One file of a chain as the server sees it: the editor's buffer if open, else the file on disk. */
export interface ChainFile {
  readonly uri: string;
  /** The key the workspace knows it by: its absolute path (or its URI, for a buffer with no file). */
  readonly key: string;
  readonly source: SourceFile;
  readonly parsed: ParsedFile;
  /** Problems reading it (not UTF-8): reported with the chain's diagnostics. */
  readonly readProblems: readonly Diagnostic[];
}

/** What the server knows of one folder's chain after a check: files, the compiler's result, and (on demand) its symbols. */
export interface ChainAnalysis {
  readonly folder: string;
  readonly files: readonly ChainFile[];
  readonly result: ChainResult;
  /** Every diagnostic, read problems and kmig.yaml's included, sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /** The folder's kmig.yaml as read (its URI, for its diagnostics), or null when it has none. */
  readonly config: { readonly uri: string; readonly file: SourceFile } | null;
  /** How long parsing (of the files that changed) and checking took, in milliseconds. */
  readonly checkMs: number;
  /** The compiled unit of a file, when the checker got that far. */
  unitOf(file: ChainFile): CompiledUnit | undefined;
  /** The schema as the chain leaves it before `file` (what the checker last got to), even when `file` itself does not check. */
  schemaBefore(file: ChainFile): SchemaState;
  /** Names, definitions and references across the chain: computed at the first request that needs them. */
  symbols(): ChainSymbols;
  fileByKey(key: string): ChainFile | undefined;
}

/** A file's text as read, before parsing. */
export interface ChainSource {
  readonly uri: string;
  readonly key: string;
  readonly source: SourceFile;
  readonly readProblems: readonly Diagnostic[];
}

/**
 * Parses what changed and checks the chain. `cache` keeps each file's last parse by key, so a
 * keystroke re-parses one file; with the folder's `previous` analysis, checking resumes at the
 * first file that changed (the files before it keep their results).
 */
export function analyseChain(folder: string, sources: readonly ChainSource[], cache: Map<string, ParsedFile>, previous: ChainAnalysis | null = null, config: (LintConfig & { readonly uri: string }) | null = null): ChainAnalysis {
  const t0 = performance.now();
  const files: ChainFile[] = sources.map((s) => {
    const parsed = parsedFor(s.source, s.key, cache);
    // The cached parse's SourceFile: the compiled units and diagnostics point at that object.
    return { ...s, source: parsed.file, parsed };
  });
  const live = new Set(sources.map((s) => s.key));
  for (const key of cache.keys()) if (!live.has(key)) cache.delete(key);
  const parsed = files.map((f) => f.parsed);
  const result = previous ? recheckChain(previous.result, parsed, firstChange(previous.files, files)) : checkChain(parsed);
  const checkMs = performance.now() - t0;
  const units = new Map<SourceFile, CompiledUnit>(result.units.map((u) => [u.file, u]));
  const byKey = new Map(files.map((f) => [f.key, f]));
  let symbols: ChainSymbols | null = null;
  return {
    folder,
    files,
    result,
    // The safety lints (K5xxx) of a chain without errors, as `kmig check` reports them: with the
    // folder's kmig.yaml (rules off or re-levelled, pg-version), none while kmig.yaml has errors.
    diagnostics: sortDiagnostics([...files.flatMap((f) => f.readProblems), ...result.diagnostics, ...(config?.diagnostics ?? []), ...(result.complete && !hasErrors(result.diagnostics) && !hasErrors(config?.diagnostics ?? []) ? lintChain(result, config?.options) : [])]),
    config: config?.file ? { uri: config.uri, file: config.file } : null,
    checkMs,
    unitOf: (f) => units.get(f.source),
    schemaBefore: (f) => {
      const own = units.get(f.source);
      if (own) return own.before;
      const earlier = files
        .slice(0, files.indexOf(f))
        .reverse()
        .map((x) => units.get(x.source))
        .find((u) => u !== undefined);
      return earlier?.after ?? EMPTY_SCHEMA;
    },
    symbols: () =>
      (symbols ??= chainSymbols(
        files.map((f) => f.parsed),
        result.units,
      )),
    fileByKey: (key) => byKey.get(key),
  };
}

/** The index of the first file that is not the same parse as in the previous analysis (files added or removed count). */
function firstChange(before: readonly ChainFile[], now: readonly ChainFile[]): number {
  let i = 0;
  while (i < before.length && i < now.length && before[i].parsed === now[i].parsed) i++;
  return i;
}

function parsedFor(source: SourceFile, key: string, cache: Map<string, ParsedFile>): ParsedFile {
  const hit = cache.get(key);
  if (hit && hit.file.text === source.text && hit.file.path === source.path) return hit;
  const r = parseSpec(source);
  const parsed: ParsedFile = { file: source, ast: r.ast, diagnostics: r.diagnostics, ok: !hasErrors(r.diagnostics) };
  cache.set(key, parsed);
  return parsed;
}
