import type { Origin } from "../core/plan.js";

/** A broken law: which, where in the spec, and the row that breaks it. */
export class LawFailure extends Error {
  constructor(
    readonly law: string,
    readonly origin: Origin | null,
    readonly row: unknown,
    message: string,
  ) {
    super(message);
  }
}
