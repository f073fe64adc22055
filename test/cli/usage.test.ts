import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { runCli } from "../support/cli.js";

/** The CLI's contract outside checking itself: help, version, and exit code 2 for usage mistakes. */
describe("kmig usage", () => {
  it("--help, -h and no arguments print the overview on stdout and exit 0", () => {
    for (const args of [["--help"], ["-h"], []]) {
      const r = runCli(args);
      expect(r.status, args.join(" ")).toBe(0);
      expect(r.stdout).toContain("Usage: kmig <command> [options]");
      expect(r.stdout).toContain("check <file|folder>...");
      expect(r.stdout).toMatch(/Exit codes: 0 success, 1 .*, 2 usage or internal error/);
      expect(r.stderr).toBe("");
    }
  });

  it("`help check` and `check --help` print the command's own help", () => {
    for (const args of [["help", "check"], ["check", "--help"], ["check", "-h"]]) {
      const r = runCli(args);
      expect(r.status, args.join(" ")).toBe(0);
      expect(r.stdout).toMatch(/^kmig check <file\|folder>\.\.\. \[--format text\|json\|sarif\|github\]/);
      expect(r.stdout).toContain("Exit code: 0 clean (warnings allowed), 1 errors found, 2 usage or internal error.");
      expect(r.stdout).not.toContain("Commands:");
    }
  });

  it("`help` of an unknown command is a usage error", () => {
    const r = runCli(["help", "frobnicate"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("unknown command `frobnicate`");
  });

  it("--version and -v print the package's version", () => {
    const { version } = JSON.parse(readFileSync("package.json", "utf8")) as { version: string };
    for (const flag of ["--version", "-v"]) {
      const r = runCli([flag]);
      expect(r.status).toBe(0);
      expect(r.stdout).toBe(`kmig ${version}\n`);
    }
  });

  it("an unknown command exits 2 and points at --help", () => {
    const r = runCli(["chekc", "specs"]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe("error: unknown command `chekc`\n  = help: did you mean `kmig check`? (`kmig --help` lists the commands)\n");
  });

  it("`check` without a path exits 2", () => {
    const r = runCli(["check"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("kmig check needs at least one file or folder");
  });

  it("a path that does not exist exits 2 and names it", () => {
    const r = runCli(["check", "specs/no-such-folder"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("error: no such file or folder: specs/no-such-folder\n  = help: check the path (relative paths start at the current folder)\n");
    expect(r.stdout).toBe("");
  });

  it("an unknown option or format exits 2 without a stack trace", () => {
    for (const args of [["check", "specs", "--bogus"], ["check", "specs", "--format", "xml"]]) {
      const r = runCli(args);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toMatch(/^error: /);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
});
