import { diag, hasErrors, sortDiagnostics, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import { DEFAULT_LINT_OPTIONS, lintChain, type LintOptions } from "../compiler/lint/index.js";
import { PLAIN, renderDiagnostic, renderSummary, type Style } from "../core/diagnostics/render-text.js";
import { toJson } from "../core/diagnostics/render-json.js";
import { loadChains } from "./load-chains.js";
import { collectSpecFiles, readSpecFile, UsageError } from "./files.js";
import { styleFor } from "./output.js";
import { parseCommandArgs } from "./args.js";

export const CHECK_HELP = `kmig check <file|folder>... [--format text|json] [--json]

Parses and checks .kmig specs and prints every problem found. Each folder is one chain (the .kmig
files directly in it); a folder given is searched for chains in its subfolders too.
  --format json, --json   the report as one JSON document on one line of stdout, nothing on stderr
Exit code: 0 clean (warnings allowed), 1 errors found, 2 usage or internal error.`;

/** Diagnostics for every spec file under `paths`: each folder is checked as one chain. */
export function checkPaths(paths: readonly string[], lint: LintOptions | false = DEFAULT_LINT_OPTIONS): { files: number; diagnostics: Diagnostic[] } {
  const loaded = loadChains(paths);
  if (lint === false) return { files: loaded.files, diagnostics: [...loaded.diagnostics] };
  // A chain with errors is not linted: its plans are incomplete, and the errors come first.
  const lints = loaded.chains.flatMap((c) => (c.result.complete && !hasErrors(c.result.diagnostics) ? lintChain(c.result, lint) : []));
  return { files: loaded.files, diagnostics: sortDiagnostics([...loaded.diagnostics, ...lints]) };
}

export function runCheck(argv: string[]): number {
  const { values, positionals } = parseCommandArgs("check", argv, { format: { type: "string" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(CHECK_HELP + "\n");
    return 0;
  }
  const format = values.format ?? (values.json ? "json" : "text");
  if (format !== "text" && format !== "json") throw new UsageError(`unknown --format \`${format}\``, "use --format text or --format json");
  if (values.json && format !== "json") throw new UsageError("--json and --format text contradict each other", "--json is --format json");
  if (positionals.length === 0) throw new UsageError("kmig check needs at least one file or folder", "e.g. `kmig check specs/keiko`");
  const { files, diagnostics } = checkPaths(positionals);
  const report = checkReport(files, diagnostics, format, styleFor(process.stderr));
  process.stderr.write(report.stderr);
  process.stdout.write(report.stdout);
  return report.exitCode;
}

/** What `kmig check` prints, and its exit code: one pure function, so golden tests see exactly the CLI's output. */
export function checkReport(
  files: number,
  diagnostics: readonly Diagnostic[],
  format: "text" | "json",
  style: Style = PLAIN,
): { stdout: string; stderr: string; exitCode: number } {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const exitCode = errors > 0 ? 1 : 0;
  if (format === "json") {
    // One line: with --json every line of stdout is one JSON value, for line-by-line readers.
    return { stdout: JSON.stringify({ type: "check", files, errors, warnings, diagnostics: diagnostics.map(toJson) }) + "\n", stderr: "", exitCode };
  }
  const stderr = diagnostics.map((d) => renderDiagnostic(d, style) + "\n\n").join("");
  return { stdout: renderSummary(files, errors, warnings) + "\n", stderr, exitCode };
}
