import { describe, expect, it } from "vitest";
import { unifiedDiff } from "../../runtime/config/unified-diff.js";

describe("unifiedDiff", () => {
  it("shows a new file as all additions", () => {
    expect(unifiedDiff("x.yml", null, "a: 1\nb: 2\n")).toBe("--- /dev/null\n+++ b/x.yml\n@@ -0,0 +1,2 @@\n+a: 1\n+b: 2\n");
  });
  it("shows a changed line with its context", () => {
    const before = "a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: 7\n";
    const after = before.replace("d: 4", "d: 40");
    expect(unifiedDiff("x.yml", before, after)).toBe("--- a/x.yml\n+++ b/x.yml\n@@ -1,7 +1,7 @@\n a: 1\n b: 2\n c: 3\n-d: 4\n+d: 40\n e: 5\n f: 6\n g: 7\n");
  });
  it("is empty for identical texts", () => {
    expect(unifiedDiff("x.yml", "a: 1\n", "a: 1\n")).toBe("");
  });
});
