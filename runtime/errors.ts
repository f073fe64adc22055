import type { Origin } from "../core/plan.js";

/**
 * A failure the user can act on: a stable K9xxx code, where in the spec it came from (if a step),
 * the database's own message, and what to do. The CLI prints it without a stack and exits 1.
 */
export class RunError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly help: string | null = null,
    readonly origin: Origin | null = null,
    readonly dbMessage: string | null = null,
  ) {
    super(message);
  }
}
