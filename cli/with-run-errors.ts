import { RunError } from "../runtime/errors.js";
import { sessionFailure } from "../runtime/db/failures.js";
import type { Reporter } from "../runtime/events.js";
import type { Printer } from "./printer.js";

/**
 * Runs a database command: a RunError, or a failure that is the database's (a lost connection, a
 * missing privilege), is reported (rendered on stderr, or one JSON event with --json) and the
 * command exits 1. Anything else is left to the caller: a bug in kmig.
 */
export async function withRunErrors(out: Printer, reporter: Reporter, where: string, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    reporter.close();
    const err = e instanceof RunError ? e : sessionFailure(e, where);
    if (!err) throw e;
    out.failure(err);
    return 1;
  } finally {
    reporter.close();
  }
}
