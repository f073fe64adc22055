import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { DiagnosticCode } from "../../../core/diagnostics/catalog.js";
import type { Diagnostic } from "../../../core/diagnostics/diagnostic.js";
import { compileChain } from "../../../compiler/pipeline.js";
import { makeSourceFile, positionOf } from "../../../core/source-file.js";

export const KEIKO = "specs/keiko";
export const MIGRATION = "001_keiko_v2.kmig";

/** One deliberate mistake in a copy of specs/keiko, and the diagnostic it must produce. */
export interface Breakage {
  readonly name: string;
  readonly file?: string;
  /** Text that occurs exactly once in the file, and what it becomes. */
  readonly find: string;
  readonly replace: string;
  /** The faulty token: its first occurrence from the start of the replacement (or of the file). */
  readonly at: string;
  readonly atFromFileStart?: boolean;
  /** Files renamed in the copy (old name → new name). */
  readonly renames?: Readonly<Record<string, string>>;
  readonly code: DiagnosticCode;
  readonly message: RegExp;
  readonly help?: RegExp;
}

/** The copy's files (name → text), with the mistake made. */
export function brokenCopy(b: Breakage): Record<string, string> {
  const files: Record<string, string> = {};
  for (const f of readdirSync(KEIKO).filter((x) => x.endsWith(".kmig")).sort()) files[b.renames?.[f] ?? f] = readFileSync(join(KEIKO, f), "utf8");
  const file = b.renames?.[b.file ?? MIGRATION] ?? b.file ?? MIGRATION;
  const text = files[file];
  expect(text.split(b.find).length - 1, `\`${b.find}\` must occur once in ${file} (has specs/keiko changed?)`).toBe(1);
  files[file] = text.replace(b.find, () => b.replace);
  return files;
}

/** Where the faulty token of a breakage is, as `line:col` in the broken file. */
export function faultPosition(b: Breakage, files: Record<string, string>): string {
  const file = b.renames?.[b.file ?? MIGRATION] ?? b.file ?? MIGRATION;
  const text = files[file];
  const from = b.atFromFileStart ? 0 : text.indexOf(b.replace);
  const offset = text.indexOf(b.at, from);
  expect(offset, `\`${b.at}\` must occur in the broken ${file}`).toBeGreaterThanOrEqual(0);
  const p = positionOf(makeSourceFile(file, text), offset);
  return `${p.line}:${p.column}`;
}

/** `kmig check` on the copy, in memory: every diagnostic, as the pipeline returns it. */
export function checkCopy(files: Record<string, string>): readonly Diagnostic[] {
  const sources = Object.keys(files)
    .sort()
    .map((f) => makeSourceFile(join(KEIKO, f), files[f]));
  return compileChain(sources).diagnostics;
}

/** `CODE file:line:col message` of a diagnostic, for assertions that show everything on failure. */
export function located(d: Diagnostic): string {
  const p = positionOf(d.primary.file, d.primary.span.start);
  return `${d.code} ${d.primary.file.path}:${p.line}:${p.column} ${d.message}`;
}
