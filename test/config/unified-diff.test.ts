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
  it("shows a removed file as all deletions", () => {
    expect(unifiedDiff("x.yml", "a: 1\nb: 2\n", null)).toBe("--- a/x.yml\n+++ /dev/null\n@@ -1,2 +0,0 @@\n-a: 1\n-b: 2\n");
  });
  it("marks a last line without a newline, as diff does, so that adding the newline shows", () => {
    expect(unifiedDiff("x.yml", "a: 1\nb: 2", "a: 1\nb: 2\n")).toBe("--- a/x.yml\n+++ b/x.yml\n@@ -1,2 +1,2 @@\n a: 1\n-b: 2\n\\ No newline at end of file\n+b: 2\n");
  });
  it("splits changes more than 6 lines apart into hunks, each with 3 lines of context", () => {
    const before = Array.from({ length: 20 }, (_, i) => `k${i}: ${i}`).join("\n") + "\n";
    const after = before.replace("k2: 2", "k2: two").replace("k15: 15", "k15: fifteen");
    expect(unifiedDiff("x.yml", before, after)).toBe(
      ["--- a/x.yml", "+++ b/x.yml", "@@ -1,6 +1,6 @@", " k0: 0", " k1: 1", "-k2: 2", "+k2: two", " k3: 3", " k4: 4", " k5: 5", "@@ -13,7 +13,7 @@", " k12: 12", " k13: 13", " k14: 14", "-k15: 15", "+k15: fifteen", " k16: 16", " k17: 17", " k18: 18", ""].join("\n"),
    );
  });
  it("is empty for identical texts", () => {
    expect(unifiedDiff("x.yml", "a: 1\n", "a: 1\n")).toBe("");
  });
});
