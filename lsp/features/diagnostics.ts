import { DiagnosticSeverity, DiagnosticTag, type Diagnostic as LspDiagnostic, type DiagnosticRelatedInformation } from "vscode-languageserver";
import type { Diagnostic, Severity } from "../../core/diagnostics/diagnostic.js";
import type { SourceFile } from "../../core/source-file.js";
import type { ChainAnalysis } from "../analysis.js";
import { rangeOf } from "../convert.js";

/** What a code action needs of a kmig diagnostic, carried in the LSP diagnostic's `data`. */
export interface DiagnosticData {
  readonly help: string | null;
}

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  note: DiagnosticSeverity.Information,
};

/** Codes of findings about code that does nothing: editors fade it. */
const UNNECESSARY = new Set(["K4004"]);

/**
 * A kmig diagnostic as LSP has them: the message with its help and notes below it (as `kmig
 * check` prints them), the code linked to its page in docs/diagnostics/, every other span it
 * points at (in any file of the chain) as related information.
 */
export function toLspDiagnostic(d: Diagnostic, uriOf: (f: SourceFile) => string | null, docsBase: string | null): LspDiagnostic {
  const lines = [d.message, ...(d.help ? [`help: ${d.help}`] : []), ...d.notes.map((n) => `note: ${n}`)];
  const related: DiagnosticRelatedInformation[] = [];
  const primaryUri = uriOf(d.primary.file);
  if (d.primary.label && primaryUri) related.push({ location: { uri: primaryUri, range: rangeOf(d.primary.file, d.primary.span) }, message: d.primary.label });
  for (const s of d.secondary) {
    const uri = uriOf(s.file);
    if (uri) related.push({ location: { uri, range: rangeOf(s.file, s.span) }, message: s.label || "see here" });
  }
  const data: DiagnosticData = { help: d.help };
  return {
    range: rangeOf(d.primary.file, d.primary.span),
    severity: SEVERITY[d.severity],
    code: d.code,
    ...(docsBase ? { codeDescription: { href: `${docsBase}${d.code}.md` } } : {}),
    source: "kmig",
    message: lines.join("\n"),
    ...(related.length ? { relatedInformation: related } : {}),
    ...(UNNECESSARY.has(d.code) ? { tags: [DiagnosticTag.Unnecessary] } : {}),
    data,
  };
}

/** Each file of the chain with its diagnostics (an empty list clears what the editor showed). */
export function chainDiagnostics(a: ChainAnalysis, docsBase: string | null): Map<string, LspDiagnostic[]> {
  const files = [...a.files.map((f) => [f.source, f.uri] as const), ...(a.config ? [[a.config.file, a.config.uri] as const] : [])];
  const uris = new Map<SourceFile, string>(files);
  const out = new Map<string, LspDiagnostic[]>(files.map(([, uri]) => [uri, []]));
  for (const d of a.diagnostics) {
    const uri = uris.get(d.primary.file);
    if (uri) out.get(uri)?.push(toLspDiagnostic(d, (f) => uris.get(f) ?? null, docsBase));
  }
  return out;
}
