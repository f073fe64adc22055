import { lstatSync, readlinkSync, realpathSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { configPathProblem } from "../../core/config-path.js";
import type { ConfigStep, Origin } from "../../core/plan.js";
import { RunError } from "../errors.js";

/**
 * Config files are read from the source folder and written to the target folder, and nowhere
 * else: a step whose path leaves its folder — written with `..` in a plan that did not come from
 * the checker, or reaching outside through a symbolic link in either folder — is refused (K9402)
 * before anything is written. Symbolic links that stay inside are followed when reading; a target
 * file that is a link is refused (kmig writes files, it does not write through or replace links).
 */

/** Refuses a step whose source or target, as written, leaves its folder. */
export function checkStepPaths(step: ConfigStep): void {
  for (const [role, path] of [["source", step.source], ["target", step.target]] as const) {
    const problem = path === null ? null : configPathProblem(path);
    if (problem !== null) throw escapes(`the config ${role} \`${path}\` ${problem}`, step.origin);
  }
}

/** A matched source file (relative to `from`) whose real place is outside the source folder. */
export function checkSource(from: string, rel: string, origin: Origin | null): void {
  const root = realOf(from);
  const real = realOf(join(from, rel));
  if (!within(real, root)) throw escapes(`the config source ${rel} is read through ${linkOn(from, rel) ?? "a symbolic link"}, outside the source folder ${from}`, origin);
}

/** A file to write (relative to `to`): inside the target folder, through no link that leaves it, not a link itself. */
export function checkTarget(to: string, rel: string, origin: Origin | null): void {
  const problem = configPathProblem(rel);
  if (problem !== null) throw escapes(`the config file \`${rel}\` ${problem}`, origin);
  const path = join(to, rel);
  if (isLink(path)) throw escapes(`the config file ${rel} in ${to} is a symbolic link (to ${readlinkSync(path)}): kmig writes files, not through links`, origin);
  if (!within(realOf(path), realOf(to))) throw escapes(`the config file ${rel} would be written through ${linkOn(to, rel) ?? "a symbolic link"}, outside the target folder ${to}`, origin);
}

function escapes(message: string, origin: Origin | null): RunError {
  return new RunError("K9402", message, "config files stay inside --config-from and --config-to: remove the link (or the `..`); nothing was written and the database was not changed", origin, null, { label: "this config step" });
}

/** The real place of `path`: its nearest existing ancestor with symbolic links resolved, and the rest as written. */
function realOf(path: string): string {
  const abs = resolve(path);
  let existing = abs;
  for (;;) {
    try {
      return join(realpathSync(existing), relative(existing, abs));
    } catch {
      if (dirname(existing) === existing) return abs;
      existing = dirname(existing);
    }
  }
}

function within(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/** `the symbolic link a/b (to /etc)`: the first link on the way from `root` to `rel`, for messages. */
function linkOn(root: string, rel: string): string | null {
  let at = root;
  for (const part of rel.split(/[/\\]/)) {
    at = join(at, part);
    if (isLink(at)) return `the symbolic link ${relative(root, at)} (to ${readlinkSync(at)})`;
  }
  return null;
}
