import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadChunkFormatter } from "../../compiler/emit/format-chunk.js";
import { emitFolder } from "./support.js";

/**
 * Golden plan modules: for every spec folder under `specs/`, what `kmig compile specs/<name>`
 * writes is compared byte for byte with `test/golden/plans/<name>/`. `KMIG_UPDATE=1 npx vitest
 * run test/emit` rewrites them; review the diff before committing it.
 */

const SPECS = "specs";
const GOLDEN = "test/golden/plans";
const UPDATE = process.env.KMIG_UPDATE === "1";

function specFolders(): string[] {
  return readdirSync(SPECS, { withFileTypes: true })
    .filter((e) => e.isDirectory() && readdirSync(join(SPECS, e.name)).some((f) => f.endsWith(".kmig")))
    .map((e) => e.name)
    .sort();
}

describe("golden plan modules", () => {
  it("covers the Keiko chain", () => {
    expect(specFolders()).toContain("keiko");
  });

  for (const name of specFolders()) {
    it(name, async () => {
      const modules = await emitFolder(join(SPECS, name));
      const dir = join(GOLDEN, name);
      if (UPDATE) mkdirSync(dir, { recursive: true });
      for (const m of modules) {
        const path = join(dir, m.fileName);
        if (UPDATE) {
          if (!existsSync(path) || readFileSync(path, "utf8") !== m.text) writeFileSync(path, m.text);
          continue;
        }
        expect(existsSync(path), `${path} is missing; run KMIG_UPDATE=1 npx vitest run test/emit`).toBe(true);
        expect(m.text, `${path} differs from what kmig compile writes now`).toBe(readFileSync(path, "utf8"));
      }
      // Formatted as prettier formats them, also the data kmig lays out itself (prettier changes nothing).
      const format = await loadChunkFormatter();
      for (const m of modules) expect((await format(m.text)) === m.text, `${m.fileName} is not as prettier formats it`).toBe(true);
      // No stale golden files: exactly one per spec file.
      const expected = modules.map((m) => m.fileName).sort();
      if (!UPDATE) expect(readdirSync(dir).filter((f) => f.endsWith(".ts")).sort()).toEqual(expected);
    });
  }
});
