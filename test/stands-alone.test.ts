import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/**
 * The project stands alone: a user of kmig has the repository, not the workplace's shared folder
 * beside it. No committed file names that folder; what the Keiko specs, tests and docs need from it
 * (the guide, the contract, the v1 schema, sample rows and config folder) is copied under
 * specs/keiko/.
 */
describe("the repository stands alone", () => {
  it("no committed file points into the shared folder beside the repository", () => {
    const files = execFileSync("git", ["ls-files"], { encoding: "utf8" }).split("\n").filter((f) => f !== "" && !f.endsWith(".png") && !f.endsWith(".vsix"));
    // Spelt in pieces, so that this file does not name the folder it looks for.
    const folder = ["sha", "red"].join("");
    const outside = new RegExp(`(?:\\.\\./)+${folder}/|(?<![\\w-])${folder}/(?:seed|keiko|research|vendor|STYLE\\.md|PERF-NOTES\\.md)`);
    const offenders = files.filter((f) => outside.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("keeps the Keiko reference material it needs", () => {
    for (const f of ["specs/keiko/reference/migration-guide.md", "specs/keiko/reference/contract.md", "specs/keiko/reference/v1-schema.sql", "specs/keiko/fixtures/v1-sample.sql"]) {
      expect(readFileSync(f, "utf8").length, f).toBeGreaterThan(500);
    }
  });
});
