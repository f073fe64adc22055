import type { Diagnostic } from "../core/diagnostics/diagnostic.js";
import type { Db } from "../runtime/db/connection.js";
import { isCompiledFolder } from "../runtime/load/compiled-plans.js";

/**
 * The live safety lints of a spec folder's pending migrations (cli/live-lints.ts), none for a
 * folder `kmig compile` wrote: imported only for a spec folder, so that applying a compiled folder
 * never loads the front end, the compiler or its lints.
 */
export async function liveLintsIfSource(db: Db, folder: string): Promise<Diagnostic[]> {
  if (isCompiledFolder(folder)) return [];
  const { liveLints } = await import("./live-lints.js");
  return liveLints(db, folder);
}
