import type { Origin, Reversibility } from "../../core/plan.js";

/** Something in the live data that will make `kmig apply` fail at a step. */
export interface Violation {
  readonly migration: string;
  readonly step: string;
  readonly origin: Origin;
  readonly what: string;
  readonly rows: number;
  /** A few of the rows (by key) or values concerned. */
  readonly examples: readonly string[];
}

/** How many rows hold one input value of a status map, and what they become. */
export interface MapCount {
  /** The input as text; null for SQL NULL. */
  readonly input: string | null;
  readonly output: string | null;
  readonly rows: number;
  /** True when no entry lists the value: it falls to the map's fallback (`else`). */
  readonly fallback: boolean;
}

export interface MapImpact {
  readonly map: string;
  readonly column: string;
  readonly origin: Origin;
  readonly counts: readonly MapCount[];
  /** More distinct inputs exist than are listed. */
  readonly more: boolean;
}

export interface StepImpact {
  readonly index: number;
  readonly id: string;
  readonly summary: string;
  readonly op: string;
  readonly origin: Origin;
  readonly sql: readonly string[];
  readonly reversibility: Reversibility;
  /** `done`: an earlier run completed it; `resumes`: a backfill an earlier run left half-way. */
  readonly status: "pending" | "done" | "resumes";
  /** Rows a backfill will update (for a resumed one: the rows still to do). */
  readonly rows: number | null;
  readonly batches: string | null;
  readonly maps: readonly MapImpact[];
  readonly violations: readonly Violation[];
  readonly notes: readonly string[];
}

export interface MigrationImpact {
  readonly id: string;
  readonly kind: "baseline" | "migration";
  readonly from: string | null;
  readonly to: string;
  readonly description: string;
  /** `create`: the baseline kmig creates on an empty database. */
  readonly state: "pending" | "half-done" | "create";
  readonly steps: readonly StepImpact[];
  /** The config files apply would write (only when config folders are given). */
  readonly files: readonly ConfigFileImpact[];
}

/** One file a config step would write, and how it differs from what the target folder holds now. */
export interface ConfigFileImpact {
  /** Relative to the target folder. */
  readonly path: string;
  /** The source file it is made from, relative to the source folder. */
  readonly source: string;
  /** `patch`: a patch step editing the file in place; `unchanged`: it would write the same bytes. */
  readonly action: "create" | "overwrite" | "patch" | "unchanged";
  /** The config step's place in the spec. */
  readonly origin: Origin;
  /** A unified diff (`--- a/…`, `+++ b/…`, hunks with 3 lines of context); empty when unchanged. */
  readonly diff: string;
}

/** One file a rollback would put back as it was before the migration (or remove, if apply created it). */
export interface ConfigRestoreImpact {
  readonly path: string;
  readonly action: "restore" | "remove" | "unchanged";
  /** From the file as it is now to the file rollback leaves. */
  readonly diff: string;
}

/** Everything `kmig plan` reports: the pending migrations step by step, what fails, what to know. */
export interface PlanImpact {
  readonly database: string;
  /** The config folders read and written; null when none were given (config steps are not planned). */
  readonly config: { readonly from: string; readonly to: string } | null;
  readonly migrations: readonly MigrationImpact[];
  readonly violations: readonly Violation[];
  readonly warnings: readonly string[];
}
