import type { FunctionDeclarationStructure, InterfaceDeclarationStructure, OptionalKind, TypeAliasDeclarationStructure } from "ts-morph";

/**
 * One emitted plan module as plain data: ts-morph structures (declarations in order) that the
 * printer turns into source text. Building it needs neither ts-morph nor prettier loaded (the
 * imports here are types only), so that `kmig check` never pays for them.
 */
export interface ModuleModel {
  /** `001_keiko_v2.ts`: the spec file's stem. */
  readonly fileName: string;
  /** The leading comment: generated, from which spec, the meaning checksum. */
  readonly header: string;
  readonly declarations: readonly Declaration[];
}

/** A `const` (exported unless said otherwise); its initializer is expression text. */
export interface ConstDeclaration {
  readonly name: string;
  readonly type: string | null;
  readonly initializer: string;
  readonly docs: readonly string[];
  readonly isExported: boolean;
  /** The initializer is already laid out as prettier would (data-literal.ts): prettier skips it. */
  readonly preformatted: boolean;
}

/** One top-level declaration, in the order it is printed. */
export type Declaration =
  | { readonly kind: "interface"; readonly structure: OptionalKind<InterfaceDeclarationStructure> }
  | { readonly kind: "typeAlias"; readonly structure: OptionalKind<TypeAliasDeclarationStructure> }
  | { readonly kind: "function"; readonly structure: OptionalKind<FunctionDeclarationStructure> }
  | { readonly kind: "const"; readonly structure: ConstDeclaration };

/** An exported interface whose properties are all readonly, each `name: type` with an optional doc. */
export function readonlyInterface(name: string, doc: string, properties: readonly (readonly [string, string, string?])[]): Declaration {
  return {
    kind: "interface",
    structure: {
      name,
      isExported: true,
      docs: [doc],
      properties: properties.map(([prop, type, propDoc]) => ({ name: prop, type, isReadonly: true, docs: propDoc ? [propDoc] : [] })),
    },
  };
}

/** An exported type alias. */
export function typeAlias(name: string, doc: string, type: string): Declaration {
  return { kind: "typeAlias", structure: { name, isExported: true, docs: [doc], type } };
}

/** An exported const; `preformatted` when its initializer comes from dataLiteral. */
export function exportedConst(name: string, doc: string, type: string | null, initializer: string, preformatted = false): Declaration {
  return { kind: "const", structure: { name, type, initializer, docs: [doc], isExported: true, preformatted } };
}
