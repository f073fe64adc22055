import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

/**
 * Code kmig generates runs as modules (a compiled folder's `.mjs`, or the same module written and
 * imported by compiler/emit/import-module.ts for `kmig test`): nothing in the runtime, the
 * property tests or the CLI evaluates a string as code.
 */

const FOLDERS = ["runtime", "proptest", "cli", "core"];
const EVAL = /\bnew Function\s*\(|(?<![.\w])eval\s*\(|\bvm\.(?:runIn|Script|compileFunction)|from "node:vm"/;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const path = join(dir, f);
    if (statSync(path).isDirectory()) return files(path);
    return /\.(?:ts|mts|mjs|js)$/.test(f) ? [path] : [];
  });
}

describe("no eval", () => {
  it("no `new Function`, `eval` or `node:vm` in the runtime, the property tests, the CLI or the kernel", () => {
    const found = FOLDERS.flatMap(files).flatMap((path) =>
      readFileSync(path, "utf8")
        .split("\n")
        .flatMap((line, i) => (EVAL.test(line) && !line.trim().startsWith("*") && !line.trim().startsWith("//") ? [`${path}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(found).toEqual([]);
  });

  it("the pattern finds what it is for", () => {
    expect(EVAL.test('new Function("row", "return 1")')).toBe(true);
    expect(EVAL.test("eval(js)")).toBe(true);
    expect(EVAL.test("rt.evaluate(x)")).toBe(false);
  });
});
