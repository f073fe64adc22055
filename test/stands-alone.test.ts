import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** CI's script, which may start a Citus cluster from the shared folder's script (skipping, and saying so, without it). */
const CI_SCRIPT = ".ci/run";

/**
 * The project stands alone: a user of kmig has the repository, not the workplace's shared folder
 * beside it. No committed file names that folder; what the Keiko specs, tests and docs need from it
 * (the guide, the contract, the v1 schema, sample rows and config folder) is copied under
 * specs/keiko/.
 */
describe("the repository stands alone", () => {
  it("no committed file points into the shared folder beside the repository", () => {
    const files = execFileSync("git", ["ls-files"], { encoding: "utf8" }).split("\n").filter((f) => f !== "" && f !== CI_SCRIPT && !f.endsWith(".png") && !f.endsWith(".vsix"));
    // Spelt in pieces, so that this file does not name the folder it looks for.
    const folder = ["sha", "red"].join("");
    const outside = new RegExp(`(?:\\.\\./)+${folder}/|(?<![\\w-])${folder}/(?:seed|keiko|research|vendor|STYLE\\.md|PERF-NOTES\\.md)`);
    const offenders = files.filter((f) => outside.test(readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  it("lets only CI's script name it, and only to start a Citus cluster when present", () => {
    const folder = ["sha", "red"].join("");
    const lines = readFileSync(CI_SCRIPT, "utf8").split("\n").filter((l) => l.includes(`${folder}/`));
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(l, l).toMatch(new RegExp(`${folder}/vendor/citus/cluster\\.sh`));
  });

  it("keeps the Keiko reference material it needs", () => {
    for (const f of ["specs/keiko/reference/migration-guide.md", "specs/keiko/reference/contract.md", "specs/keiko/reference/v1-schema.sql", "specs/keiko/fixtures/v1-sample.sql"]) {
      expect(readFileSync(f, "utf8").length, f).toBeGreaterThan(500);
    }
  });
});
