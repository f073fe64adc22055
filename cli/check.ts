import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { diag, hasErrors, sortDiagnostics, type Diagnostic } from "../core/diagnostics/diagnostic.js";
import { lintChain } from "../compiler/lint/index.js";
import { lintConfigFor, pgVersionOption } from "./lint-config.js";
import { NEWEST_PG, OLDEST_PG } from "../compiler/lint/lock-claims.js";
import { toSarif } from "../core/diagnostics/render-sarif.js";
import { toGithub } from "../core/diagnostics/render-github.js";
import { KMIG_VERSION } from "../core/version.js";
import { PLAIN, renderDiagnostic, renderSummary, type Style } from "../core/diagnostics/render-text.js";
import { toJson } from "../core/diagnostics/render-json.js";
import { loadChains } from "./load-chains.js";
import { collectSpecFiles, readSpecFile, UsageError } from "./files.js";
import { styleFor } from "./output.js";
import { parseCommandArgs } from "./args.js";

export const CHECK_HELP = `kmig check <file|folder>... [--format text|json|sarif|github] [--json] [--pg-version N]

Parses and checks .kmig specs and prints every problem found, and the safety lints of each
migration (K5001–K5025: locks, scans, rewrites, client breaks, forward and in its rollback; see
docs/safety-lints.md). Each folder is one chain (the .kmig files directly in it); a folder given is
searched for chains in its subfolders too. A chain's kmig.yaml sets lint levels and pg-version.
  --format json, --json   the report as one JSON document on one line of stdout, nothing on stderr
  --format sarif          a SARIF 2.1.0 log on stdout (for code scanning; rules link their docs pages)
  --format github         GitHub Actions annotations (::warning file=…,line=…::…) on stdout
  --pg-version N          the PostgreSQL major version the lints assume (${OLDEST_PG}–${NEWEST_PG}; default:
                          kmig.yaml's pg-version, else ${OLDEST_PG}, the oldest kmig supports)
  --no-lints              check only: no safety lints
  --docs-url URL          where docs/diagnostics/ is published, for SARIF help links (default: the
                          pages installed with kmig, as file: URIs)
Exit code: 0 clean (warnings allowed), 1 errors found, 2 usage or internal error.`;

const FORMATS = ["text", "json", "sarif", "github"] as const;
type Format = (typeof FORMATS)[number];

/** Diagnostics for every spec file under `paths`: each folder is checked as one chain. */
export function checkPaths(paths: readonly string[], options: CheckOptions = {}): { files: number; diagnostics: Diagnostic[] } {
  const loaded = loadChains(paths);
  if (options.lint === false) return { files: loaded.files, diagnostics: [...loaded.diagnostics] };
  const found: Diagnostic[] = [];
  for (const c of loaded.chains) {
    const config = lintConfigFor(c.folder, options.pgVersion ?? null);
    found.push(...config.diagnostics);
    // A chain with errors (or a kmig.yaml with errors) is not linted: its plans are incomplete, and the errors come first.
    if (c.result.complete && !hasErrors(c.result.diagnostics) && !hasErrors(config.diagnostics)) found.push(...lintChain(c.result, config.options));
  }
  return { files: loaded.files, diagnostics: found.length === 0 ? [...loaded.diagnostics] : sortDiagnostics([...loaded.diagnostics, ...found]) };
}

/** What `kmig check` does besides checking: the safety lints (on unless `lint: false`), for a PostgreSQL version. */
export interface CheckOptions {
  readonly lint?: boolean;
  /** `--pg-version`: over the spec folder's kmig.yaml; null/absent: kmig.yaml's, else the oldest supported. */
  readonly pgVersion?: number | null;
}

export function runCheck(argv: string[]): number {
  const { values, positionals } = parseCommandArgs("check", argv, { format: { type: "string" }, json: { type: "boolean" }, "pg-version": { type: "string" }, "docs-url": { type: "string" }, "no-lints": { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(CHECK_HELP + "\n");
    return 0;
  }
  const format = values.format ?? (values.json ? "json" : "text");
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`unknown --format \`${format}\``, "use --format text, json, sarif or github");
  if (values.json && format !== "json") throw new UsageError("--json and --format text contradict each other", "--json is --format json");
  if (positionals.length === 0) throw new UsageError("kmig check needs at least one file or folder", "e.g. `kmig check specs/keiko`");
  const pgVersion = pgVersionOption(values["pg-version"]);
  // --no-lints: checking alone (what bench/lint-speed.mjs compares against).
  const { files, diagnostics } = checkPaths(positionals, { pgVersion, lint: !values["no-lints"] });
  const docsUrl = values["docs-url"] ?? installedDocs();
  const report = checkReport(files, diagnostics, format as Format, styleFor(process.stderr), { docsUrl: docsUrl.endsWith("/") ? docsUrl : docsUrl + "/" });
  process.stderr.write(report.stderr);
  process.stdout.write(report.stdout);
  return report.exitCode;
}

/** What `kmig check` prints, and its exit code: one pure function, so golden tests see exactly the CLI's output. */
export function checkReport(
  files: number,
  diagnostics: readonly Diagnostic[],
  format: Format,
  style: Style = PLAIN,
  links: { readonly docsUrl: string } = { docsUrl: "docs/diagnostics/" },
): { stdout: string; stderr: string; exitCode: number } {
  const errors = diagnostics.filter((d) => d.severity === "error").length;
  const warnings = diagnostics.filter((d) => d.severity === "warning").length;
  const exitCode = errors > 0 ? 1 : 0;
  if (format === "json") {
    // One line: with --json every line of stdout is one JSON value, for line-by-line readers.
    return { stdout: JSON.stringify({ type: "check", files, errors, warnings, diagnostics: diagnostics.map(toJson) }) + "\n", stderr: "", exitCode };
  }
  if (format === "sarif") return { stdout: JSON.stringify(toSarif(diagnostics, { version: KMIG_VERSION, helpBase: links.docsUrl }), null, 2) + "\n", stderr: renderSummary(files, errors, warnings) + "\n", exitCode };
  if (format === "github") return { stdout: diagnostics.map((d) => toGithub(d) + "\n").join(""), stderr: renderSummary(files, errors, warnings) + "\n", exitCode };
  const stderr = diagnostics.map((d) => renderDiagnostic(d, style) + "\n\n").join("");
  return { stdout: renderSummary(files, errors, warnings) + "\n", stderr, exitCode };
}

/** The docs/diagnostics/ folder installed with kmig (the package ships docs/), as a file: URL; found upwards from this module (bundled or not). */
function installedDocs(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    if (existsSync(join(dir, "docs", "diagnostics", "README.md"))) return pathToFileURL(join(dir, "docs", "diagnostics")).href + "/";
    dir = dirname(dir);
  }
  return "docs/diagnostics/";
}
