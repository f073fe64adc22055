import { parseArgs } from "node:util";
import { diag, type Diagnostic } from "../compiler/diagnostics/diagnostic.js";
import { renderDiagnostic, renderSummary } from "../compiler/diagnostics/render-text.js";
import { toJson } from "../compiler/diagnostics/render-json.js";
import { parseSpec } from "../grammar/index.js";
import { collectSpecFiles, readSpecFile, UsageError } from "./files.js";
import { styleFor } from "./output.js";

export const CHECK_HELP = `kmig check <file|folder>... [--format text|json]

Parses and checks .kmig specs and prints every problem found.
Exit code: 0 clean (warnings allowed), 1 errors found, 2 usage or internal error.`;

/** Diagnostics for every spec file under `paths`, in file order. */
export function checkPaths(paths: readonly string[]): { files: number; diagnostics: Diagnostic[] } {
  const files = collectSpecFiles(paths);
  const diagnostics: Diagnostic[] = [];
  for (const path of files) {
    const read = readSpecFile(path);
    if (!read.ok) {
      diagnostics.push(diag("K1006", read.file, { start: read.offset, end: read.offset + 1 }, "the file is not valid UTF-8 text", { label: "invalid byte here", help: "kmig reads UTF-8 text files; is this the right file?" }));
      continue;
    }
    diagnostics.push(...parseSpec(read.file).diagnostics);
  }
  return { files: files.length, diagnostics };
}

export function runCheck(argv: string[]): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { format: { type: "string", default: "text" }, help: { type: "boolean", short: "h" } },
  });
  if (values.help) {
    process.stdout.write(CHECK_HELP + "\n");
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("kmig check needs at least one file or folder");
  if (values.format !== "text" && values.format !== "json") throw new UsageError(`unknown --format ${values.format}: use text or json`);
  const { files, diagnostics } = checkPaths(positionals);
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  if (values.format === "json") {
    process.stdout.write(JSON.stringify({ files, errors, warnings, diagnostics: diagnostics.map(toJson) }, null, 2) + "\n");
  } else {
    const style = styleFor(process.stderr);
    for (const d of diagnostics) process.stderr.write(renderDiagnostic(d, style) + "\n\n");
    process.stdout.write(renderSummary(files, errors, warnings) + "\n");
  }
  return errors > 0 ? 1 : 0;
}
