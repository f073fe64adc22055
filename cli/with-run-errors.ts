import { RunError } from "../runtime/errors.js";
import type { Reporter } from "../runtime/events.js";
import { styleFor } from "./output.js";
import { renderRunError, runErrorJson } from "./run-error.js";

/** Runs a database command: a RunError (or a database error) is printed for people, exit 1. */
export async function withRunErrors(json: boolean, reporter: Reporter, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (e) {
    reporter.close();
    const err = e instanceof RunError ? e : connectionError(e);
    if (!err) throw e;
    if (json) process.stdout.write(runErrorJson(err) + "\n");
    process.stderr.write(renderRunError(err, styleFor(process.stderr)) + "\n");
    return 1;
  } finally {
    reporter.close();
  }
}

/** Failing to reach the database is the user's to fix (address, server down), not a kmig bug. */
function connectionError(e: unknown): RunError | null {
  const code = (e as { code?: string })?.code;
  if (code && ["ECONNREFUSED", "ENOTFOUND", "ETIMEDOUT", "ECONNRESET", "EHOSTUNREACH", "3D000", "28P01", "28000"].includes(code)) {
    return new RunError("K9010", `cannot connect to the database: ${(e as Error).message}`, "check --db / DATABASE_URL and that the server runs");
  }
  return null;
}
