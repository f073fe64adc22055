import { hasErrors } from "../../core/diagnostics/diagnostic.js";
import { renderDiagnostic } from "../../core/diagnostics/render-text.js";
import { makeSourceFile } from "../../core/source-file.js";
import { parseSpec } from "../../grammar/index.js";
import { printSpec } from "../../grammar/print/index.js";
import { compileChain } from "../../compiler/pipeline.js";
import type { BaselineText, LanguageSupport } from "./write-baseline.js";

/** Whether this kmig's grammar reads a probe without errors: pull uses a construct only when the language has it. */
function parses(text: string): boolean {
  return !hasErrors(parseSpec(makeSourceFile("probe.kmig", text)).diagnostics);
}

/** What the language can say besides tables (issue 13's enum types and domains, as they land). */
export function languageSupport(): LanguageSupport {
  const types = new Map<string, boolean>();
  return {
    enums: parses("baseline p version '1' {\n  create type t as enum ('a', 'b')\n}\n"),
    domains: parses("baseline p version '1' {\n  create domain d as integer check (value > 0)\n}\n"),
    // A column type as PostgreSQL prints it, and the enum types and domains the baseline declares.
    typeOk: (type, declared) => {
      const key = `${type}\n${declared.join(",")}`;
      let ok = types.get(key);
      if (ok === undefined) {
        const decls = declared.map((d) => `  create type ${d} as enum ('a')\n`).join("");
        ok = parses(`baseline p version '1' {\n${decls}  create table t {\n    c ${type}\n  }\n}\n`);
        types.set(key, ok);
      }
      return ok;
    },
  };
}

/** Where and when a baseline was pulled, for its header. */
export interface PullSource {
  readonly where: string;
  readonly schema: string;
  readonly when: string;
  readonly serverVersion: number;
}

/**
 * The baseline file: a header saying where and when it was pulled and what it could not say, then
 * the baseline as `kmig fmt` prints it. `errors`: what parsing it back found (a bug in pull).
 */
export function formatPulled(b: BaselineText, src: PullSource): { text: string; errors: string[] } {
  const v = src.serverVersion;
  const header = [
    `// Pulled by \`kmig pull\` from ${src.where}, schema ${src.schema}, at ${src.when} (PostgreSQL ${Math.floor(v / 10000)}.${v % 10000}).`,
    `// ${b.counts}.${b.counts.startsWith("0 tables, 0 views, 0") ? " The schema was empty: this baseline describes an empty database." : ""}`,
    ...(b.declared.length > 0 ? ["// Declared `external` rather than described (status checks that they exist and leaves them alone):", ...b.declared.map((u) => `//   - ${u}`)] : []),
    ...(b.skipped.length > 0 ? ["// Skipped — kinds of object kmig neither describes nor declares (the database keeps them; kmig", "// neither checks nor manages them):", ...b.skipped.map((u) => `//   - ${u}`)] : []),
    ...(b.unsaid.length > 0 ? ["// Not said here — the database has these, kmig's language cannot say them yet (status reports", "// them as drift until they are described or removed):", ...b.unsaid.map((u) => `//   - ${u}`)] : []),
  ].join("\n");
  const raw = `${header}\n${b.body}`;
  const file = makeSourceFile("000_baseline.kmig", raw);
  const parsed = parseSpec(file);
  if (hasErrors(parsed.diagnostics)) return { text: raw, errors: parsed.diagnostics.map((d) => renderDiagnostic(d)) };
  const text = printSpec(parsed.ast, raw);
  // What pull writes must check cleanly: an error here is pull's own mistake, never the user's.
  const checked = compileChain([makeSourceFile("000_baseline.kmig", text)]);
  return { text, errors: checked.diagnostics.filter((d) => d.severity === "error").map((d) => renderDiagnostic(d)) };
}

