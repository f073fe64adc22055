/**
 * What a schema step does, as data: the operation and the names, types and expressions it works
 * on, so that `kmig plan`'s simulation, lints and reviewers read what a step changes without
 * parsing its SQL back. The step's SQL (`up`, `down`) is what runs; its `change` says what that SQL
 * does. `change.op` is always the step's `op`. Plain JSON: no functions, no bigints (sequence
 * numbers are decimal strings), no `undefined`. Expressions (`default`, `using`, a check's
 * condition, an index's `where`) are the SQL the step runs, over the table's columns.
 *
 * Plans compiled before kmig had changes (plan format 1 without `change`) still run and roll back:
 * their steps' SQL is unchanged; only `kmig plan` reads them as raw SQL.
 */

/** A column as a step creates it. */
export interface ColumnChange {
  readonly name: string;
  /** The SQL type, as the step writes it (`varchar(20)`, `"order_state"`). */
  readonly type: string;
  /** False: the step creates it NOT NULL. */
  readonly nullable: boolean;
  /** The default's SQL; null when none (an identity or a generated column has none). */
  readonly default: string | null;
  /** What fills the column of existing rows when it is added: its default, PostgreSQL's identity numbers, a generated expression. */
  readonly filledBy: "default" | "identity" | "generated" | null;
  /** A generated column's expression (`GENERATED ALWAYS AS (…) STORED`), else null. */
  readonly generated: string | null;
  /** `always` / `by default` for an identity column, else null. */
  readonly identity: "always" | "by default" | null;
}

/** One key column of an index or key: `name`, order, operator class, where NULLs sort. */
export interface IndexKeyChange {
  readonly column: string;
  readonly descending: boolean;
  readonly opclass: string | null;
  readonly nulls: "first" | "last" | null;
}

/** A constraint as a step adds (or drops, or validates) it. `validated`: false when added `NOT VALID`. */
export type ConstraintChange =
  /** `usingIndex`: the key takes over the unique index of its name, built by an earlier step (a safe lowering, compiler/ops/safe-lowering.ts). */
  | { readonly kind: "primary-key"; readonly name: string; readonly columns: readonly string[]; readonly deferrable: boolean; readonly usingIndex?: true }
  | { readonly kind: "unique"; readonly name: string; readonly columns: readonly string[]; readonly nullsNotDistinct: boolean; readonly deferrable: boolean; readonly usingIndex?: true }
  | { readonly kind: "check"; readonly name: string; readonly columns: readonly string[]; readonly expr: string; readonly validated: boolean }
  | {
      readonly kind: "foreign-key";
      readonly name: string;
      readonly columns: readonly string[];
      readonly refTable: string;
      readonly refColumns: readonly string[];
      readonly onDelete: string | null;
      readonly onUpdate: string | null;
      readonly deferrable: boolean;
      readonly validated: boolean;
    }
  | { readonly kind: "exclude"; readonly name: string; readonly columns: readonly string[]; readonly method: string; readonly operators: readonly string[]; readonly where: string | null; readonly deferrable: boolean };

export type ConstraintKind = ConstraintChange["kind"];

/** The kinds of constraint PostgreSQL backs with an index of the constraint's name. */
export const INDEX_BACKED: readonly ConstraintKind[] = ["primary-key", "unique", "exclude"];

/** An index as `create-index` makes it (and `drop-index` drops it). */
export interface IndexChange {
  readonly name: string;
  readonly table: string;
  readonly columns: readonly IndexKeyChange[];
  readonly unique: boolean;
  readonly method: string;
  readonly include: readonly string[];
  readonly nullsNotDistinct: boolean;
  /** A partial index's predicate, else null. */
  readonly where: string | null;
  readonly concurrently: boolean;
}

/** A sequence's options, numbers as decimal strings. */
export interface SequenceChange {
  readonly name: string;
  readonly type: "smallint" | "integer" | "bigint";
  readonly start: string;
  readonly increment: string;
  readonly min: string;
  readonly max: string;
  readonly cache: string;
  readonly cycle: boolean;
  readonly owner: { readonly table: string; readonly column: string } | null;
}

/** Every operation the compiler emits as a schema step. */
export type Change =
  | { readonly op: "create-table"; readonly table: string; readonly columns: readonly ColumnChange[]; readonly constraints: readonly ConstraintChange[]; readonly sequences: readonly string[] }
  /**
   * Citus: the new table made a distributed table (hash shards by `column`, colocated with
   * `colocateWith` or by Citus's default) or a reference table. Needs Citus: apply refuses without it.
   */
  | { readonly op: "distribute-table"; readonly table: string; readonly kind: "distributed" | "reference"; readonly column: string | null; readonly colocateWith: string | null }
  /** `stashedAs`: the table moved, with its rows, into kmig's schema under this name (rollback moves it back); null: dropped for good. */
  | { readonly op: "drop-table"; readonly table: string; readonly stashedAs: string | null }
  | { readonly op: "rename-table"; readonly from: string; readonly to: string }
  /** `sequence`: a serial's sequence created with (and owned by) the column. */
  | { readonly op: "add-column"; readonly table: string; readonly column: ColumnChange; readonly sequence: string | null }
  /** `default`: the new default set with the rename (`rename a -> b default e`), else null. */
  | { readonly op: "rename-column"; readonly table: string; readonly from: string; readonly to: string; readonly default: string | null }
  /** `sequences`: the sequences the column owned, dropped with it. */
  | { readonly op: "drop-column"; readonly table: string; readonly column: string; readonly sequences: readonly string[] }
  /**
   * `using`: the SQL of each row's new value (the statement's USING), over the row before the change;
   * `written`: the conversion the spec wrote (`using e`), null when it is PostgreSQL's cast of the column.
   */
  | { readonly op: "alter-type"; readonly table: string; readonly column: string; readonly from: string; readonly to: string; readonly using: string; readonly written: string | null }
  | { readonly op: "set-default"; readonly table: string; readonly column: string; readonly default: string }
  | { readonly op: "drop-default"; readonly table: string; readonly column: string }
  | { readonly op: "set-not-null"; readonly table: string; readonly column: string }
  | { readonly op: "drop-not-null"; readonly table: string; readonly column: string }
  | { readonly op: "add-constraint"; readonly table: string; readonly constraint: ConstraintChange }
  | { readonly op: "drop-constraint"; readonly table: string; readonly constraint: ConstraintChange }
  | { readonly op: "rename-constraint"; readonly table: string; readonly from: string; readonly to: string; readonly indexBacked: boolean }
  | { readonly op: "validate-constraint"; readonly table: string; readonly constraint: ConstraintChange }
  | ({ readonly op: "create-index" } & IndexChange)
  | ({ readonly op: "drop-index" } & IndexChange)
  | { readonly op: "rename-index"; readonly table: string; readonly from: string; readonly to: string }
  | { readonly op: "replica-identity"; readonly table: string; readonly mode: "default" | "full" | "nothing" | "index"; readonly index: string | null }
  | { readonly op: "comment-table"; readonly table: string; readonly comment: string | null }
  | { readonly op: "comment-column"; readonly table: string; readonly column: string; readonly comment: string | null }
  | ({ readonly op: "create-sequence" } & SequenceChange)
  /** `restart`: null when not restarted, `""` for `RESTART`, else the value it restarts with. */
  | { readonly op: "alter-sequence"; readonly name: string; readonly from: SequenceChange; readonly to: SequenceChange; readonly restart: string | null }
  | { readonly op: "drop-sequence"; readonly name: string; readonly stashedAs: string | null }
  | { readonly op: "rename-sequence"; readonly from: string; readonly to: string }
  | { readonly op: "create-type"; readonly name: string; readonly labels: readonly string[] }
  | { readonly op: "add-enum-value"; readonly type: string; readonly label: string; readonly before: string | null; readonly after: string | null }
  | { readonly op: "rename-enum-value"; readonly type: string; readonly from: string; readonly to: string }
  | { readonly op: "drop-type"; readonly name: string; readonly labels: readonly string[] }
  | { readonly op: "create-domain"; readonly name: string; readonly base: string; readonly notNull: boolean; readonly default: string | null; readonly checks: readonly { readonly name: string; readonly expr: string }[] }
  | { readonly op: "drop-domain"; readonly name: string }
  /** `recreate views`: the views over `table` (found in the catalog when it runs) dropped, their definitions kept in kmig's schema as `stash`. */
  | { readonly op: "drop-views"; readonly table: string; readonly stash: string }
  /** `recreate views`, after the block: the views kept in `stash` made again. */
  | { readonly op: "recreate-views"; readonly table: string; readonly stash: string }
  /**
   * SQL kmig does not model: `up` is the spec's text. What it changes is unknown, unless the `sql`
   * item declares it (`creates table t { … }`): then `declares` holds the changes kmig's own steps
   * for the declared objects would make (absent for an item that declares nothing).
   */
  | { readonly op: "raw-sql"; readonly declares?: readonly Change[] };

export type ChangeOp = Change["op"];

/** The change of operation `op`. */
export type ChangeOf<K extends ChangeOp> = Extract<Change, { readonly op: K }>;
