import { describe, expect, it } from "vitest";
import { loadChains } from "../../cli/load-chains.js";
import { explainPlan } from "../../compiler/explain.js";
import { stepLocks } from "../../compiler/lint/step-locks.js";

/** `kmig explain` names each step's lock on a table with rows, and whether it scans or rewrites it. */
function explained(dir: string): string {
  const unit = loadChains([dir]).chains[0].result.units[1];
  return explainPlan(unit.plan, stepLocks(unit));
}

describe("kmig explain: locks", () => {
  it("a rewriting type change, an index build, a scan for NOT NULL", () => {
    expect(explained("test/golden/lints/K5008/bad")).toContain("      locks: ACCESS EXCLUSIVE on users (rewrites the table)");
    expect(explained("test/golden/lints/K5008/good")).toContain("      locks: ACCESS EXCLUSIVE on users (catalog only)");
    expect(explained("test/golden/lints/K5001/bad")).toContain("      locks: SHARE on users (builds an index: a scan and a sort)");
    expect(explained("test/golden/lints/K5001/good")).toContain("      locks: SHARE UPDATE EXCLUSIVE on users (builds an index: a scan and a sort)");
    expect(explained("test/golden/lints/K5005/good")).toContain("      locks: SHARE ROW EXCLUSIVE on orders, SHARE ROW EXCLUSIVE on users (catalog only)");
    // SET NOT NULL lowered: the scan is a VALIDATE under SHARE UPDATE EXCLUSIVE, then a catalog-only SET NOT NULL.
    expect(explained("test/golden/lints/K5022/bad")).toContain("      locks: SHARE UPDATE EXCLUSIVE on users (scans the table)");
    expect(explained("test/golden/lints/K5022/bad")).toContain("      locks: ACCESS EXCLUSIVE on users (catalog only)");
  });

  it("says nothing of a table the migration creates", () => {
    expect(explained("test/golden/lints/K5020/bad")).not.toContain("locks:");
  });
});
