import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import { toJson } from "../core/diagnostics/render-json.js";
import { renderDiagnostic, renderUnlocated } from "../core/diagnostics/render-text.js";
import type { RunError } from "../runtime/errors.js";
import type { UsageError } from "./files.js";
import { styleFor } from "./output.js";
import { renderRunError, runErrorJson } from "./run-error.js";

/**
 * How a command reports what is not its result: diagnostics, failures, notes. For people, these
 * go to stderr (rendered, in colour on a terminal). With `--json`, stdout carries nothing but JSON
 * events, one per line, and stderr nothing at all: a diagnostic is `{"type":"diagnostic", …}` (the
 * shape of `kmig check --format json`), a failure `{"type":"error", "code", …}`, a note
 * `{"type":"info"|"warning", "message"}`.
 */
export interface Printer {
  readonly json: boolean;
  diagnostics(ds: readonly Diagnostic[]): void;
  failure(e: RunError): void;
  usage(e: UsageError): void;
  note(message: string, type?: "info" | "warning"): void;
  /** A JSON event (in JSON mode; nothing otherwise). */
  event(e: { readonly type: string } & Record<string, unknown>): void;
}

/** The printer of this process: JSON lines on stdout, or text on stderr. */
export function printerFor(json: boolean): Printer {
  const line = (e: object) => process.stdout.write(JSON.stringify(e) + "\n");
  if (json) {
    return {
      json,
      diagnostics: (ds) => ds.forEach((d) => line({ type: "diagnostic", ...toJson(d) })),
      failure: (e) => process.stdout.write(runErrorJson(e) + "\n"),
      usage: (e) => line({ type: "error", code: e.code, usage: true, message: e.message, help: e.help }),
      note: (message, type = "info") => line({ type, message }),
      event: line,
    };
  }
  const style = styleFor(process.stderr);
  return {
    json,
    diagnostics: (ds) => ds.forEach((d) => process.stderr.write(renderDiagnostic(d, style) + "\n\n")),
    failure: (e) => process.stderr.write(renderRunError(e, style) + "\n"),
    usage: (e) => process.stderr.write(renderUsage(e) + "\n"),
    note: (message, type = "info") => process.stderr.write(type === "warning" ? `warning: ${message}\n` : `${message}\n`),
    event: () => undefined,
  };
}

/** `error: …` with its help; `error[K9020]: …` for a usage problem the catalog has. */
export function renderUsage(e: UsageError): string {
  const style = styleFor(process.stderr);
  if (e.code) return renderUnlocated({ code: e.code, severity: "error", message: e.message, help: e.help, notes: [] }, style);
  return `${style.error("error")}${style.bold(`: ${e.message}`)}${e.help ? `\n  ${style.gutter("=")} ${style.bold("help")}: ${e.help}` : ""}`;
}

/**
 * Whether the command line asks for JSON output: `--json` before any `--`, or `kmig check --format
 * json`, or `kmig test --reporter json`. Known before the command's own arguments are parsed, so
 * that a usage error is JSON too.
 */
export function jsonRequested(command: string, argv: readonly string[]): boolean {
  const end = argv.indexOf("--");
  const args = end < 0 ? argv : argv.slice(0, end);
  const valued = (flag: string) => args.some((a, i) => a === `${flag}=json` || (a === flag && args[i + 1] === "json"));
  if (args.includes("--json")) return true;
  return (command === "check" && valued("--format")) || (command === "test" && valued("--reporter"));
}
