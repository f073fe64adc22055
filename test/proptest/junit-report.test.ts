import { describe, expect, it } from "vitest";
import { junitReport } from "../../cli/test-junit.js";
import type { PropertyResult } from "../../proptest/run-laws.js";

/** `kmig test --reporter junit`: a property that tested nothing is a skipped case with the reason, not a pass. */
describe("junit report", () => {
  const base: PropertyResult = { migration: "m2", property: "forward is total (t)", runs: 5, ok: true, failure: null, ms: 12, tested: 9, subject: "rows", untested: null };
  it("counts passes, failures and properties that tested nothing", () => {
    const xml = junitReport(
      [
        base,
        { ...base, property: "forward is total (pairs)", tested: 0, untested: "no generated row of `pairs` meets its constraints" },
        { ...base, ok: false, failure: { law: "rollback is exact", origin: { file: "s/002.kmig", line: 4, column: 5 }, counterexample: { id: 1 }, message: "t: after rollback…", seed: 1, path: "0:1" } },
      ],
      100,
    );
    expect(xml).toMatch(/<testsuite name="kmig test" tests="3" failures="1" skipped="1"/);
    expect(xml).toContain('<skipped message="tested nothing: no generated row of `pairs` meets its constraints"/>');
    expect(xml).toContain("s/002.kmig:4:5: t: after rollback…");
  });
});
