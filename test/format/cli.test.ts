import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runCli, tempSpecs } from "../support/cli.js";

const MESSY = "migration m from '1' to '2' {\n      table t { x := 1\n  longer := (2) }\n}\n";
const CANONICAL = "migration m from '1' to '2' {\n  table t {\n    x      := 1\n    longer := 2\n  }\n}\n";
const BROKEN = "migration m from '1' to '2' {\n  table t { x := }\n}\n";

describe("kmig fmt", () => {
  it("rewrites files that are not canonical, lists them, and leaves canonical ones alone", () => {
    const dir = tempSpecs({ "a.kmig": MESSY, "sub/b.kmig": CANONICAL });
    const r = runCli(["fmt", dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(`formatted ${join(dir, "a.kmig")}\n`);
    expect(readFileSync(join(dir, "a.kmig"), "utf8")).toBe(CANONICAL);
    expect(readFileSync(join(dir, "sub/b.kmig"), "utf8")).toBe(CANONICAL);
  });

  it("--check changes nothing, lists the files to format and exits 1", () => {
    const dir = tempSpecs({ "a.kmig": MESSY, "b.kmig": CANONICAL });
    const r = runCli(["fmt", "--check", dir]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe(`${join(dir, "a.kmig")}\n`);
    expect(r.stderr).toContain("1 file not in the canonical layout");
    expect(readFileSync(join(dir, "a.kmig"), "utf8")).toBe(MESSY);
  });

  it("--check exits 0 when every file is canonical", () => {
    const r = runCli(["fmt", "--check", tempSpecs({ "b.kmig": CANONICAL })]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
  });

  it("--stdout prints the formatted text and writes nothing", () => {
    const dir = tempSpecs({ "a.kmig": MESSY });
    const r = runCli(["fmt", "--stdout", join(dir, "a.kmig")]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(CANONICAL);
    expect(readFileSync(join(dir, "a.kmig"), "utf8")).toBe(MESSY);
  });

  it("never rewrites a file with syntax errors: prints its diagnostics and exits 1", () => {
    const dir = tempSpecs({ "bad.kmig": BROKEN, "a.kmig": MESSY });
    const r = runCli(["fmt", dir]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[K1\d{3}\]/);
    expect(r.stderr).toContain("bad.kmig:2:");
    expect(readFileSync(join(dir, "bad.kmig"), "utf8")).toBe(BROKEN);
    expect(readFileSync(join(dir, "a.kmig"), "utf8")).toBe(CANONICAL);
  });

  it("exits 2 on usage errors", () => {
    for (const args of [["fmt"], ["fmt", "--check", "--stdout", "specs"], ["fmt", "--frobnicate", "specs"], ["fmt", "no/such/path"]]) {
      const r = runCli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^error: /);
    }
  });

  it("has its own help", () => {
    const r = runCli(["help", "fmt"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^kmig fmt \[--check \| --stdout\] <file\|folder>\.\.\./);
  });

  it("leaves the repository's specs canonical", () => {
    const r = runCli(["fmt", "--check", "specs"]);
    expect(r.stdout + r.stderr).toBe("");
    expect(r.status).toBe(0);
  });
});
