import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { diag, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { closestMatch } from "../../core/diagnostics/suggest.js";
import { makeSourceFile, type SourceFile } from "../../core/source-file.js";
import { DEFAULT_LINT_OPTIONS, LINT_CODES, SUPPORTED_PG, type LintOptions, type RuleLevel } from "./index.js";
import { DEFAULT_SIZE_THRESHOLDS, type SizeThresholds } from "./live-size.js";

/**
 * A spec folder's `kmig.yaml`: how `kmig check`, `kmig plan`/`apply` and the language server lint
 * that chain — all through `lintConfigFor`, so that the editor shows what `kmig check` prints.
 *
 *     pg-version: 15        # the PostgreSQL the migrations will run on (default: the oldest kmig supports)
 *     rules:
 *       K5025: off          # off, warning or error
 *       K5001: error
 *     lint-ignore-below-rows: 100     # kmig plan/apply: a lock, scan or rewrite lint on a smaller live table is dropped
 *     lint-note-below-rows: 10000     # … and on one smaller than this, a note
 *
 * Problems are diagnostics at their place in the file: K5029 (syntax, unknown key, bad value),
 * K5030 (a code that is not a safety lint), K5031 (a version kmig does not support).
 */
export const LINT_CONFIG_FILE = "kmig.yaml";

const KEYS = ["pg-version", "rules", "lint-ignore-below-rows", "lint-note-below-rows"] as const;
const LEVELS: readonly RuleLevel[] = ["off", "warning", "error"];

export interface LintConfig {
  readonly options: LintOptions;
  readonly diagnostics: readonly Diagnostic[];
  /** The kmig.yaml read (its diagnostics point into it); null when the folder has none. */
  readonly file: SourceFile | null;
}

/** How the loader reads kmig.yaml: the file's text at `path` (null: there is none), and the path its diagnostics show. */
export interface ConfigReader {
  text(path: string): string | null;
  display?(path: string): string;
}

const FROM_DISK: ConfigReader = { text: (path) => (existsSync(path) ? readFileSync(path, "utf8") : null) };

/**
 * The lint options for the chain in `folder`: its kmig.yaml if it has one (read from disk, or as
 * `reader` has it: the language server's open buffer), then `pgVersion` from the command line over it.
 */
export function lintConfigFor(folder: string, pgVersion: number | null, reader: ConfigReader = FROM_DISK): LintConfig {
  const path = join(folder, LINT_CONFIG_FILE);
  const text = reader.text(path);
  const read: LintConfig = text === null ? { options: DEFAULT_LINT_OPTIONS, diagnostics: [], file: null } : parseLintConfig(makeSourceFile(reader.display?.(path) ?? path, text));
  return pgVersion === null ? read : { ...read, options: { ...read.options, server: { ...read.options.server, pgVersion } } };
}

/** One `key: value` line of kmig.yaml: its indentation, key and value, with their offsets in the file. */
interface Line {
  readonly indent: number;
  readonly key: string;
  readonly keyAt: number;
  readonly value: string;
  readonly valueAt: number;
}

/**
 * Reads a kmig.yaml's text. It is the small part of YAML it needs — `key: value` lines, one level of
 * indentation under `rules:`, `#` comments, optional quotes — read by hand, so that `kmig check`
 * loads no YAML library; anything else is K5029 at its line.
 */
export function parseLintConfig(file: SourceFile): LintConfig {
  const out: Diagnostic[] = [];
  const span = (start: number, text: string) => ({ start, end: start + Math.max(1, text.length) });
  const lines: Line[] = [];
  let offset = 0;
  for (const raw of file.text.split("\n")) {
    const start = offset;
    offset += raw.length + 1;
    const text = raw.replace(/\r$/, "").replace(/(^|\s)#.*$/, "");
    if (text.trim() === "") continue;
    const m = /^( *)([^\s:#][^:]*?)\s*:(?:\s+(.*?))?\s*$/.exec(text);
    if (!m || /^\t/.test(text)) {
      out.push(diag("K5029", file, span(start, text.trimEnd()), "kmig.yaml holds `key: value` lines (indented with spaces under `rules:`)", { help: "e.g. `pg-version: 15`, and `rules:` with `  K5001: off` below it" }));
      continue;
    }
    const value = (m[3] ?? "").replace(/^(["'])(.*)\1$/, "$2");
    lines.push({ indent: m[1].length, key: m[2].replace(/^(["'])(.*)\1$/, "$2"), keyAt: start + m[1].length, value, valueAt: m[3] === undefined ? start + m[1].length : start + text.indexOf(m[3], m[1].length + m[2].length) });
  }
  let pgVersion: number = DEFAULT_LINT_OPTIONS.server.pgVersion;
  const levels = new Map<string, RuleLevel>();
  let inRules = false;
  let thresholds: SizeThresholds = DEFAULT_SIZE_THRESHOLDS;
  for (const line of lines) {
    if (line.indent > 0) {
      if (!inRules) {
        out.push(diag("K5029", file, span(line.keyAt, line.key), "an indented line belongs under `rules:`", { help: "write top-level keys (`pg-version`, `rules`) at the start of the line" }));
        continue;
      }
      if (!LINT_CODES.includes(line.key)) {
        const near = closestMatch(line.key, LINT_CODES);
        out.push(diag("K5030", file, span(line.keyAt, line.key), `\`${line.key}\` is not a safety lint`, { help: near ? `did you mean \`${near}\`? The safety lints are K5001–K5025` : "the safety lints are K5001–K5025 (docs/safety-lints.md)" }));
      } else if (!(LEVELS as readonly string[]).includes(line.value)) {
        out.push(diag("K5029", file, span(line.valueAt, line.value), `\`${line.value}\` is not a level for ${line.key}`, { help: "a rule's level is off, warning or error" }));
      } else levels.set(line.key, line.value as RuleLevel);
      continue;
    }
    inRules = false;
    if (line.key === "rules") {
      if (line.value !== "") out.push(diag("K5029", file, span(line.valueAt, line.value), "`rules:` takes its codes on the lines below it", { help: "indent one `K5001: off` (or warning, error) per line below `rules:`" }));
      inRules = true;
    } else if (line.key === "pg-version") {
      const n = /^\d+$/.test(line.value) ? Number(line.value) : NaN;
      if (!Number.isInteger(n)) out.push(diag("K5029", file, span(line.valueAt, line.value), "`pg-version` is a PostgreSQL major version, a whole number", { help: `e.g. \`pg-version: ${SUPPORTED_PG.newest}\`` }));
      else if (n < SUPPORTED_PG.oldest || n > SUPPORTED_PG.newest) out.push(diag("K5031", file, span(line.valueAt, line.value), `kmig does not support PostgreSQL ${n}`, { help: supportedHelp() }));
      else pgVersion = n;
    } else if (line.key === "lint-ignore-below-rows" || line.key === "lint-note-below-rows") {
      // `kmig plan` and `kmig apply` read the live tables' sizes: a size-bound lint on fewer rows is dropped, or a note.
      if (!/^\d+$/.test(line.value)) out.push(diag("K5029", file, span(line.valueAt, line.value), `\`${line.key}\` is a number of rows, a whole number`, { help: `e.g. \`${line.key}: ${line.key === "lint-ignore-below-rows" ? DEFAULT_SIZE_THRESHOLDS.ignoreBelowRows : DEFAULT_SIZE_THRESHOLDS.noteBelowRows}\`` }));
      else thresholds = { ...thresholds, [line.key === "lint-ignore-below-rows" ? "ignoreBelowRows" : "noteBelowRows"]: Number(line.value) };
    } else {
      const near = closestMatch(line.key, KEYS);
      out.push(diag("K5029", file, span(line.keyAt, line.key), `kmig.yaml has no key \`${line.key}\``, { help: near ? `did you mean \`${near}\`?` : `its keys are ${KEYS.join(", ")}` }));
    }
  }
  return { options: { server: { ...DEFAULT_LINT_OPTIONS.server, pgVersion }, levels, sizeThresholds: thresholds }, diagnostics: out, file };
}

export function supportedHelp(): string {
  return `kmig supports PostgreSQL ${SUPPORTED_PG.oldest} to ${SUPPORTED_PG.newest}`;
}
