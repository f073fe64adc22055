import { describe, expect, it } from "vitest";
import { DiagnosticSeverity } from "vscode-languageserver-protocol/node";
import { analyseChain } from "../../lsp/analysis.js";
import { acknowledge } from "../../lsp/features/code-actions.js";
import { makeSourceFile } from "../../core/source-file.js";

/**
 * Acknowledging a safety lint (K5xxx) with `allow K5xxx '…'`: no lint exists yet and the grammar
 * has no `allow`, so the editor offers nothing; the edit it will offer is checked here directly.
 */
describe("kmig lsp: acknowledging a lint", () => {
  const text = "migration m from '1' to '2' {\n  describe 'x'\n  table users {\n    alter email type varchar(20)\n  }\n}\n";
  const a = analyseChain("/x", [{ uri: "file:///x/a.kmig", key: "/x/a.kmig", source: makeSourceFile("a.kmig", text), readProblems: [] }], new Map());
  const lint = {
    range: { start: { line: 3, character: 4 }, end: { line: 3, character: 32 } },
    severity: DiagnosticSeverity.Warning,
    code: "K5007",
    source: "kmig",
    message: "narrowing a varchar rewrites the table",
  };

  it("inserts `allow K5xxx` with a reason to fill in, on the line above the statement, at its indentation", () => {
    const [action] = acknowledge(a.files[0], lint, true);
    expect(action.title).toBe("Acknowledge K5007 here (with a reason)");
    expect(action.edit?.changes?.["file:///x/a.kmig"]).toEqual([{ range: { start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, newText: "    allow K5007 'why this is safe here'\n" }]);
  });

  it("offers nothing for other codes, or while the grammar has no `allow`", () => {
    expect(acknowledge(a.files[0], { ...lint, code: "K2002" }, true)).toEqual([]);
    expect(acknowledge(a.files[0], lint, false)).toEqual([]);
  });
});
