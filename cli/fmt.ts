import { writeFileSync } from "node:fs";
import { diag, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import { formatFile } from "../grammar/print/index.js";
import { collectSpecFiles, readSpecFile, UsageError } from "./files.js";
import { parseCommandArgs } from "./args.js";
import { printerFor } from "./printer.js";

/** `kmig fmt --help`. */
export const FMT_HELP = `kmig fmt [--check | --stdout] <file|folder>...

Prints .kmig specs in the canonical layout: two-space indentation, one statement per line,
columns lined up, minimal parentheses, comments kept where they were.

  (no flag)   rewrite each file whose layout differs, and list the files rewritten
  --check     change nothing; list the files that are not in the canonical layout
  --stdout    print the formatted text instead of writing it
  --json      one JSON event per line: {"type":"formatted"|"unformatted"|"formatted-text","file",…}

A file with syntax errors is never rewritten: its errors are printed instead.
Exit code: 0 done (or, with --check, every file canonical), 1 syntax errors or (with --check)
files to format, 2 usage or internal error.`;

type Mode = "write" | "check" | "stdout";

/** `kmig fmt`: formats files in place, checks them, or prints them. */
export function runFmt(argv: string[]): number {
  const { values, positionals } = parseCommandArgs("fmt", argv, { check: { type: "boolean" }, stdout: { type: "boolean" }, json: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(FMT_HELP + "\n");
    return 0;
  }
  if (positionals.length === 0) throw new UsageError("kmig fmt needs at least one file or folder", "e.g. `kmig fmt specs`");
  if (values.check && values.stdout) throw new UsageError("kmig fmt takes --check or --stdout, not both", "--check lists the files to format; --stdout prints them formatted");
  const mode: Mode = values.check ? "check" : values.stdout ? "stdout" : "write";
  const out = printerFor(values.json ?? false);
  let failed = false;
  let unformatted = 0;
  for (const path of collectSpecFiles(positionals)) {
    const outcome = formatOne(path, mode);
    out.diagnostics(outcome.errors);
    if (outcome.errors.length > 0) failed = true;
    if (outcome.output !== null) {
      if (out.json) out.event({ type: mode === "stdout" ? "formatted-text" : mode === "check" ? "unformatted" : "formatted", file: outcome.file, ...(mode === "stdout" ? { text: outcome.output } : {}) });
      else process.stdout.write(outcome.output);
    }
    if (outcome.unformatted) unformatted++;
  }
  if (mode === "check" && unformatted > 0) {
    out.note(`${unformatted} file${unformatted === 1 ? "" : "s"} not in the canonical layout; run \`kmig fmt\` on ${unformatted === 1 ? "it" : "them"}`);
  }
  return failed || (mode === "check" && unformatted > 0) ? 1 : 0;
}

interface FileOutcome {
  /** The file as shown to people (relative to the working folder when inside it). */
  readonly file: string;
  /** Why the file could not be formatted (its syntax errors, with any warnings). */
  readonly errors: readonly Diagnostic[];
  /** What to print on stdout for this file. */
  readonly output: string | null;
  readonly unformatted: boolean;
}

function formatOne(path: string, mode: Mode): FileOutcome {
  const read = readSpecFile(path);
  if (!read.ok) {
    const d = diag("K1006", read.file, { start: read.offset, end: read.offset + 1 }, "the file is not valid UTF-8 text", { label: "invalid byte here", help: "kmig reads UTF-8 text files; is this the right file?" });
    return { file: read.file.path, errors: [d], output: null, unformatted: false };
  }
  const r = formatFile(read.file);
  const file = read.file.path;
  if (!r.ok) return { file, errors: r.diagnostics, output: null, unformatted: false };
  switch (mode) {
    case "stdout":
      return { file, errors: [], output: r.text, unformatted: false };
    case "check":
      return { file, errors: [], output: r.changed ? `${read.file.path}\n` : null, unformatted: r.changed };
    case "write":
      if (!r.changed) return { file, errors: [], output: null, unformatted: false };
      writeSpec(path, r.text);
      return { file, errors: [], output: `formatted ${read.file.path}\n`, unformatted: false };
  }
}

/** Writes a formatted spec back; a file kmig may read but not write is a usage error, not a crash. */
function writeSpec(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, "use --check or --stdout to format without writing");
  }
}
