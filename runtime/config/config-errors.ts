import { RunError } from "../errors.js";
import { ConfigInputError } from "./yaml-doc.js";

/** Bad config input as a run failure that names the file, the key path and the YAML line:col. */
export function asRunError(e: unknown): unknown {
  if (!(e instanceof ConfigInputError)) return e;
  const key = e.keyPath ? ` (key \`${e.keyPath}\`)` : "";
  // Line 0: the problem is the file as a whole (a missing source file), not a place in it.
  const at = e.line > 0 ? { file: e.file, line: e.line, column: e.column } : null;
  return new RunError("K9401", `${at ? `${e.file}:${e.line}:${e.column}` : e.file}${key}: ${e.message}`, `${e.help ? `${e.help}; ` : ""}nothing was written and the database was not changed`, at);
}
