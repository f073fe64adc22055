// `npm run build`, last: writes dist/pglite-template-<PGlite version>, an initialised PGlite data
// folder that kmig copies where it needs a new embedded database (runtime/db/pglite-template.ts)
// instead of running PGlite's initdb each time. Made once per PGlite version; a build that finds
// it already there does nothing.

import { existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const DIST = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");
const require = createRequire(import.meta.url);
const version = require(join(dirname(require.resolve("@electric-sql/pglite")), "..", "package.json")).version;
const target = join(DIST, `pglite-template-${version}`);

if (!existsSync(join(target, "PG_VERSION"))) {
  // Templates of other PGlite versions are of no use to this build.
  for (const name of readdirSync(DIST)) if (name.startsWith("pglite-template-") && name !== `pglite-template-${version}`) rmSync(join(DIST, name), { recursive: true, force: true });
  const building = mkdtempSync(join(DIST, ".pglite-template-"));
  try {
    const { PGlite } = await import("@electric-sql/pglite");
    const pg = new PGlite(join(building, "data"));
    await pg.waitReady;
    await pg.close();
    // Another build running at the same time may have finished first: then its folder stays.
    if (!existsSync(join(target, "PG_VERSION"))) {
      rmSync(target, { recursive: true, force: true });
      renameSync(join(building, "data"), target);
    }
  } finally {
    rmSync(building, { recursive: true, force: true });
  }
}
