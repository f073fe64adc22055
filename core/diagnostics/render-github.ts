import { positionOf } from "../source-file.js";
import type { Diagnostic } from "./diagnostic.js";

/**
 * `kmig check --format github`: one GitHub Actions workflow command per diagnostic
 * (`::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=K5001::message`), which the runner
 * shows as an annotation on that line of the pull request's diff.
 * https://docs.github.com/en/actions/reference/workflow-commands-for-github-actions
 */
export function toGithub(d: Diagnostic): string {
  const s = positionOf(d.primary.file, d.primary.span.start);
  const e = positionOf(d.primary.file, Math.max(d.primary.span.start, d.primary.span.end));
  const level = d.severity === "error" ? "error" : d.severity === "warning" ? "warning" : "notice";
  const props = [`file=${property(d.primary.file.path)}`, `line=${s.line}`, `col=${s.column}`, `endLine=${e.line}`, `endColumn=${e.column}`, `title=${property(d.code)}`].join(",");
  const text = [d.message, ...d.notes.map((n) => `note: ${n}`), ...(d.help ? [`help: ${d.help}`] : [])].join("\n");
  return `::${level} ${props}::${data(text)}`;
}

function data(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function property(s: string): string {
  return data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
