import { createRequire } from "node:module";
import type { JSDocStructure, OptionalKind, StatementStructures } from "ts-morph";
import type { Declaration, ModuleModel } from "./module-model.js";

/**
 * The layout half of printing a module: ts-morph writes each declaration's structure as text.
 * A module comes out as chunks (the header, then one chunk per declaration) that prettier formats
 * one by one: top-level declarations format independently, so the chunks, formatted and joined
 * with a blank line, are exactly the formatted module, whichever thread formats which chunk.
 */
export type ModuleLayout = (model: ModuleModel) => LaidOutChunk[];

/** One chunk's text, and whether prettier still has to format it. */
export interface LaidOutChunk {
  readonly text: string;
  readonly format: boolean;
}

/**
 * Loads ts-morph (on first use only: the CLI bundle keeps it external) and returns the layout.
 * ts-morph is CommonJS: `require` spares Node's ESM loader from lexing its 13 MB (and the
 * TypeScript it bundles) for named exports, which costs more than loading it.
 */
export function loadModuleLayout(): ModuleLayout {
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
          // A preformatted initializer goes in after printing: ts-morph would indent its lines as a hanging indent.
          declarations: [{ name: c.name, type: c.type ?? undefined, initializer: c.preformatted ? PLACEHOLDER : c.initializer }],
        };
      }
    }
  };
  // printStructure only writes text: no TypeScript source file is parsed or type-checked.
  const print = (d: Declaration): LaidOutChunk => {
    const text = printStructure(structure(d), { indentNumberOfSpaces: 2 });
    // Ending in one newline, as prettier's output does, so that chunks join the same way.
    if (d.kind === "const" && d.structure.preformatted) return { text: `${text.split(PLACEHOLDER).join(d.structure.initializer).trimEnd()}\n`, format: false };
    return { text, format: true };
  };
  return (model) => [{ text: `${model.header}\n`, format: false }, ...model.declarations.map(print)];
}

/**
 * ts-morph's large files, dependencies first (the TypeScript it bundles, @ts-morph/common,
 * ts-morph), for loading through the code cache (code-cache.ts); null if not where expected.
 */
export function tsMorphFiles(): string[] | null {
  try {
    const main = createRequire(import.meta.url).resolve("ts-morph");
    const common = createRequire(main).resolve("@ts-morph/common");
    return [createRequire(common).resolve("./typescript"), common, main];
  } catch {
    return null;
  }
}

const PLACEHOLDER = "__kmig_preformatted_initializer__";

/** Doc texts that cannot end their comment early: names and globs from a spec may hold `*\/`. */
function safeDocs(docs: readonly (string | OptionalKind<JSDocStructure>)[] | undefined): string[] {
  return (docs ?? []).map((d) => (typeof d === "string" ? d : String(d.description ?? "")).replace(/\*\//g, "*\\/"));
}
