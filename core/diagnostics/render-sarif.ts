import { positionOf } from "../source-file.js";
import { CATALOG, type DiagnosticCode } from "./catalog.js";
import type { Diagnostic, Severity } from "./diagnostic.js";

/**
 * `kmig check --format sarif`: a SARIF 2.1.0 log (https://docs.oasis-open.org/sarif/sarif/v2.1.0/),
 * the format code-scanning tools read. One run; `tool.driver.rules` lists every code the results
 * use, with its catalog name, summary and a help URI to its docs/diagnostics page; each result has
 * its physical location (file relative to where kmig ran, 1-based line and column).
 */
export interface SarifOptions {
  readonly version: string;
  /** Where docs/diagnostics/ is, ending in `/`: a rule's helpUri is this + `K5001.md`. */
  readonly helpBase: string;
}

const LEVEL: Readonly<Record<Severity, "error" | "warning" | "note">> = { error: "error", warning: "warning", note: "note" };

export function toSarif(diagnostics: readonly Diagnostic[], options: SarifOptions): object {
  const codes = [...new Set(diagnostics.map((d) => d.code))].sort();
  const index = new Map(codes.map((c, i) => [c, i]));
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "kmig",
            version: options.version,
            informationUri: `${options.helpBase}README.md`,
            rules: codes.map((code) => rule(code, options)),
          },
        },
        columnKind: "unicodeCodePoints",
        results: diagnostics.map((d) => result(d, index.get(d.code) ?? 0)),
      },
    ],
  };
}

function rule(code: DiagnosticCode, options: SarifOptions): object {
  const entry = CATALOG[code];
  const helpUri = `${options.helpBase}${code}.md`;
  return {
    id: code,
    name: entry.name,
    shortDescription: { text: entry.summary },
    fullDescription: { text: entry.summary },
    help: { text: `${entry.summary} See ${helpUri}`, markdown: `${entry.summary}\n\n[${code}: ${entry.name}](${helpUri})` },
    helpUri,
    defaultConfiguration: { level: LEVEL[entry.severity] },
    properties: { tags: [code.startsWith("K5") ? "safety" : "correctness"] },
  };
}

function result(d: Diagnostic, ruleIndex: number): object {
  const s = positionOf(d.primary.file, d.primary.span.start);
  const e = positionOf(d.primary.file, Math.max(d.primary.span.start, d.primary.span.end));
  const text = [d.message, ...d.notes.map((n) => `note: ${n}`), ...(d.help ? [`help: ${d.help}`] : [])].join("\n");
  return {
    ruleId: d.code,
    ruleIndex,
    level: LEVEL[d.severity],
    message: { text },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: uriOf(d.primary.file.path) },
          region: { startLine: s.line, startColumn: s.column, endLine: e.line, endColumn: Math.max(e.column, e.line === s.line ? s.column + 1 : 1) },
        },
      },
    ],
  };
}

/** A path as a relative URI reference: forward slashes, each segment percent-encoded. */
function uriOf(path: string): string {
  return path.replace(/\\/g, "/").split("/").map((seg) => encodeURIComponent(seg)).join("/");
}
