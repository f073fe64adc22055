import { readFileSync } from "node:fs";
import { RunError } from "../runtime/errors.js";
import type { Style } from "../core/diagnostics/render-text.js";

/** A runtime failure as kmig prints it: code, message, the spec line of the step, the help. */
export function renderRunError(e: RunError, style: Style): string {
  const out = [`${style.error(`error[${e.code}]`)}${style.bold(`: ${e.message}`)}`];
  // The gutter is as wide as the line number, as in the front end's diagnostics.
  const pad = " ".repeat(e.origin ? String(e.origin.line).length : 1);
  if (e.origin) {
    out.push(`${pad}${style.gutter("-->")} ${e.origin.file}:${e.origin.line}:${e.origin.column}`);
    try {
      const text = readFileSync(e.origin.file, "utf8").split(/\r?\n/)[e.origin.line - 1];
      if (text !== undefined) {
        const bar = `${pad} ${style.gutter("|")}`;
        const under = text.slice(0, e.origin.column - 1).replace(/[^\t]/g, " ");
        out.push(bar, `${style.gutter(`${e.origin.line} |`)} ${text}`, `${bar} ${under}${style.error("^")} ${e.code.startsWith("K94") ? "here" : "this step"}`);
        if (e.help) out.push(bar);
      }
    } catch {
      // The spec file moved since compiling: the location line is enough.
    }
  }
  if (e.help) out.push(`${pad} ${style.gutter("=")} ${style.bold("help")}: ${e.help}`);
  return out.join("\n");
}

/** JSON form of a failure (with `--json`). */
export function runErrorJson(e: RunError): string {
  return JSON.stringify({ type: "error", code: e.code, message: e.message, origin: e.origin, database: e.dbMessage, help: e.help });
}

export { RunError };
