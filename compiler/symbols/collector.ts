import type * as A from "../../grammar/ast.js";
import { typeToString } from "../../grammar/literals.js";
import type { SourceFile } from "../../core/source-file.js";
import type { ChainSymbol, NamingRole, Occurrence, SymbolKind, TableBlock } from "./model.js";

/** A column as a table has it at some point: its symbol and the naming that gave it this name. */
export interface ColumnAt {
  readonly id: number;
  readonly naming: number;
}

/** A table as the chain has it at some point: its symbol and its columns by current name. */
export interface TableAt {
  readonly id: number;
  naming: number;
  readonly columns: Map<string, ColumnAt>;
}

/** What names mean in an expression: the old and new row of a table block, a def's parameters. */
export interface ExprScope {
  readonly old: ReadonlyMap<string, ColumnAt> | null;
  readonly new: ReadonlyMap<string, ColumnAt> | null;
  /** In an `expect` (and a `reverse`), bare names read the new row. */
  readonly newByDefault: boolean;
  readonly params: ReadonlyMap<string, number> | null;
}

export const NO_NAMES: ExprScope = { old: null, new: null, newByDefault: false, params: null };

/**
 * The state of the walk over a chain: the symbols so far, the tables as the chain has them at the
 * current point, and the current file's occurrences.
 */
export class Collector {
  readonly symbols: ChainSymbol[] = [];
  readonly tables = new Map<string, TableAt>();
  private readonly named = new Map<string, number>();
  occurrences: Occurrence[] = [];
  blocks: TableBlock[] = [];
  maps: ReadonlyMap<string, number> = new Map();
  defs: ReadonlyMap<string, number> = new Map();
  /** Types the chain declares (enum types, domains), by name. */
  readonly types = new Map<string, ColumnAt>();
  /** An enum type's labels, in order, by the type's symbol. */
  readonly labels = new Map<number, string[]>();
  /** A column's type as last declared (its name), by the column's symbol. */
  readonly columnTypes = new Map<number, string>();

  constructor(
    public file: SourceFile,
    public unit: number,
  ) {}

  /** Starts a new file of the chain. */
  enterFile(file: SourceFile, unit: number): void {
    this.file = file;
    this.unit = unit;
    this.occurrences = [];
    this.blocks = [];
    this.maps = new Map();
    this.defs = new Map();
  }

  /** A new symbol, named at `ident` (its definition occurrence is recorded). */
  declare(kind: SymbolKind, ident: A.Ident, role: NamingRole, table: number | null = null): ColumnAt {
    const s: ChainSymbol = { id: this.symbols.length, kind, name: ident.name, namings: [], table, dropped: null, declaredType: null };
    this.symbols.push(s);
    return { id: s.id, naming: this.rename(s.id, ident, role) };
  }

  /** Another name for an existing symbol (a rename); returns the naming's index. */
  rename(id: number, ident: A.Ident, role: NamingRole): number {
    const s = this.symbols[id];
    s.namings.push({ file: this.file, span: ident.span, role, name: ident.name, unit: this.unit });
    const naming = s.namings.length - 1;
    this.occurrences.push({ span: ident.span, symbol: id, naming, role: "definition", unit: this.unit });
    return naming;
  }

  /** A use of a symbol by name. */
  use(at: ColumnAt | undefined, ident: A.Ident | { span: A.Span }): void {
    if (at) this.occurrences.push({ span: ident.span, symbol: at.id, naming: at.naming, role: "reference", unit: this.unit });
  }

  /** A type named where a column, parameter or map gets its type: the chain's own type of that name, else the built-in one. */
  useType(name: string, span: A.Span): void {
    const declared = this.types.get(name);
    if (declared) this.use(declared, { span });
    else this.useNamed("type", name, span);
  }

  /** A use of a thing known by its name alone (a builtin function, a type): one symbol per name. */
  useNamed(kind: "builtin" | "type", name: string, span: A.Span): void {
    const key = `${kind}:${name}`;
    let id = this.named.get(key);
    if (id === undefined) {
      id = this.symbols.length;
      this.symbols.push({ id, kind, name, namings: [], table: null, dropped: null, declaredType: null });
      this.named.set(key, id);
    }
    this.occurrences.push({ span, symbol: id, naming: -1, role: "reference", unit: this.unit });
  }

  /** The table of that name now, as a use of it. */
  useTable(ident: A.Ident): TableAt | undefined {
    const t = this.tables.get(ident.name);
    if (t) this.use({ id: t.id, naming: t.naming }, ident);
    return t;
  }

  /** A column's type as declared here (a definition, `add`, `alter … type`); `nullable` overrides the written `?`. */
  setColumnType(id: number, type: A.TypeRef, nullable = type.nullable): void {
    this.columnTypes.set(id, type.name);
    this.symbols[id].declaredType = typeToString({ ...type, nullable });
  }

  /** Marks a table or column dropped here. */
  drop(id: number, span: A.Span): void {
    this.symbols[id].dropped = { file: this.file, span, unit: this.unit };
  }
}
