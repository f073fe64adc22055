import { describe, expect, it } from "vitest";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";

/**
 * The VS Code extension's manifest wires the language, the grammar, the language configuration
 * and the client together: the names VS Code and the marketplace read, and the command the client
 * starts. (Packaging it is `node editors/vscode/scripts/package.mjs`, which checks the archive.)
 */

const DIR = "editors/vscode";
const manifest = JSON.parse(readFileSync(join(DIR, "package.json"), "utf8"));

describe("the VS Code extension (editors/vscode)", () => {
  it("contributes the language `kmig` for .kmig files, with its language configuration", () => {
    const [language] = manifest.contributes.languages;
    expect(language).toMatchObject({ id: "kmig", extensions: [".kmig"] });
    const config = JSON.parse(readFileSync(join(DIR, language.configuration), "utf8"));
    expect(config.comments).toEqual({ lineComment: "//", blockComment: ["/*", "*/"] });
    expect(config.brackets).toEqual([
      ["{", "}"],
      ["[", "]"],
      ["(", ")"],
    ]);
    expect(config.autoClosingPairs.map((p: { open: string }) => p.open)).toEqual(expect.arrayContaining(["{", "[", "(", "'", '"']));
    expect(new RegExp(config.indentationRules.increaseIndentPattern).test("  table users {")).toBe(true);
    expect(new RegExp(config.indentationRules.increaseIndentPattern).test("  x := y // {")).toBe(false);
    expect(new RegExp(config.indentationRules.decreaseIndentPattern).test("  }")).toBe(true);
  });

  it("contributes the TextMate grammar `source.kmig` for the language, SQL embedded", () => {
    const [grammar] = manifest.contributes.grammars;
    expect(grammar).toMatchObject({ language: "kmig", scopeName: "source.kmig", embeddedLanguages: { "meta.embedded.block.sql": "sql" } });
    expect(JSON.parse(readFileSync(join(DIR, grammar.path), "utf8")).scopeName).toBe("source.kmig");
  });

  it("starts `kmig lsp --stdio` for kmig documents, and watches .kmig files for it", () => {
    expect(manifest.main).toBe("./dist/extension.js");
    expect(manifest.engines.vscode).toMatch(/^\^1\.\d+\.\d+$/);
    const client = readFileSync(join(DIR, "src/extension.ts"), "utf8");
    expect(client).toContain('args: ["lsp", "--stdio"]');
    expect(client).toContain('{ scheme: "file", language: "kmig" }');
    expect(client).toContain('createFileSystemWatcher("**/*.kmig")');
    expect(Object.keys(manifest.contributes.configuration.properties)).toEqual(["kmig.server.path", "kmig.server.debounceMs", "kmig.trace.server"]);
  });

  it("pins its build tools and has the README's screenshots", () => {
    for (const v of Object.values(manifest.devDependencies)) expect(v).toMatch(/^\d+\.\d+\.\d+$/);
    expect(existsSync(join(DIR, "package-lock.json"))).toBe(true);
    const readme = readFileSync(join(DIR, "README.md"), "utf8");
    for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) expect(existsSync(join(DIR, m[1])), m[1]).toBe(true);
  });
});
