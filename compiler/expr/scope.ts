import type { FunctionDef, Span, ValueMap } from "../../grammar/ast.js";
import type { Diagnostic } from "../../core/diagnostics/diagnostic.js";
import type { SourceFile } from "../../core/source-file.js";
import type { IrExpr } from "../ir/expr.js";
import type { Type } from "../../core/types.js";
import type { NamedTypeState } from "../model/named-type.js";

/** What a status map is, once checked: its entries as literals, and its input and output types. */
export interface MapInfo {
  readonly ast: ValueMap;
  readonly inputType: Type;
  readonly outputType: Type;
}

/** A use of a status map, kept so that totality can be checked against the column it reads. */
export interface MapUse {
  readonly map: string;
  readonly arg: IrExpr;
  readonly span: Span;
}

/**
 * What names mean where an expression is checked.
 * - `row`: a table mapping or expect; names are columns (the old row, or the new one in an expect).
 * - `doc`: a config block; names are top-level keys of the document.
 * - `none`: defaults and `def` bodies; only parameters have names.
 */
export interface Scope {
  readonly file: SourceFile;
  readonly diags: Diagnostic[];
  readonly mode: "row" | "doc" | "none";
  /** The row before the migration (row mode). */
  readonly oldColumns: ReadonlyMap<string, Type>;
  /** The row after the migration; bare names read it inside an `expect`. */
  readonly newColumns: ReadonlyMap<string, Type> | null;
  /** Columns dropped by earlier steps, for a precise "dropped at …" error. */
  readonly dropped: ReadonlyMap<string, string>;
  readonly table: string | null;
  readonly inExpect: boolean;
  readonly maps: ReadonlyMap<string, MapInfo>;
  readonly defs: ReadonlyMap<string, FunctionDef>;
  readonly params: ReadonlyMap<string, IrExpr>;
  /** The `def`s being expanded, innermost last: a repeat is recursion. */
  readonly expanding: readonly string[];
  readonly mapUses: MapUse[];
  /** The chain's enum types and domains where the expression stands: enum literals are checked against their labels. */
  readonly types: ReadonlyMap<string, NamedTypeState>;
}

/** A scope with no names at all (column defaults, check constraints get a row scope). */
export function emptyScope(file: SourceFile, diags: Diagnostic[]): Scope {
  return {
    file,
    diags,
    mode: "none",
    oldColumns: new Map(),
    newColumns: null,
    dropped: new Map(),
    table: null,
    inExpect: false,
    maps: new Map(),
    defs: new Map(),
    params: new Map(),
    expanding: [],
    mapUses: [],
    types: new Map(),
  };
}
