import type { DiagnosticCode } from "../core/diagnostics/catalog.js";
import type { Origin } from "../core/plan.js";

/** What a RunError adds to its message besides its help: lines of detail, and the label under its caret. */
export interface RunErrorExtras {
  /** Lines that list what the message counts or names (drift, rows), one each. */
  readonly notes?: readonly string[];
  /** The words under the caret at `origin` (default: `this step`). */
  readonly label?: string;
}

/**
 * A failure the user can act on: a stable code of the one catalog (K9xxx), where in the spec it
 * came from (if a step), the database's own message, and what to do. The CLI prints it like a
 * front-end diagnostic (code frame at the spec line), without a stack, and exits 1.
 */
export class RunError extends Error {
  readonly notes: readonly string[];
  readonly label: string | null;
  constructor(
    readonly code: DiagnosticCode,
    message: string,
    readonly help: string | null = null,
    readonly origin: Origin | null = null,
    readonly dbMessage: string | null = null,
    extras: RunErrorExtras = {},
  ) {
    super(message);
    this.notes = extras.notes ?? [];
    this.label = extras.label ?? null;
  }
}
