import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import ts from "typescript";
import { emitPlanModules, type EmittedModule } from "../../compiler/emit/index.js";
import type { ChainResult } from "../../compiler/pipeline.js";
import { compileFolder } from "../support/spec-chain.js";

/** Compiles a spec folder (run from the repository root, as the CLI is) and fails on any error. */
export function compileClean(folder: string, override: Record<string, string> = {}): ChainResult {
  const result = compileFolder(folder, override);
  const errors = result.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`${folder} does not compile: ${errors.map((e) => `${e.code} ${e.message}`).join("; ")}`);
  return result;
}

/** The plan modules `kmig compile <folder>` writes, in memory. */
export async function emitFolder(folder: string, override: Record<string, string> = {}): Promise<EmittedModule[]> {
  return emitPlanModules(compileClean(folder, override).units);
}

/** Writes modules into a fresh temporary folder; returns the folder. */
export function writeModules(modules: readonly EmittedModule[]): string {
  const dir = mkdtempSync(join(tmpdir(), "kmig-emit-"));
  for (const m of modules) writeFileSync(join(dir, m.fileName), m.text);
  return dir;
}

/**
 * Loads an emitted module as JavaScript: TypeScript strips the types (nothing else changes), and
 * Node imports the result, so the test runs exactly the JavaScript a user of the plan would.
 */
export async function importModule<T>(module: EmittedModule): Promise<T> {
  const js = ts.transpileModule(module.text, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } }).outputText;
  const dir = mkdtempSync(join(tmpdir(), "kmig-emit-js-"));
  mkdirSync(dir, { recursive: true });
  const path = join(dir, module.fileName.replace(/\.ts$/, ".mjs"));
  writeFileSync(path, js);
  return (await import(pathToFileURL(path).href)) as T;
}

/** The header line of an emitted module that carries the spec's meaning checksum. */
export function checksumLine(module: EmittedModule): string {
  return module.text.split("\n").find((l) => l.includes("meaning checksum")) ?? "";
}

/** The strictest flags users turn on in their own projects, for an ES module. */
export const STRICTEST: ts.CompilerOptions = {
  strict: true,
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  noUnusedLocals: true,
  noUnusedParameters: true,
  noImplicitReturns: true,
  noImplicitOverride: true,
  noFallthroughCasesInSwitch: true,
  noUncheckedIndexedAccess: true,
  noPropertyAccessFromIndexSignature: true,
  exactOptionalPropertyTypes: true,
  isolatedModules: true,
  verbatimModuleSyntax: true,
};

/**
 * Type errors of every `.ts` file in `dir`, as tsc prints them, checked with no tsconfig and no
 * type packages (as `tsc --noEmit <flags> *.ts` inside a folder of its own).
 */
export function typeErrors(dir: string, options: ts.CompilerOptions): string[] {
  const files = readdirSync(dir).filter((f) => f.endsWith(".ts")).map((f) => join(dir, f));
  // skipLibCheck: the library's own declarations are not what is under test, and checking them is most of the time.
  const program = ts.createProgram(files, { ...options, noEmit: true, types: [], skipLibCheck: true });
  return ts.getPreEmitDiagnostics(program).map(showDiagnostic);
}

/** A diagnostic as `file:line: message`. */
export function showDiagnostic(d: ts.Diagnostic): string {
  const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}: ` : "";
  return `${where}${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
}
