import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The build splits the CLI along cli/main.ts's dynamic imports so that `kmig check` and `kmig fmt`
 * start fast: they must not load the runtime, the emitter or the libraries only other commands
 * need. esbuild marks each bundled source file with a `// path` comment, which is what is read here.
 */

/** The dist/ files `kmig <command>` loads: the entry, and the command's chunk with everything it imports statically. */
function filesLoadedBy(command: string): string[] {
  const entry = "dist/kmig.mjs";
  const entryText = readFileSync(entry, "utf8");
  const chunk = new RegExp(`import\\("(\\./chunks/${command}-[A-Z0-9]+\\.mjs)"\\)`).exec(entryText);
  if (!chunk) throw new Error(`dist/kmig.mjs does not import a chunk for \`${command}\``);
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const m of readFileSync(file, "utf8").matchAll(/^(?:import|\})[^\n]*?"(\.\.?\/[^"]+\.mjs)";$/gm)) visit(join(dirname(file), m[1]));
  };
  visit(entry);
  visit(join("dist", chunk[1]));
  return [...seen];
}

const sourcesOf = (files: readonly string[]) => files.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/^\/\/ ((?:node_modules\/)?[\w@.-]+(?:\/[\w@.-]+)*\.[cm]?[jt]s)$/gm)].map((m) => m[1]));
/** Modules from outside the bundle: static imports (esbuild writes them at the start of a line) and dynamic ones. */
const externalsOf = (files: readonly string[]) =>
  files.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/^(?:import|\})[^\n]*?["']([^".'][^"']*)["'];$|\bimport\(["']([^".'][^"']*)["']\)/gm)].map((m) => m[1] ?? m[2]));

describe("the CLI bundle's split", () => {
  for (const command of ["check", "fmt"]) {
    it(`\`kmig ${command}\` loads neither the runtime, nor the emitter, nor their libraries`, () => {
      const files = filesLoadedBy(command);
      const sources = sourcesOf(files);
      expect(sources.some((s) => s.startsWith(`cli/${command}`))).toBe(true);
      const unwanted = sources.filter((s) => /^(runtime|compiler\/emit|lsp)\/|^node_modules\/(yaml|fast-check|pg|@electric-sql|prettier|ts-morph|vscode-[\w-]+)\//.test(s));
      expect(unwanted).toEqual([]);
      expect(externalsOf(files).filter((x) => !x.startsWith("node:"))).toEqual([]);
    });
  }

  it("`kmig lsp` loads the protocol library only in its own chunk, bundled (nothing from node_modules at run time)", () => {
    const files = filesLoadedBy("lsp");
    const sources = sourcesOf(files);
    expect(sources.some((s) => s.startsWith("node_modules/vscode-languageserver/"))).toBe(true);
    expect(sources.filter((s) => /^(runtime|compiler\/emit)\//.test(s))).toEqual([]);
    expect(externalsOf(files).filter((x) => !x.startsWith("node:"))).toEqual([]);
  });
});
