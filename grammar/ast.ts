/**
 * The kmig AST: readonly plain data, one discriminated union per syntactic category.
 * Every node carries the span of source text it came from; no parent pointers, no classes.
 * Error recovery never leaves holes: a missing expression becomes an `ErrorExpr` node.
 */

import type { Span } from "../core/span.js";

export type { Span };

/** A name as written: a bare identifier or a `"quoted identifier"`. */
export interface Ident {
  readonly kind: "Ident";
  readonly name: string;
  readonly quoted: boolean;
  readonly span: Span;
}

// ---------------------------------------------------------------- literals and types

/** A string literal; `'…'`, `'''…'''` or a bare word in a status map. `value` is unescaped. */
export interface StringLit {
  readonly kind: "StringLit";
  readonly value: string;
  readonly span: Span;
}

/** A number literal, kept as written (canonicalised) so that `1.50` stays exact. */
export interface NumberLit {
  readonly kind: "NumberLit";
  readonly text: string;
  readonly span: Span;
}

export interface BoolLit {
  readonly kind: "BoolLit";
  readonly value: boolean;
  readonly span: Span;
}

export interface NullLit {
  readonly kind: "NullLit";
  readonly span: Span;
}

export type Literal = StringLit | NumberLit | BoolLit | NullLit;

/** A column or parameter type as written: `varchar(50)`, `numeric(10,2)`, `text[]?`. */
export interface TypeRef {
  readonly kind: "TypeRef";
  /** Canonical PostgreSQL name: `integer`, `varchar`, `double precision`, `timestamptz`, … */
  readonly name: string;
  readonly args: readonly number[];
  /** An interval's fields, canonically spelt (`day to second`); absent for every other type. */
  readonly fields?: string;
  readonly arrayDims: number;
  readonly nullable: boolean;
  /**
   * A name that is not a built-in type: an enum type or domain of the chain (`order_state`), which
   * the checker resolves against the schema. Absent for built-in types.
   */
  readonly named?: true;
  /**
   * A named type's modifiers as written (`geometry(Point, 4326)` → `Point`, `4326`): only a type
   * kmig does not model has them (an opaque type); absent otherwise.
   */
  readonly modifiers?: readonly string[];
  readonly span: Span;
}

// ---------------------------------------------------------------- expressions

export type BinaryOp =
  | "or"
  | "and"
  | "=="
  | "!="
  | "<"
  | "<="
  | ">"
  | ">="
  | "??"
  | "||"
  | "+"
  | "-"
  | "*"
  | "/"
  | "%";

export type UnaryOp = "not" | "-";

/** A column, parameter, map, function or config key referred to by name. */
export interface NameExpr {
  readonly kind: "NameExpr";
  readonly name: Ident;
  readonly span: Span;
}

/** `$`: the whole document (config) or the whole row (table). */
export interface RootExpr {
  readonly kind: "RootExpr";
  readonly span: Span;
}

/** `old`: in an `expect`, the row or document as it was before the migration. */
export interface OldExpr {
  readonly kind: "OldExpr";
  readonly span: Span;
}

/** `x.key` or `x."odd key"`: a JSON key (or, after `old.`/`$.`, a column or top-level key). */
export interface MemberExpr {
  readonly kind: "MemberExpr";
  readonly object: Expr;
  readonly key: Ident;
  readonly span: Span;
}

/** `x[expr]`: an array element or a computed JSON key. */
export interface IndexExpr {
  readonly kind: "IndexExpr";
  readonly object: Expr;
  readonly index: Expr;
  readonly span: Span;
}

export interface CallExpr {
  readonly kind: "CallExpr";
  readonly callee: Ident;
  readonly args: readonly Expr[];
  readonly span: Span;
}

export interface UnaryExpr {
  readonly kind: "UnaryExpr";
  readonly op: UnaryOp;
  readonly operand: Expr;
  readonly span: Span;
}

export interface BinaryExpr {
  readonly kind: "BinaryExpr";
  readonly op: BinaryOp;
  readonly left: Expr;
  readonly right: Expr;
  readonly span: Span;
}

/** `x in [a, b]`, `x not in [a, b]`. */
export interface InExpr {
  readonly kind: "InExpr";
  readonly subject: Expr;
  readonly list: readonly Expr[];
  readonly negated: boolean;
  readonly span: Span;
}

/** `x between a and b`, `x not between a and b` (SQL's: both bounds included). */
export interface BetweenExpr {
  readonly kind: "BetweenExpr";
  readonly subject: Expr;
  readonly low: Expr;
  readonly high: Expr;
  readonly negated: boolean;
  readonly span: Span;
}

/** `x is null`, `x is not null`. */
export interface IsNullExpr {
  readonly kind: "IsNullExpr";
  readonly subject: Expr;
  readonly negated: boolean;
  readonly span: Span;
}

export interface WhenBranch {
  readonly kind: "WhenBranch";
  readonly condition: Expr;
  readonly result: Expr;
  readonly span: Span;
}

/** `when c1 then r1 when c2 then r2 else r3`: the first branch whose condition holds. */
export interface WhenExpr {
  readonly kind: "WhenExpr";
  readonly branches: readonly WhenBranch[];
  readonly otherwise: Expr;
  readonly span: Span;
}

/** `key: value`, `key?: value` (only if present) and `key: value if cond`. */
export interface ObjectEntry {
  readonly kind: "ObjectEntry";
  readonly key: Ident;
  readonly optional: boolean;
  readonly value: Expr;
  readonly guard: Expr | null;
  readonly span: Span;
}

/** `...expr` inside an object or array literal. */
export interface SpreadElement {
  readonly kind: "SpreadElement";
  readonly expr: Expr;
  readonly span: Span;
}

export interface ObjectExpr {
  readonly kind: "ObjectExpr";
  readonly entries: readonly (ObjectEntry | SpreadElement)[];
  readonly span: Span;
}

/** `value` or `value if cond` inside an array literal. */
export interface ArrayItem {
  readonly kind: "ArrayItem";
  readonly value: Expr;
  readonly guard: Expr | null;
  readonly span: Span;
}

export interface ArrayExpr {
  readonly kind: "ArrayExpr";
  readonly elements: readonly (ArrayItem | SpreadElement)[];
  readonly span: Span;
}

/** The type words a date/time literal starts with, as written (PostgreSQL's spellings). */
export type TypedLitKeyword =
  | "date"
  | "time"
  | "timetz"
  | "timestamp"
  | "timestamptz"
  | "interval"
  | "time with time zone"
  | "time without time zone"
  | "timestamp with time zone"
  | "timestamp without time zone";

/** `interval '3 days'`, `date '2022-08-01'`, `timestamptz '…'`: a typed literal; the checker reads its text. */
export interface TypedLit {
  readonly kind: "TypedLit";
  readonly keyword: TypedLitKeyword;
  readonly value: StringLit;
  readonly span: Span;
}

/** Stands where the parser recovered from a syntax error; already reported. */
export interface ErrorExpr {
  readonly kind: "ErrorExpr";
  readonly span: Span;
}

export type Expr =
  | Literal
  | NameExpr
  | RootExpr
  | OldExpr
  | MemberExpr
  | IndexExpr
  | CallExpr
  | UnaryExpr
  | BinaryExpr
  | InExpr
  | BetweenExpr
  | IsNullExpr
  | WhenExpr
  | ObjectExpr
  | ArrayExpr
  | TypedLit
  | ErrorExpr;

// ---------------------------------------------------------------- step suffixes

/** `reverse expr`: how a rollback recomputes the old value (a declared, possibly lossy, inverse). */
export interface ReverseClause {
  readonly kind: "ReverseClause";
  readonly expr: Expr;
  readonly span: Span;
}

/** `irreversible 'why'`: rollback refuses to pass this step. */
export interface IrreversibleClause {
  readonly kind: "IrreversibleClause";
  readonly reason: StringLit;
  readonly span: Span;
}

export type StepInverse = ReverseClause | IrreversibleClause;

// ---------------------------------------------------------------- columns, constraints, indexes

export type FkAction = "cascade" | "restrict" | "no action" | "set null" | "set default";

export interface PrimaryKeyMark {
  readonly kind: "PrimaryKeyMark";
  readonly span: Span;
}

export interface UniqueMark {
  readonly kind: "UniqueMark";
  readonly span: Span;
}

export interface ReferencesMark {
  readonly kind: "ReferencesMark";
  readonly table: Ident;
  readonly column: Ident | null;
  readonly onDelete: FkAction | null;
  readonly onUpdate: FkAction | null;
  readonly span: Span;
}

export interface CheckMark {
  readonly kind: "CheckMark";
  readonly expr: Expr;
  readonly span: Span;
}

export type ColumnConstraint = PrimaryKeyMark | UniqueMark | ReferencesMark | CheckMark;

/**
 * `name type[?] [default e] [primary key] [unique] [references t(c)] [check (e)] [comment '…']`.
 * Parts added to the language later are optional and absent when not written, so that the meaning
 * checksum of a spec written before them does not change (see compiler/migration/checksum.ts).
 */
export interface ColumnDef {
  readonly kind: "ColumnDef";
  readonly name: Ident;
  readonly type: TypeRef;
  readonly default: Expr | null;
  readonly constraints: readonly ColumnConstraint[];
  /** `comment '…'`: the column's comment (PostgreSQL's `COMMENT ON COLUMN`). */
  readonly comment?: StringLit;
  /** `generated always | by default as identity [(options)]`. */
  readonly identity?: IdentitySpec;
  /** `generated always as (e) stored`. */
  readonly generated?: GeneratedSpec;
  readonly span: Span;
}

/**
 * One option of a sequence, in PostgreSQL's words: `start with 10`, `increment by -1`,
 * `minvalue 5` / `no minvalue`, `maxvalue …` / `no maxvalue`, `cache 20`, `cycle` / `no cycle`,
 * and (in `alter sequence`) `restart [with n]`.
 */
export interface SequenceOption {
  readonly kind: "SequenceOption";
  readonly option: "start" | "increment" | "minvalue" | "maxvalue" | "cache" | "cycle" | "restart";
  /** The number; null for `no minvalue`, `no maxvalue`, `cycle`, `no cycle` and a bare `restart`. */
  readonly value: NumberLit | null;
  /** `no minvalue`, `no maxvalue`, `no cycle`. */
  readonly no: boolean;
  readonly span: Span;
}

/** `as smallint | integer | bigint`: a sequence's type (in `create` / `alter sequence`). */
export interface SequenceAs {
  readonly kind: "SequenceAs";
  readonly type: TypeRef;
  readonly span: Span;
}

/** `owned by table.column`, or `owned by none` (both null). */
export interface SequenceOwnedBy {
  readonly kind: "SequenceOwnedBy";
  readonly table: Ident | null;
  readonly column: Ident | null;
  readonly span: Span;
}

export type SequenceItem = SequenceOption | SequenceAs | SequenceOwnedBy;

/** `generated always as identity` / `generated by default as identity`, with sequence options. */
export interface IdentitySpec {
  readonly kind: "IdentitySpec";
  readonly always: boolean;
  readonly options: readonly SequenceOption[];
  readonly span: Span;
}

/** `generated always as (expr) stored`: a column PostgreSQL computes from the row. */
export interface GeneratedSpec {
  readonly kind: "GeneratedSpec";
  readonly expr: Expr;
  readonly span: Span;
}

/** `name = value` in `with (…)`: a storage parameter of an index (`fillfactor = 70`, `fastupdate = off`). */
export interface StorageParam {
  readonly kind: "StorageParam";
  readonly name: Ident;
  /** The value as written: a number, a word (`on`, `off`, `auto`), `true` or `false`. */
  readonly value: string;
  readonly span: Span;
}

/** `deferrable [initially deferred | initially immediate]` / `not deferrable` after a constraint. */
export interface Deferral {
  readonly kind: "Deferral";
  readonly deferrable: boolean;
  readonly initiallyDeferred: boolean;
  readonly span: Span;
}

/**
 * The options of an index, and of the index behind a primary key, unique or exclusion constraint:
 * `include (a, b)` and `with (fillfactor = 70)`. Absent when not written (see `ColumnDef`).
 */
export interface IndexOptions {
  readonly include?: readonly Ident[];
  readonly with?: readonly StorageParam[];
}

export interface PrimaryKeyConstraint extends IndexOptions {
  readonly kind: "PrimaryKeyConstraint";
  readonly name: Ident | null;
  readonly columns: readonly Ident[];
  readonly deferral?: Deferral;
  readonly span: Span;
}

export interface UniqueConstraint extends IndexOptions {
  readonly kind: "UniqueConstraint";
  readonly name: Ident | null;
  readonly columns: readonly Ident[];
  /** `unique nulls not distinct (…)` (PostgreSQL 15+): NULLs count as equal. */
  readonly nullsNotDistinct?: true;
  readonly deferral?: Deferral;
  readonly span: Span;
}

export interface CheckConstraint {
  readonly kind: "CheckConstraint";
  readonly name: Ident | null;
  readonly expr: Expr;
  /** `not valid`: rows already there are not checked (until `validate constraint`). */
  readonly notValid?: true;
  readonly span: Span;
}

/** `col [opclass] with op` in an exclusion constraint: `during with &&`, `room with =`. */
export interface ExcludeElement {
  readonly kind: "ExcludeElement";
  readonly column: IndexColumn;
  /** The operator as PostgreSQL spells it: `=`, `<>`, `&&`, `<`, … */
  readonly operator: string;
  readonly span: Span;
}

/** `exclude [using gist] (col with op, …) [include (…)] [with (…)] [where (e)] [deferrable …]`. */
export interface ExcludeConstraint extends IndexOptions {
  readonly kind: "ExcludeConstraint";
  readonly name: Ident | null;
  readonly method: Ident | null;
  readonly elements: readonly ExcludeElement[];
  readonly where: Expr | null;
  readonly deferral?: Deferral;
  readonly span: Span;
}

export interface ForeignKeyConstraint {
  readonly kind: "ForeignKeyConstraint";
  readonly name: Ident | null;
  readonly columns: readonly Ident[];
  readonly refTable: Ident;
  readonly refColumns: readonly Ident[];
  readonly onDelete: FkAction | null;
  readonly onUpdate: FkAction | null;
  readonly deferral?: Deferral;
  /** `not valid`: rows already there are not checked (until `validate constraint`). */
  readonly notValid?: true;
  readonly span: Span;
}

export type TableConstraint =
  | PrimaryKeyConstraint
  | UniqueConstraint
  | CheckConstraint
  | ForeignKeyConstraint
  | ExcludeConstraint;

/** `name [opclass] [asc | desc] [nulls first | nulls last]`: one key column of an index. */
export interface IndexColumn {
  readonly kind: "IndexColumn";
  readonly name: Ident;
  readonly descending: boolean;
  /** An operator class: `name text_pattern_ops`. */
  readonly opclass?: Ident;
  readonly nulls?: "first" | "last";
  readonly span: Span;
}

/**
 * `[unique] index [name] [using gin] (a, b desc) [include (c)] [nulls not distinct] [with (p = v)]
 * [where e] [concurrently]`, in PostgreSQL's order.
 */
export interface IndexDef extends IndexOptions {
  readonly kind: "IndexDef";
  readonly name: Ident | null;
  readonly unique: boolean;
  readonly method: Ident | null;
  readonly columns: readonly IndexColumn[];
  /** `nulls not distinct` (a unique index, PostgreSQL 15+). */
  readonly nullsNotDistinct?: true;
  readonly where: Expr | null;
  readonly concurrently: boolean;
  readonly span: Span;
}

/** `expect e [when c]`: a property of the migrated row or document, checked by `kmig test`. */
export interface ExpectClause {
  readonly kind: "ExpectClause";
  readonly expr: Expr;
  readonly when: Expr | null;
  readonly span: Span;
}

// ---------------------------------------------------------------- table bodies

/**
 * `comment '…'` on a line of its own in a `create table` or `table` block: the table's comment;
 * `comment null` (in a `table` block) removes it.
 */
export interface TableComment {
  readonly kind: "TableComment";
  readonly text: StringLit | null;
  readonly span: Span;
}

/** What a `create table` block (and a baseline's) may hold. */
export type TableElement = ColumnDef | TableConstraint | IndexDef | ExpectClause | TableComment;

/** `add <column def> [:= e] [reverse … | irreversible …]`. */
export interface AddColumn {
  readonly kind: "AddColumn";
  readonly column: ColumnDef;
  readonly compute: Expr | null;
  readonly inverse: StepInverse | null;
  readonly span: Span;
}

export interface DropColumn {
  readonly kind: "DropColumn";
  readonly name: Ident;
  readonly inverse: StepInverse | null;
  readonly span: Span;
}

/** `rename old -> new [default e] [:= e]`: the renamed column, optionally recomputed from the old row. */
export interface RenameColumn {
  readonly kind: "RenameColumn";
  readonly from: Ident;
  readonly to: Ident;
  readonly default: Expr | null;
  readonly compute: Expr | null;
  readonly inverse: StepInverse | null;
  readonly span: Span;
}

export interface SetType {
  readonly kind: "SetType";
  readonly type: TypeRef;
  readonly using: Expr | null;
  readonly span: Span;
}

export interface SetDefault {
  readonly kind: "SetDefault";
  readonly expr: Expr;
  readonly span: Span;
}

export interface DropDefault {
  readonly kind: "DropDefault";
  readonly span: Span;
}

export interface SetNotNull {
  readonly kind: "SetNotNull";
  readonly span: Span;
}

export interface DropNotNull {
  readonly kind: "DropNotNull";
  readonly span: Span;
}

/** `comment '…'` sets the column's comment, `comment null` removes it. */
export interface SetComment {
  readonly kind: "SetComment";
  readonly text: StringLit | null;
  readonly span: Span;
}

export type ColumnChange = SetType | SetDefault | DropDefault | SetNotNull | DropNotNull | SetComment;

/** `alter col type T [using e] | set default e | drop default | set not null | drop not null | comment '…'`. */
export interface AlterColumn {
  readonly kind: "AlterColumn";
  readonly name: Ident;
  readonly change: ColumnChange;
  readonly inverse: StepInverse | null;
  readonly span: Span;
}

/** `col := e`: recompute an existing column from the row as it was before the migration. */
export interface AssignColumn {
  readonly kind: "AssignColumn";
  readonly target: Ident;
  readonly value: Expr;
  readonly inverse: StepInverse | null;
  readonly span: Span;
}

export interface AddConstraint {
  readonly kind: "AddConstraint";
  readonly constraint: TableConstraint;
  readonly span: Span;
}

export interface DropConstraint {
  readonly kind: "DropConstraint";
  readonly name: Ident;
  readonly span: Span;
}

export interface DropIndex {
  readonly kind: "DropIndex";
  readonly name: Ident;
  readonly concurrently: boolean;
  readonly span: Span;
}

/** `rename constraint a -> b` / `rename index a -> b`. */
export interface RenameRelation {
  readonly kind: "RenameConstraint" | "RenameIndex";
  readonly from: Ident;
  readonly to: Ident;
  readonly span: Span;
}

/** `validate constraint name`: checks the rows a `not valid` constraint skipped. */
export interface ValidateConstraint {
  readonly kind: "ValidateConstraint";
  readonly name: Ident;
  readonly span: Span;
}

/** `replica identity default | full | nothing | using index name`. */
export interface ReplicaIdentity {
  readonly kind: "ReplicaIdentity";
  readonly mode: "default" | "full" | "nothing" | "index";
  readonly index: Ident | null;
  readonly span: Span;
}

/**
 * `recreate views` / `triggers fire`: how kmig's steps on the table treat objects around it — the
 * views reading it are dropped before the block and made again from their definitions after it;
 * the user's triggers fire on kmig's own writes instead of being switched off.
 */
export interface TableOption {
  readonly kind: "TableOption";
  readonly option: "recreate views" | "triggers fire";
  readonly span: Span;
}

/** What a `table name { … }` (alter) block may hold. */
export type TableAction =
  | AddColumn
  | DropColumn
  | RenameColumn
  | AlterColumn
  | AssignColumn
  | AddConstraint
  | DropConstraint
  | IndexDef
  | DropIndex
  | ExpectClause
  | TableComment
  | RenameRelation
  | ValidateConstraint
  | ReplicaIdentity
  | TableOption
  | Allow;

// ---------------------------------------------------------------- migration items

/**
 * `allow K5007 'reason'`: acknowledges a safety lint on the statement below it (an item, or an
 * action of a table block), with the reason it is safe there. `reason` null: written without one (K5027).
 */
export interface Allow {
  readonly kind: "Allow";
  readonly code: Ident;
  readonly reason: StringLit | null;
  readonly span: Span;
}

export interface Describe {
  readonly kind: "Describe";
  readonly text: StringLit;
  readonly span: Span;
}

export interface CreateTable {
  readonly kind: "CreateTable";
  readonly name: Ident;
  readonly elements: readonly TableElement[];
  /** How Citus spreads the table (`create reference table`, `distributed by (c)`); absent: not said. */
  readonly distribution?: Distribution;
  readonly span: Span;
}

/**
 * Citus: `distributed by (column) [colocate with table]` — hash shards by the column, placed with
 * another table's — or `reference` (`create reference table`): a copy on every node.
 */
export type Distribution =
  | { readonly kind: "DistributedBy"; readonly column: Ident; readonly colocateWith: Ident | null; readonly span: Span }
  | { readonly kind: "ReferenceTable"; readonly span: Span };

export interface AlterTable {
  readonly kind: "AlterTable";
  readonly name: Ident;
  readonly actions: readonly TableAction[];
  readonly span: Span;
}

export interface DropTable {
  readonly kind: "DropTable";
  readonly name: Ident;
  readonly inverse: IrreversibleClause | null;
  readonly span: Span;
}

export interface RenameTable {
  readonly kind: "RenameTable";
  readonly from: Ident;
  readonly to: Ident;
  readonly span: Span;
}

/** `create sequence name [options]`. */
export interface CreateSequence {
  readonly kind: "CreateSequence";
  readonly name: Ident;
  readonly options: readonly SequenceItem[];
  readonly span: Span;
}

/** `alter sequence name options`. */
export interface AlterSequence {
  readonly kind: "AlterSequence";
  readonly name: Ident;
  readonly options: readonly SequenceItem[];
  readonly span: Span;
}

/** `drop sequence name [irreversible 'why']`. */
export interface DropSequence {
  readonly kind: "DropSequence";
  readonly name: Ident;
  readonly inverse: IrreversibleClause | null;
  readonly span: Span;
}

/** `rename sequence a -> b`. */
export interface RenameSequence {
  readonly kind: "RenameSequence";
  readonly from: Ident;
  readonly to: Ident;
  readonly span: Span;
}

/** `create type name as enum ('a', 'b', …)`. */
export interface CreateEnum {
  readonly kind: "CreateEnum";
  readonly name: Ident;
  readonly labels: readonly StringLit[];
  readonly span: Span;
}

/** `before 'x'` / `after 'x'`: where `add value` puts the new label. */
export interface EnumPosition {
  readonly kind: "EnumPosition";
  readonly where: "before" | "after";
  readonly label: StringLit;
  readonly span: Span;
}

/** `add value 'x' [before|after 'y']`. */
export interface AddEnumValue {
  readonly kind: "AddEnumValue";
  readonly label: StringLit;
  readonly position: EnumPosition | null;
  readonly span: Span;
}

/** `rename value 'a' -> 'b'`. */
export interface RenameEnumValue {
  readonly kind: "RenameEnumValue";
  readonly from: StringLit;
  readonly to: StringLit;
  readonly span: Span;
}

/** `alter type name add value … | rename value …`. */
export interface AlterEnum {
  readonly kind: "AlterEnum";
  readonly name: Ident;
  readonly action: AddEnumValue | RenameEnumValue;
  readonly span: Span;
}

/** `[constraint name] check (e)` of a domain; `e` reads the value as `value`. */
export interface DomainCheckDef {
  readonly kind: "DomainCheckDef";
  readonly name: Ident | null;
  readonly expr: Expr;
  readonly span: Span;
}

/** `create domain name as type [not null] [default e] [[constraint c] check (e)]…`. */
export interface CreateDomain {
  readonly kind: "CreateDomain";
  readonly name: Ident;
  readonly type: TypeRef;
  readonly notNull: boolean;
  readonly default: Expr | null;
  readonly checks: readonly DomainCheckDef[];
  readonly span: Span;
}

/** `drop type name` / `drop domain name` [irreversible 'why']. */
export interface DropNamedType {
  readonly kind: "DropNamedType";
  readonly what: "type" | "domain";
  readonly name: Ident;
  readonly inverse: IrreversibleClause | null;
  readonly span: Span;
}

/**
 * `sql '''…''' [declarations] [reverse '''…''' | irreversible 'why']`: the escape hatch.
 * `declares` (absent when there is none, so that older ASTs keep their shape) says what the SQL
 * creates, alters or drops, in kmig's own words: the schema model follows it.
 */
export interface RawSql {
  readonly kind: "RawSql";
  readonly up: StringLit;
  readonly inverse: RawSqlReverse | IrreversibleClause | null;
  readonly declares?: readonly SqlDeclaration[];
  readonly span: Span;
}

/**
 * What a `sql` item declares it did, each the node of the item kmig would have written for it
 * (`creates table t { … }` is a CreateTable, `alters table t { … }` an AlterTable, `drops type t` a
 * DropNamedType), plus the two an index needs outside a table block. Spans start at the verb.
 */
export type SqlDeclaration = CreateTable | AlterTable | DropTable | CreateSequence | DropSequence | CreateEnum | CreateDomain | DropNamedType | CreatesIndex | DropsIndex;

/** `creates [unique] index name on table [using m] (…) …`. */
export interface CreatesIndex {
  readonly kind: "CreatesIndex";
  readonly table: Ident;
  readonly index: IndexDef;
  readonly span: Span;
}

/** `drops index name`. */
export interface DropsIndex {
  readonly kind: "DropsIndex";
  readonly name: Ident;
  readonly span: Span;
}

export interface RawSqlReverse {
  readonly kind: "RawSqlReverse";
  readonly sql: StringLit;
  readonly span: Span;
}

/** `reads t (a, b)` of an external view: the columns of one table it reads. */
export interface ExternalReads {
  readonly kind: "ExternalReads";
  readonly table: Ident;
  readonly columns: readonly Ident[];
  readonly span: Span;
}

/**
 * `external <kind> name [(args)] [on table] [partition of table] [reads t (a, b), …]`: an object
 * of the database that kmig does not manage. `status` checks that it exists and leaves it alone;
 * `reads` tells the checker which columns a view depends on.
 */
export interface ExternalObject {
  readonly kind: "ExternalObject";
  /** The kind as written: `view`, `materialized view`, `function`, `trigger`, … (checked by the compiler). */
  readonly objectKind: Ident;
  readonly name: Ident;
  /** A function's argument types as written between the parentheses; null without parentheses. */
  readonly args: StringLit | null;
  readonly on: Ident | null;
  readonly partitionOf: Ident | null;
  readonly reads: readonly ExternalReads[];
  readonly span: Span;
}

/** `a, b -> x` in a status map. */
export interface MapEntry {
  readonly kind: "MapEntry";
  readonly inputs: readonly Literal[];
  readonly output: Literal;
  readonly span: Span;
}

/** `else -> x`: where every input not listed goes. */
export interface MapFallback {
  readonly kind: "MapFallback";
  readonly output: Literal;
  readonly span: Span;
}

/** `reverse x -> a`: for a many-to-one output, the input a rollback restores. */
export interface MapReverseChoice {
  readonly kind: "MapReverseChoice";
  readonly output: Literal;
  readonly input: Literal;
  readonly span: Span;
}

/** `keep original in metadata.original_status`: the row keeps the input; rollback reads it back. */
export interface MapKeepOriginal {
  readonly kind: "MapKeepOriginal";
  readonly path: Expr;
  readonly span: Span;
}

export type MapItem = MapEntry | MapFallback | MapReverseChoice | MapKeepOriginal;

/** `map name[: T -> U] [closed] { … }`: a named value map, used like a function. */
export interface ValueMap {
  readonly kind: "ValueMap";
  readonly name: Ident;
  readonly inputType: TypeRef | null;
  readonly outputType: TypeRef | null;
  readonly closed: boolean;
  readonly items: readonly MapItem[];
  readonly span: Span;
}

export interface Param {
  readonly kind: "Param";
  readonly name: Ident;
  readonly type: TypeRef | null;
  readonly span: Span;
}

/** `def name(a, b: json) := expr`: a named expression, expanded where it is called. */
export interface FunctionDef {
  readonly kind: "FunctionDef";
  readonly name: Ident;
  readonly params: readonly Param[];
  readonly body: Expr;
  readonly span: Span;
}

/** A dotted key path of a config document: `server.host`. */
export interface KeyPath {
  readonly kind: "KeyPath";
  readonly keys: readonly Ident[];
  readonly span: Span;
}

export type ConfigValueType = "string" | "number" | "boolean" | "object" | "array" | "any";

/** `require name[: string]`: bad input unless the source document has it. */
export interface RequireKey {
  readonly kind: "RequireKey";
  readonly path: KeyPath;
  readonly valueType: ConfigValueType | null;
  readonly span: Span;
}

/** `path := expr`. */
export interface SetKey {
  readonly kind: "SetKey";
  readonly path: KeyPath;
  readonly value: Expr;
  readonly span: Span;
}

/** `path { … }`: a nested object built key by key. */
export interface KeyBlock {
  readonly kind: "KeyBlock";
  readonly path: KeyPath;
  readonly items: readonly ConfigItem[];
  readonly span: Span;
}

/** `remove path` (in a `patch` config block). */
export interface RemoveKey {
  readonly kind: "RemoveKey";
  readonly path: KeyPath;
  readonly span: Span;
}

export type ConfigItem = RequireKey | SetKey | KeyBlock | RemoveKey | ExpectClause;

/** `config 'glob' [-> 'target'] [patch] { … }`: a YAML document migration. */
export interface ConfigMigration {
  readonly kind: "ConfigMigration";
  readonly source: StringLit;
  readonly target: StringLit | null;
  readonly patch: boolean;
  readonly items: readonly ConfigItem[];
  readonly span: Span;
}

export type MigrationItem =
  | Allow
  | Describe
  | CreateTable
  | AlterTable
  | DropTable
  | RenameTable
  | CreateSequence
  | AlterSequence
  | DropSequence
  | RenameSequence
  | CreateEnum
  | AlterEnum
  | CreateDomain
  | DropNamedType
  | RawSql
  | ExternalObject
  | ValueMap
  | FunctionDef
  | ConfigMigration;

/** `migration id from 'v1' to 'v2' { … }`. */
export interface Migration {
  readonly kind: "Migration";
  readonly id: Ident;
  readonly from: StringLit;
  readonly to: StringLit;
  readonly items: readonly MigrationItem[];
  readonly span: Span;
}

/** `baseline id version 'v' { … }`: a schema that already exists; never created by kmig. */
export interface Baseline {
  readonly kind: "Baseline";
  readonly id: Ident;
  readonly version: StringLit;
  readonly items: readonly MigrationItem[];
  readonly span: Span;
}

export type Unit = Migration | Baseline;

export interface Comment {
  readonly kind: "Comment";
  readonly text: string;
  readonly block: boolean;
  readonly span: Span;
}

/** One `.kmig` file. */
export interface SpecFile {
  readonly kind: "SpecFile";
  readonly units: readonly Unit[];
  readonly comments: readonly Comment[];
  readonly span: Span;
}
