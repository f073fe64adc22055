/**
 * The folder `kmig compile` writes and `kmig apply <dir>` (or `kmig/runtime`) runs: one module per
 * migration and a manifest, `kmig-plan.json`, saying in which order they run and what each file's
 * bytes must be. The compiler writes it; the runtime reads it (runtime/load/).
 */

/** The manifest's file name: a folder that has it is a compiled plan folder. */
export const MANIFEST_FILE = "kmig-plan.json";

/**
 * The plan format this kmig writes and runs: the shape of a plan module's exports and of the plan
 * data in it (core/plan.ts). A folder of another format is refused (K9060): compile it again.
 */
export const PLAN_FORMAT = 1;

/** One migration of a compiled folder, in chain order. */
export interface ManifestEntry {
  readonly id: string;
  readonly kind: "baseline" | "migration";
  readonly from: string | null;
  readonly to: string;
  /** The spec it was compiled from, as `kmig compile` was given it (for messages). */
  readonly spec: string;
  /** The spec's meaning checksum (the plan's `checksum`): what the ledger compares. */
  readonly checksum: string;
  /** The ES module the runtime loads (`001_keiko_v2.mjs`), relative to the folder. */
  readonly module: string;
  /** Every file written for it (module, types, TypeScript source) and the sha256 of its bytes. */
  readonly files: Readonly<Record<string, string>>;
}

/** `kmig-plan.json`. */
export interface Manifest {
  /** Always `kmig-compiled-plans`: says what the file is to someone who finds it. */
  readonly kind: "kmig-compiled-plans";
  readonly planFormat: number;
  /** The kmig that wrote it. */
  readonly kmigVersion: string;
  readonly migrations: readonly ManifestEntry[];
}
