import { mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadWithCodeCache, writeCodeCache } from "../../compiler/emit/code-cache.js";

/** Two CommonJS files, the second requiring the first, in a fresh folder; and a cache folder. */
function fixture() {
  const dir = mkdtempSync(join(tmpdir(), "kmig-code-cache-"));
  const dep = join(dir, "dep.js");
  const main = join(dir, "main.js");
  writeFileSync(dep, "exports.twice = (n) => 2 * n;\n");
  writeFileSync(main, "const { twice } = require('./dep.js');\nmodule.exports = { four: twice(2), file: __filename };\n");
  return { dep, main, cache: join(dir, "cache") };
}

describe("loading CommonJS through V8's code cache", () => {
  it("loads files as require does, into require.cache, and uses the cache written after", () => {
    const { dep, main, cache } = fixture();
    const first = loadWithCodeCache([dep, main], cache);
    expect(first.map((l) => l.cached)).toEqual([false, false]);
    const require = createRequire(main);
    expect(require(main)).toEqual({ four: 4, file: main });
    writeCodeCache(first, cache);
    // A second load (as in a new process): what is in require.cache already is skipped.
    expect(loadWithCodeCache([dep, main], cache)).toEqual([]);
    delete require.cache[dep];
    delete require.cache[main];
    const second = loadWithCodeCache([dep, main], cache);
    expect(second.map((l) => l.cached)).toEqual([true, true]);
    expect(require(main)).toEqual({ four: 4, file: main });
  });

  it("ignores a cache written for another version of the file", () => {
    const { dep, main, cache } = fixture();
    writeCodeCache(loadWithCodeCache([dep, main], cache), cache);
    const require = createRequire(main);
    delete require.cache[dep];
    delete require.cache[main];
    writeFileSync(dep, "exports.twice = (n) => n + n;\n");
    utimesSync(dep, new Date(), new Date(Date.now() + 5000));
    const loaded = loadWithCodeCache([dep, main], cache);
    expect(loaded.map((l) => l.cached)).toEqual([false, true]);
    expect(require(main).four).toBe(4);
  });

  it("leaves a file that throws out of require.cache", () => {
    const { dep, cache } = fixture();
    writeFileSync(dep, "throw new Error('broken');\n");
    expect(() => loadWithCodeCache([dep], cache)).toThrow("broken");
    expect(createRequire(dep).cache[dep]).toBeUndefined();
  });
});
