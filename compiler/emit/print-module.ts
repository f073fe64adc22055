import { createRequire } from "node:module";
import type { CodeBlockWriter, JSDocStructure, OptionalKind, StatementStructures } from "ts-morph";
import type { Declaration, ModuleModel } from "./module-model.js";

/**
 * Prints module models: ts-morph lays out the declarations, prettier formats the text. Both
 * are loaded here, on first use, with dynamic `import()` (the CLI bundle keeps them external),
 * so that commands that emit nothing never load them. The options are fixed here, never read
 * from a config file, so the output is the same byte for byte wherever kmig runs.
 */
export type ModulePrinter = (model: ModuleModel) => Promise<string>;

/** Loads ts-morph and prettier once, and returns a printer that reuses them. */
export async function loadModulePrinter(): Promise<ModulePrinter> {
  const [prettier, babelPlugin, estreePlugin] = await Promise.all([import("prettier/standalone"), import("prettier/plugins/babel"), import("prettier/plugins/estree")]);
  // ts-morph is CommonJS: `require` spares Node's ESM loader from lexing its 12 MB (and its bundled
  // TypeScript) for named exports, which costs more than loading it.
  const tsMorph = createRequire(import.meta.url)("ts-morph") as typeof import("ts-morph");
  const { printStructure, StructureKind, VariableDeclarationKind } = tsMorph;
  const structure = (d: Declaration): StatementStructures => {
    switch (d.kind) {
      case "interface":
        return { ...d.structure, kind: StructureKind.Interface, docs: safeDocs(d.structure.docs), properties: d.structure.properties?.map((p) => ({ ...p, docs: safeDocs(p.docs) })) };
      case "typeAlias":
        return { ...d.structure, kind: StructureKind.TypeAlias, docs: safeDocs(d.structure.docs) };
      case "function":
        return { ...d.structure, kind: StructureKind.Function, docs: safeDocs(d.structure.docs) };
      case "const": {
        const c = d.structure;
        return {
          kind: StructureKind.VariableStatement,
          isExported: c.isExported,
          docs: safeDocs(c.docs),
          declarationKind: VariableDeclarationKind.Const,
          declarations: [{ name: c.name, type: c.type ?? undefined, initializer: c.initializer }],
        };
      }
    }
  };
  return async (model) => {
    // A blank line before each declaration: ts-morph separates only some kinds, and prettier keeps what it is given.
    const statements = model.declarations.map((d) => ({ ...structure(d), leadingTrivia: (w: CodeBlockWriter) => w.blankLineIfLastNot() }));
    // printStructure only writes text: no TypeScript source file is parsed or type-checked here.
    const text = printStructure({ kind: StructureKind.SourceFile, statements: [model.header, ...statements] }, { indentNumberOfSpaces: 2 });
    // babel-ts formats TypeScript as the typescript parser does, and starts faster.
    return prettier.format(text, { parser: "babel-ts", plugins: [babelPlugin, estreePlugin], printWidth: 120, endOfLine: "lf" });
  };
}

/** Doc texts that cannot end their comment early: names and globs from a spec may hold `*\/`. */
function safeDocs(docs: readonly (string | OptionalKind<JSDocStructure>)[] | undefined): string[] {
  return (docs ?? []).map((d) => (typeof d === "string" ? d : String(d.description ?? "")).replace(/\*\//g, "*\\/"));
}
