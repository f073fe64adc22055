import { readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * The layers import one way: `core/` (plan format, types, spans, diagnostics) under everything;
 * `stdlib/` over core; `grammar/` and `compiler/` over those; `runtime/` over core and stdlib only,
 * so that a compiled plan runs without the parser or the compiler; `proptest/`, `lsp/` (the language server) and `cli/` on top.
 */
const ALLOWED: Record<string, readonly string[]> = {
  core: ["core"],
  stdlib: ["stdlib", "core"],
  grammar: ["grammar", "core"],
  compiler: ["compiler", "grammar", "stdlib", "core"],
  runtime: ["runtime", "stdlib", "core"],
  proptest: ["proptest", "runtime", "compiler", "grammar", "stdlib", "core"],
  lsp: ["lsp", "compiler", "grammar", "stdlib", "core"],
};

const ROOT = resolve(__dirname, "..");

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourcesUnder(path);
    return path.endsWith(".ts") ? [path] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/(?:from|import)\s*\(?\s*["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
}

describe("layering", () => {
  for (const [layer, allowed] of Object.entries(ALLOWED)) {
    it(`${layer}/ imports only from ${allowed.join(", ")}`, () => {
      const bad: string[] = [];
      for (const file of sourcesUnder(join(ROOT, layer))) {
        for (const spec of importsOf(file)) {
          const target = relative(ROOT, resolve(dirname(file), spec)).split("/")[0];
          if (!allowed.includes(target)) bad.push(`${relative(ROOT, file)} → ${spec}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }
});
