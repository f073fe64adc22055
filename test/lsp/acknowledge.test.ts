import { describe, expect, it } from "vitest";
import { analyseChain } from "../../lsp/analysis.js";
import { acknowledge, codeActions } from "../../lsp/features/code-actions.js";
import { toLspDiagnostic } from "../../lsp/features/diagnostics.js";
import { makeSourceFile } from "../../core/source-file.js";

/**
 * Acknowledging a safety lint (K5xxx) with `allow K5xxx '…'`: the editor shows the lint, offers the
 * `allow` line above its statement with a reason to fill in, and the lint is gone once it is there.
 */
const BASE = "baseline shop_v1 version '1.0.0' {\n  create table users {\n    id   uuid     primary key\n    age  integer?\n  }\n}\n";
const MIGRATION = "migration shop_v2 from '1.0.0' to '1.1.0' {\n  describe 'x'\n  table users {\n    alter age type bigint\n  }\n}\n";

function analyse(migration: string) {
  return analyseChain("/x", [
    { uri: "file:///x/000_baseline.kmig", key: "/x/000_baseline.kmig", source: makeSourceFile("/x/000_baseline.kmig", BASE), readProblems: [] },
    { uri: "file:///x/001_change.kmig", key: "/x/001_change.kmig", source: makeSourceFile("/x/001_change.kmig", migration), readProblems: [] },
  ], new Map());
}

describe("kmig lsp: acknowledging a lint", () => {
  it("shows the lint, and offers `allow K5xxx` with a reason to fill in on the line above, at its indentation", () => {
    const a = analyse(MIGRATION);
    const lint = a.diagnostics.find((d) => d.code === "K5008");
    expect(lint?.message).toContain("rewrites the table");
    const d = toLspDiagnostic(lint!, () => "file:///x/001_change.kmig", null);
    const [action] = acknowledge(a.files[1], d, true);
    expect(action.title).toBe("Acknowledge K5008 here (with a reason)");
    expect(action.edit?.changes?.["file:///x/001_change.kmig"]).toEqual([{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: "    allow K5008 'why this is safe here'\n" }]);
    expect(codeActions(a, a.files[1], [d]).map((x) => x.title)).toContain("Acknowledge K5008 here (with a reason)");
  });

  it("the edit acknowledges it: the lint is gone, and nothing else is reported", () => {
    const edited = MIGRATION.replace("    alter age", "    allow K5008 'why this is safe here'\n    alter age");
    expect(analyse(edited).diagnostics.map((d) => d.code)).toEqual([]);
  });

  it("offers nothing for other codes", () => {
    const a = analyse(MIGRATION);
    const d = toLspDiagnostic(a.diagnostics.find((x) => x.code === "K5008")!, () => "file:///x/001_change.kmig", null);
    expect(acknowledge(a.files[1], { ...d, code: "K2002" }, true)).toEqual([]);
    expect(acknowledge(a.files[1], d, false)).toEqual([]);
  });
});
