import { CATALOG } from "../../core/diagnostics/catalog.js";
import { renderDiagnostic } from "../../core/diagnostics/render-text.js";
import { toJson } from "../../core/diagnostics/render-json.js";
import { makeSourceFile } from "../../core/source-file.js";
import { MAX_ERRORS_PER_FILE, parseSpec } from "../../grammar/index.js";

/**
 * What must hold for any text whatsoever: `parseSpec` returns (never throws), its diagnostics have
 * catalog codes, messages and spans inside the text, they render as text and JSON, the error count
 * respects the cap, and every span in the AST lies inside the text too. Throws a descriptive Error
 * otherwise, so that it works inside fast-check properties and plain loops alike.
 */
export function assertWellFormed(text: string, name = "fuzz.kmig"): void {
  const file = makeSourceFile(name, text);
  const result = parseSpec(file);
  const fail = (why: string) => {
    throw new Error(`${why}\n--- input (${text.length} chars): ${JSON.stringify(text.length > 400 ? text.slice(0, 400) + "…" : text)}`);
  };
  let errors = 0;
  for (const d of result.diagnostics) {
    if (!(d.code in CATALOG)) fail(`unknown code ${d.code}`);
    if (d.message.trim() === "") fail(`${d.code} has an empty message`);
    if (d.severity === "error") errors++;
    for (const l of [d.primary, ...d.secondary]) {
      const { start, end } = l.span;
      if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start <= end && end <= text.length)) {
        fail(`${d.code} "${d.message}" has span ${start}..${end} outside 0..${text.length}`);
      }
    }
    renderDiagnostic(d);
    const j = toJson(d);
    if (!(j.line >= 1 && j.column >= 1 && j.endLine >= j.line)) fail(`${d.code} has position ${j.line}:${j.column}-${j.endLine}:${j.endColumn}`);
  }
  if (errors > MAX_ERRORS_PER_FILE + 1) fail(`${errors} errors: more than the cap of ${MAX_ERRORS_PER_FILE} + 1`);
  checkSpans(result.ast, text.length, fail);
}

/** Every `span` in the AST lies inside the text. */
function checkSpans(node: unknown, length: number, fail: (why: string) => never | void): void {
  if (Array.isArray(node)) {
    for (const n of node) checkSpans(n, length, fail);
    return;
  }
  if (node === null || typeof node !== "object") return;
  for (const [k, v] of Object.entries(node)) {
    if (k === "span") {
      const s = v as { start: number; end: number };
      if (!(s.start >= 0 && s.start <= s.end && s.end <= length)) fail(`AST span ${s.start}..${s.end} outside 0..${length} in ${(node as { kind?: string }).kind}`);
    } else checkSpans(v, length, fail);
  }
}
