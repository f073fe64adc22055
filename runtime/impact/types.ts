import type { Origin, Reversibility } from "../plan.js";

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
}

/** Everything `kmig plan` reports: the pending migrations step by step, what fails, what to know. */
export interface PlanImpact {
  readonly database: string;
  readonly migrations: readonly MigrationImpact[];
  readonly violations: readonly Violation[];
  readonly warnings: readonly string[];
}
