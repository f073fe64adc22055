import type { Span } from "../../grammar/ast.js";
import type { SourceFile } from "../../core/source-file.js";

/**
 * The names of a chain, for editors: what each name in the text stands for, where that thing was
 * created, added or renamed, and where else it is used. Plain data, computed from the ASTs (so a
 * file with syntax errors still has its names) and the chain's order (so `status` in a mapping is
 * the column of the table as the chain has it at that point).
 */

/** What a name can stand for. `builtin` is a stdlib function; `type` a column type by name. */
export type SymbolKind = "table" | "column" | "map" | "def" | "param" | "type" | "builtin";

/** How a name came to be: `create table`/a column in it, `add`, `rename … -> new`, a map/def/param declared. */
export type NamingRole = "created" | "added" | "renamed" | "declared";

/** One point of the chain where a thing got the name it then has. */
export interface Naming {
  readonly file: SourceFile;
  readonly span: Span;
  readonly role: NamingRole;
  readonly name: string;
  /** The index of the file (in chain order) holding it. */
  readonly unit: number;
}

/** A table, column, map, def, parameter, type or builtin, with every name it had. */
export interface ChainSymbol {
  readonly id: number;
  readonly kind: SymbolKind;
  /** The name it was first known by (a builtin's or a type's name). */
  readonly name: string;
  readonly namings: Naming[];
  /** A column's table (symbol id). */
  readonly table: number | null;
  /** Where it was dropped (tables and columns), if it was. */
  dropped: { readonly file: SourceFile; readonly span: Span; readonly unit: number } | null;
  /** A column's type as the chain last declared it (as written: `varchar(50)?`); the checker's types are exact where it got that far. */
  declaredType: string | null;
}

/** One name in the text, and what it stands for. */
export interface Occurrence {
  readonly span: Span;
  readonly symbol: number;
  /** The naming in effect where it stands (an index into the symbol's `namings`), -1 for none (builtins, types). */
  readonly naming: number;
  readonly role: "definition" | "reference";
  /** The index of the file (in chain order) holding it. */
  readonly unit: number;
}

/** A `table t { … }` or `create table t { … }` block: the columns its expressions can read. */
export interface TableBlock {
  readonly span: Span;
  readonly unit: number;
  readonly table: number | null;
  readonly tableName: string;
  /** Column names as the block found them (the old row) and as it leaves them (the new row). */
  readonly before: readonly string[];
  readonly after: readonly string[];
  /** The type (its name) of each column as the block leaves it. */
  readonly types: ReadonlyMap<string, string>;
}

/** One migration or baseline: the tables before and after it, its maps and defs by name. */
export interface UnitScope {
  readonly unit: number;
  readonly file: SourceFile;
  readonly span: Span;
  readonly tablesBefore: readonly string[];
  readonly tablesAfter: readonly string[];
  /** Each table's column names as the unit found them. */
  readonly columnsBefore: ReadonlyMap<string, readonly string[]>;
  readonly maps: ReadonlyMap<string, number>;
  readonly defs: ReadonlyMap<string, number>;
  /** The labels of each enum type, by type name, as the unit leaves them. */
  readonly enumLabels: ReadonlyMap<string, readonly string[]>;
}

/** A file's names: occurrences sorted by start, and its table blocks. */
export interface FileSymbols {
  readonly file: SourceFile;
  readonly unit: number;
  readonly occurrences: readonly Occurrence[];
  readonly blocks: readonly TableBlock[];
  readonly scope: UnitScope | null;
}

/** The names of a whole chain. */
export interface ChainSymbols {
  readonly symbols: readonly ChainSymbol[];
  readonly files: ReadonlyMap<SourceFile, FileSymbols>;
}

/** The name at `offset` in `file` (the innermost, when names nest), or null. */
export function occurrenceAt(cs: ChainSymbols, file: SourceFile, offset: number): Occurrence | null {
  const occ = cs.files.get(file)?.occurrences ?? [];
  let best: Occurrence | null = null;
  for (const o of occ) {
    if (o.span.start > offset) break;
    if (offset <= o.span.end && (!best || o.span.end - o.span.start <= best.span.end - best.span.start)) best = o;
  }
  return best;
}

/** Every occurrence of a symbol, in chain order. */
export function occurrencesOf(cs: ChainSymbols, symbol: number): { file: SourceFile; occurrence: Occurrence }[] {
  const out: { file: SourceFile; occurrence: Occurrence }[] = [];
  for (const [file, fs] of cs.files) for (const o of fs.occurrences) if (o.symbol === symbol) out.push({ file, occurrence: o });
  return out;
}

/** A symbol's name at the end of file `unit` (its last naming up to there). */
export function nameAt(s: ChainSymbol, unit: number): string | null {
  let name: string | null = null;
  for (const n of s.namings) if (n.unit <= unit) name = n.name;
  return name;
}

/** A symbol's name as file `unit` found it (before that file's renames); null when it did not exist yet. */
export function nameBefore(s: ChainSymbol, unit: number): string | null {
  return nameAt(s, unit - 1);
}
