/**
 * A compiled plan: plain, inspectable data. The compiler produces it (and `kmig compile` writes
 * it out as a TypeScript module); the runtime executes it. Nothing here opens a connection.
 */

import type { Rt } from "./rt.js";
import type { Change } from "./plan-change.js";

/** Where in the spec a step came from, so that a failing step names its spec line. */
export interface Origin {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

/** What rolling a step back costs, and why the compiler thinks so. */
export type Reversibility =
  | { readonly kind: "reversible"; readonly why: string }
  | { readonly kind: "stash"; readonly why: string }
  | { readonly kind: "lossy"; readonly why: string }
  | { readonly kind: "irreversible"; readonly why: string };

/**
 * A query whose count says how many rows a rollback of this step would lose: data written after
 * the migration that rollback would drop or overwrite. It returns one row `{ n }`.
 */
export interface LossCheck {
  readonly what: string;
  readonly sql: string;
}

/**
 * A query that finds the rows that would make a step's rollback fail (a NOT NULL it sets again on
 * a column where NULLs were written since): it returns one row `{ n, examples }`, `examples` naming
 * up to five of them by key (`id=3, id=7`). Rollback runs it before the step's down statements and
 * stops, changing nothing, when it finds any.
 */
export interface RestoreCheck {
  readonly what: string;
  readonly help: string;
  readonly sql: string;
}

/** A schema change (or raw SQL): statements up, statements down. */
export interface SqlStep {
  readonly kind: "sql";
  readonly id: string;
  /** The operation, e.g. `add-column`, `create-index`, `rename-column`. */
  readonly op: string;
  /** One line for people: `add column users.role varchar(50)`. */
  readonly summary: string;
  readonly origin: Origin;
  readonly table: string | null;
  readonly up: readonly string[];
  /** Null when the step is irreversible. */
  readonly down: readonly string[] | null;
  readonly reversibility: Reversibility;
  /** False for `CREATE INDEX CONCURRENTLY`, which cannot run inside a transaction. */
  readonly transactional: boolean;
  readonly lossChecks: readonly LossCheck[];
  /** Absent in plans compiled before kmig had them: nothing is checked. */
  readonly restoreChecks?: readonly RestoreCheck[];
  /** The spec said `triggers fire` for its table: kmig's writes do not switch the user's triggers off. */
  readonly fireTriggers?: boolean;
  /**
   * What the step does, as data (core/plan-change.ts); `change.op` is `op`. Absent in plans
   * compiled before kmig had it: they run and roll back as before, and `kmig plan` reads them as raw SQL.
   */
  readonly change?: Change;
  /** Why kmig wrote this step in a safer form than the spec's plain statement (a safe lowering), for `kmig explain`. */
  readonly lowering?: string;
  /** A `sql` item's declaration of what its SQL does (absent for every other step, and for raw SQL that declares nothing). */
  readonly declared?: DeclaredSql;
}

/**
 * What a `sql` item says its SQL does (`creates table t { … }`, `drops index i`): the schema model
 * follows it, and a scratch replay checks it — run in place of the item's SQL, `sql` (kmig's own SQL
 * for the declared change) must leave the same schema as the item's SQL does.
 */
export interface DeclaredSql {
  readonly sql: readonly string[];
  readonly objects: readonly DeclaredObject[];
}

/** One object a `sql` item declares, where the declaration is written. */
export interface DeclaredObject {
  readonly verb: "creates" | "alters" | "drops";
  readonly kind: "table" | "index" | "type" | "domain" | "sequence";
  readonly name: string;
  /** An index's table (null for the others). */
  readonly table: string | null;
  readonly origin: Origin;
}

/** One column whose original values a backfill keeps where its inverse cannot recompute them. */
export interface StashedColumn {
  /** The column as named while the backfill runs. */
  readonly column: string;
  readonly sqlType: string;
  /** SQL over the row before the update: true where the original must be kept. */
  readonly predicate: string;
}

/** Where a backfill keeps originals: a table in kmig's schema keyed by the table's primary key. */
export interface StashLayout {
  readonly schema: string;
  readonly table: string;
  readonly key: readonly { readonly column: string; readonly sqlType: string }[];
  readonly columns: readonly StashedColumn[];
}

/**
 * A status map applied by a backfill, for `kmig plan`: the SQL of its argument (over the row as
 * the backfill reads it), of the whole lookup, and whether the argument is a listed input; and the
 * map's entries as written, for people.
 */
export interface BackfillMapUse {
  readonly map: string;
  /** The column the mapping writes. */
  readonly column: string;
  readonly argSql: string;
  readonly resultSql: string;
  /** True where the argument is one of the map's inputs (false: it falls to the fallback). */
  readonly listedSql: string;
  readonly cases: readonly { readonly input: string; readonly output: string }[];
  readonly fallback: string | null;
  readonly origin: Origin;
}

/** A data mapping: set-based SQL, run in keyset batches by primary key. */
export interface BackfillStep {
  readonly kind: "backfill";
  readonly id: string;
  readonly op: "backfill";
  readonly summary: string;
  readonly origin: Origin;
  readonly table: string;
  /** Primary key columns (as named during the backfill) and their SQL types. */
  readonly key: readonly { readonly column: string; readonly sqlType: string }[];
  /** `SET column = sql`, every sql reading the row as it was before this update. */
  readonly assignments: readonly { readonly column: string; readonly sql: string; readonly origin: Origin }[];
  readonly stash: StashLayout | null;
  /** The whole table in one go: create stash, keep originals, update. */
  readonly up: readonly string[];
  /** Restore: recompute what can be recomputed and put back the stashed originals (one UPDATE), drop the stash (see UPTO_MARKER). */
  readonly down: readonly string[] | null;
  /**
   * The same work in batches: each statement carries `/*kmig:range*\/` where the runtime puts
   * `AND (key) > ($1) AND (key) <= ($2)` (bounds as key values).
   */
  readonly batch: { readonly prepare: readonly string[]; readonly perBatch: readonly string[] };
  readonly reversibility: Reversibility;
  readonly transactional: true;
  /** The status maps its mappings apply (absent in plans compiled before kmig 0.1.0 had them). */
  readonly maps?: readonly BackfillMapUse[];
  readonly lossChecks: readonly LossCheck[];
  /** The spec said `triggers fire` for its table: kmig's writes do not switch the user's triggers off. */
  readonly fireTriggers?: boolean;
}

export type Step = SqlStep | BackfillStep;

/**
 * Where a config step carries the functions that run it: the compiled module's key functions (a
 * folder `kmig compile` wrote), or those of the module the compiler emits and loads for a spec
 * folder compiled in memory (compiler/emit/config-module.ts). A symbol, so that the functions
 * travel with the step (spreads copy them) but are never part of its data: JSON, the ledger and
 * checksums do not see them.
 */
export const CONFIG_CODE: unique symbol = Symbol.for("kmig.config-code");

/** The code of a config step: each key's value over the old document, in `keys` order. */
export interface ConfigCode {
  readonly keys: readonly ((row: unknown, rt: Rt) => unknown)[];
}

/**
 * A config document step: YAML files matching `source` (a path or glob, relative to the source
 * folder) become files at the same relative path (or `target`) in the target folder. The mapping
 * of each key is JavaScript over the old document (`row`), helpers `rt` and the status `maps`.
 */
export interface ConfigStep {
  readonly kind: "config";
  readonly id: string;
  readonly source: string;
  readonly target: string | null;
  readonly patch: boolean;
  readonly origin: Origin;
  readonly requires: readonly { readonly path: readonly string[]; readonly type: string | null; readonly origin: Origin }[];
  /** The new document's keys, in spec order. */
  readonly keys: readonly { readonly path: readonly string[]; readonly js: string; readonly origin: Origin }[];
  readonly removes: readonly (readonly string[])[];
  /** The migration's status maps as JS functions `(v) => out`, by name. */
  readonly maps: Readonly<Record<string, string>>;
  readonly expects: readonly { readonly js: string; readonly whenJs: string | null; readonly origin: Origin }[];
  readonly [CONFIG_CODE]?: ConfigCode;
}

/** The kinds of database object an `external` declaration names. */
export const EXTERNAL_KINDS = ["extension", "function", "procedure", "aggregate", "trigger", "view", "materialized view", "table", "foreign table", "type", "domain", "policy", "sequence"] as const;

export type ExternalKind = (typeof EXTERNAL_KINDS)[number];

/**
 * An object of the database that kmig does not manage (`external view v reads t (a)`): `status`
 * and `baseline` check that it exists, and never call it drift; `plan` reads the catalog for what
 * depends on what. `on`: a trigger's or policy's table; `reads`: a view's columns, by table.
 */
export interface ExternalDecl {
  readonly kind: ExternalKind;
  readonly name: string;
  /** A function's argument types, as PostgreSQL would read them (`integer, text`); null: any. */
  readonly args: string | null;
  readonly on: string | null;
  readonly partitionOf: string | null;
  readonly reads: readonly { readonly table: string; readonly columns: readonly string[] }[];
  readonly origin: Origin;
}

/** The plan format this kmig writes and runs; a recorded or compiled plan of a newer one is refused. */
export const PLAN_FORMAT = 1;

export interface Plan {
  readonly planFormat: typeof PLAN_FORMAT;
  readonly id: string;
  readonly kind: "baseline" | "migration";
  readonly from: string | null;
  readonly to: string;
  readonly description: string;
  readonly file: string;
  /**
   * The spec's meaning checksum, `m1:` and sha256 of its canonical form (docs/ledger.md):
   * formatting, comments and `describe` text do not change it, and neither does a kmig upgrade.
   */
  readonly checksum: string;
  /** The checksum kmig 0.1 recorded for the same spec, to recognise (and rewrite) ledgers it wrote. */
  readonly legacyChecksum?: string;
  readonly steps: readonly Step[];
  readonly config: readonly ConfigStep[];
  /** The objects it declares `external` (absent in plans compiled before kmig had them). */
  readonly externals?: readonly ExternalDecl[];
}

/** The marker in batch statements where the runtime inserts the key range. */
export const RANGE_MARKER = "/*kmig:range*/";

/**
 * The marker in a backfill's restore statements where the runtime limits the restore to the rows
 * already processed (`AND (key) <= ($1)`), when a run fails half-way; a comment otherwise.
 */
export const UPTO_MARKER = "/*kmig:upto*/";
