import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/**
 * Loads ES module JavaScript the compiler wrote, as Node loads a compiled folder's `.mjs`: from a
 * file (a fresh temporary one, removed once loaded), through `import()`. This is how code kmig
 * generates runs in-process (`kmig test`, a spec folder's config steps) — never `eval` or `new
 * Function` (test/no-eval.test.ts).
 */
export async function importModuleText(js: string, fileName = "module.mjs"): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), "kmig-module-"));
  try {
    const path = join(dir, fileName);
    writeFileSync(path, js);
    return (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
