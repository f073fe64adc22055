import { RunError } from "../errors.js";
import { ConfigInputError } from "./yaml-doc.js";

/** Bad config input as a run failure that names the file, the key path and the YAML line:col. */
export function asRunError(e: unknown): unknown {
  if (!(e instanceof ConfigInputError)) return e;
  const key = e.keyPath ? ` (key \`${e.keyPath}\`)` : "";
  return new RunError("K9401", `${e.file}:${e.line}:${e.column}${key}: ${e.message}`, `${e.help ? `${e.help}; ` : ""}nothing was written and the database was not changed`, { file: e.file, line: e.line, column: e.column });
}
