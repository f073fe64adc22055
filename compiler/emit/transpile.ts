import { createRequire } from "node:module";

/** A plan module as Node loads it (ES module JavaScript) and its types (`.d.mts`). */
export interface TranspiledModule {
  readonly js: string;
  readonly dts: string;
}

/** Turns a printed plan module (TypeScript text) into its JavaScript and its declarations. */
export type ModuleTranspiler = (text: string, fileName: string) => TranspiledModule;

/**
 * Loads the TypeScript that ts-morph bundles (on first use; the print worker has it loaded) and
 * returns a transpiler: types stripped, nothing else changed (`transpileModule`, no type check),
 * and the declarations written from the annotations alone (`transpileDeclaration`: every export
 * of a plan module carries its type, see build-module.ts). Deterministic, like the printing.
 */
export function loadTranspiler(): ModuleTranspiler {
  const { ts } = createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph");
  const compilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, newLine: ts.NewLineKind.LineFeed };
  return (text, fileName) => {
    const js = ts.transpileModule(text, { compilerOptions, fileName, reportDiagnostics: false }).outputText;
    const d = ts.transpileDeclaration(text, { compilerOptions, fileName, reportDiagnostics: true });
    if (d.diagnostics && d.diagnostics.length > 0) {
      const first = d.diagnostics[0];
      throw new Error(`the declarations of ${fileName} cannot be written: ${ts.flattenDiagnosticMessageText(first.messageText, "\n")}`);
    }
    return { js, dts: d.outputText };
  };
}
