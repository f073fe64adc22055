/**
 * A config block's paths — its source (a path or glob under the source folder) and its target
 * (under the target folder) — stay inside their folders. Written in a spec, a path that is absolute,
 * names a drive, or has a `..` segment would reach outside: the checker refuses it (K4020), and the
 * runtime refuses it again in a plan that did not come from the checker (K9402).
 */

/** What is wrong with a config path as written, or null when it is a plain relative path. */
export function configPathProblem(path: string): string | null {
  if (path.trim() === "") return "is empty";
  if (/^[/\\]/.test(path)) return "is an absolute path";
  if (/^[A-Za-z]:/.test(path)) return "names a drive";
  if (path.split(/[/\\]/).includes("..")) return "goes up out of its folder with `..`";
  if (path.includes("\0")) return "holds a NUL character";
  return null;
}
