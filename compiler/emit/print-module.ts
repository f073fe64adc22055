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
  const [tsMorph, prettier, typescriptPlugin, estreePlugin] = await Promise.all([
    import("ts-morph"),
    import("prettier/standalone"),
    import("prettier/plugins/typescript"),
    import("prettier/plugins/estree"),
  ]);
  const { Project, StructureKind, VariableDeclarationKind } = tsMorph;
  // In memory and without lib files: ts-morph only lays out text here, it never type-checks.
  const project = new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, compilerOptions: { noLib: true } });
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
    const file = project.createSourceFile(model.fileName, { statements: [model.header, ...statements] }, { overwrite: true });
    const text = file.getFullText();
    project.removeSourceFile(file);
    return prettier.format(text, {
      parser: "typescript",
      plugins: [typescriptPlugin, estreePlugin],
      printWidth: 120,
      endOfLine: "lf",
    });
  };
}

/** Doc texts that cannot end their comment early: names and globs from a spec may hold `*\/`. */
function safeDocs(docs: readonly (string | OptionalKind<JSDocStructure>)[] | undefined): string[] {
  return (docs ?? []).map((d) => (typeof d === "string" ? d : String(d.description ?? "")).replace(/\*\//g, "*\\/"));
}
