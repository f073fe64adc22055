import { cpSync, existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pgliteUntuned } from "./pglite-engine.js";

/**
 * The embedded database's template: a data folder PGlite's initdb made when kmig was built
 * (`npm run build`: scripts/pglite-template.mjs writes `dist/pglite-template-<PGlite version>`).
 * A new embedded database is a copy of it — a fraction of a second and no extra memory — instead
 * of running initdb, which costs seconds and, at its peak, over 600 MB. Made by the same PGlite
 * version only: a folder from another version would not open.
 */

/** The installed PGlite's version (its package.json, next to the entry point Node resolves). */
export function pgliteVersion(): string | null {
  try {
    let dir = dirname(createRequire(import.meta.url).resolve("@electric-sql/pglite"));
    for (let i = 0; i < 4; i++, dir = dirname(dir)) {
      const path = join(dir, "package.json");
      if (existsSync(path)) return (JSON.parse(readFileSync(path, "utf8")) as { version?: string }).version ?? null;
    }
  } catch {
    // No PGlite installed: there is no template to use either.
  }
  return null;
}

/** The template's folder name for `version`. */
export const templateName = (version: string) => `pglite-template-${version}`;

/** The template folder of this build, if it was made: `dist/` holds it, found from this module (bundled or not). */
export function pgliteTemplate(): string | null {
  if (pgliteUntuned()) return null;
  const version = pgliteVersion();
  if (!version) return null;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++, dir = dirname(dir)) {
    for (const candidate of [join(dir, templateName(version)), join(dir, "dist", templateName(version))]) {
      if (existsSync(join(candidate, "PG_VERSION"))) return candidate;
    }
  }
  return null;
}

/** Fills the empty folder `dir` with a copy of the template; false when there is no template (PGlite then runs initdb). */
export function copyPgliteTemplate(dir: string): boolean {
  const template = pgliteTemplate();
  if (!template) return false;
  cpSync(template, dir, { recursive: true });
  return true;
}
