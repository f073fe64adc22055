import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { looksLikeCrash, runCli, tempSpecs } from "../support/cli.js";
import { emitFolder } from "./support.js";

/** `kmig compile <folder> --out <dir>` as users run it: the built CLI in a child process. */

const freshDir = () => join(mkdtempSync(join(tmpdir(), "kmig-out-")), "plans");

describe("kmig compile", () => {
  it("writes per spec file the plan module, its JavaScript and its types, then the manifest, and says so", async () => {
    const out = freshDir();
    // KMIG_DEBUG=1 would say if the print worker were missing or failed, or found no code cache to
    // load ts-morph with (the output would be the same, only later).
    const r = runCli(["compile", "specs/keiko", "--out", out], { env: { KMIG_DEBUG: "1" } });
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const files = ["000_baseline.ts", "000_baseline.mjs", "000_baseline.d.mts", "001_keiko_v2.ts", "001_keiko_v2.mjs", "001_keiko_v2.d.mts", "kmig-plan.json"];
    expect(r.stdout).toBe(files.map((f) => `wrote ${join(out, f)}\n`).join(""));
    expect(readdirSync(out).sort()).toEqual([...files].sort());
    for (const m of await emitFolder("specs/keiko")) expect(readFileSync(join(out, m.fileName), "utf8") === m.text, m.fileName).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, "kmig-plan.json"), "utf8")) as { planFormat: number; migrations: { id: string; module: string }[] };
    expect(manifest.planFormat).toBe(1);
    expect(manifest.migrations.map((e) => [e.id, e.module])).toEqual([["keiko_v1", "000_baseline.mjs"], ["keiko_v2", "001_keiko_v2.mjs"]]);
  });

  it("prints the diagnostics, exits 1 and writes nothing when the spec has errors", () => {
    const specs = tempSpecs({
      "000_base.kmig": "baseline b version '1' {\n  create table t {\n    id uuid primary key\n  }\n}\n",
      "001_next.kmig": "migration m from '1' to '2' {\n  describe 'broken'\n  table t {\n    add n integer? := nope + 1\n  }\n}\n",
    });
    const out = freshDir();
    const r = runCli(["compile", specs, "--out", out]);
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/error\[K\d{4}\]/);
    expect(r.stderr).toContain("nothing written");
    expect(looksLikeCrash(r.stderr)).toBe(false);
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 on usage mistakes", () => {
    const cases: [string[], RegExp][] = [
      [["compile", "specs/keiko"], /needs --out/],
      [["compile", "--out", freshDir()], /exactly one spec folder/],
      [["compile", "specs/keiko", "specs/keiko", "--out", freshDir()], /exactly one spec folder/],
      [["compile", "no/such/folder", "--out", freshDir()], /not a folder/],
      [["compile", "specs/keiko/001_keiko_v2.kmig", "--out", freshDir()], /not a folder/],
      [["compile", "specs/keiko", "--out", freshDir(), "--bogus"], /--bogus/],
    ];
    for (const [args, message] of cases) {
      const r = runCli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(message);
    }
  });

  it("has its own help", () => {
    const r = runCli(["help", "compile"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^kmig compile <folder> --out <dir>/);
  });

  it("keeps ts-morph and prettier out of the CLI's startup: the bundle only imports them when emitting", () => {
    // The build splits the CLI into chunks (dist/chunks/), each command's loaded when it runs.
    const files = ["dist/kmig.mjs", ...readdirSync("dist/chunks").map((f) => join("dist/chunks", f))];
    const texts = files.map((f) => readFileSync(f, "utf8"));
    for (const [i, text] of texts.entries()) {
      expect(text, files[i]).not.toMatch(/^import[^\n]*from\s*["'](ts-morph|prettier)/m);
      expect(text, files[i]).not.toMatch(/^import\s*["'](ts-morph|prettier)/m);
    }
    expect(texts.some((t) => t.includes('import("prettier/standalone")'))).toBe(true);
  });
});
