import { readFileSync } from "node:fs";
import { RunError } from "../runtime/errors.js";
import type { Style } from "../compiler/diagnostics/render-text.js";

/** A runtime failure as kmig prints it: code, message, the spec line of the step, the help. */
export function renderRunError(e: RunError, style: Style): string {
  const out = [`${style.error(`error[${e.code}]`)}${style.bold(`: ${e.message}`)}`];
  if (e.origin) {
    out.push(`  ${style.gutter("-->")} ${e.origin.file}:${e.origin.line}:${e.origin.column}`);
    try {
      const text = readFileSync(e.origin.file, "utf8").split(/\r?\n/)[e.origin.line - 1];
      if (text !== undefined) {
        const n = String(e.origin.line);
        out.push(`${" ".repeat(n.length + 1)}${style.gutter("|")}`, `${style.gutter(`${n} |`)} ${text}`, `${" ".repeat(n.length + 1)}${style.gutter("|")} ${" ".repeat(e.origin.column - 1)}${style.error("^")} ${e.code.startsWith("K94") ? "here" : "this step"}`);
      }
    } catch {
      // The spec file moved since compiling: the location line is enough.
    }
  }
  if (e.help) out.push(`   ${style.gutter("=")} ${style.bold("help")}: ${e.help}`);
  return out.join("\n");
}

/** JSON form of a failure (with `--json`). */
export function runErrorJson(e: RunError): string {
  return JSON.stringify({ type: "error", code: e.code, message: e.message, origin: e.origin, database: e.dbMessage, help: e.help });
}

export { RunError };
