import { readFileSync } from "node:fs";
import type { RunError } from "../runtime/errors.js";
import { diag, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import { renderDiagnostic, renderUnlocated, type Style } from "../core/diagnostics/render-text.js";
import { makeSourceFile } from "../core/source-file.js";

/**
 * A runtime failure as kmig prints it: by the same renderer as the front end's diagnostics, with a
 * code frame at the spec line of the failing step (or the config file's line) when there is one.
 */
export function renderRunError(e: RunError, style: Style): string {
  const d = runErrorDiagnostic(e);
  if (d) return renderDiagnostic(d, style);
  const location = e.origin ? `${e.origin.file}:${e.origin.line}:${e.origin.column}` : null;
  return renderUnlocated({ code: e.code, severity: "error", message: e.message, help: e.help, notes: e.notes }, style, location);
}

/**
 * The failure as a diagnostic at its origin, with the first word there under the caret; null
 * without an origin, or when its file can no longer be read (moved since the plan was compiled).
 */
export function runErrorDiagnostic(e: RunError): Diagnostic | null {
  if (!e.origin) return null;
  let text: string;
  try {
    text = readFileSync(e.origin.file, "utf8");
  } catch {
    return null;
  }
  const file = makeSourceFile(e.origin.file, text);
  const lineStart = file.lineStarts[e.origin.line - 1];
  if (lineStart === undefined) return null;
  const start = lineStart + e.origin.column - 1;
  const word = /^[^\s{}()[\],;:]+/.exec(text.slice(start))?.[0].length ?? 1;
  const label = e.label ?? (e.code.startsWith("K94") ? "here" : "this step");
  return diag(e.code, file, { start, end: start + word }, e.message, { label, help: e.help, notes: e.notes });
}

/** JSON form of a failure (with `--json`): one event. */
export function runErrorJson(e: RunError): string {
  return JSON.stringify({ type: "error", code: e.code, message: e.message, origin: e.origin, database: e.dbMessage, help: e.help, notes: e.notes });
}

