import { describe, expect, it } from "vitest";
import { compileChain } from "../../compiler/pipeline.js";
import { makeSourceFile } from "../../core/source-file.js";

/**
 * A `when` whose branches are text literals, going into an enum column, is a value of the enum (as
 * PostgreSQL reads `CASE … THEN 'high' ELSE 'low' END` there): each branch is checked against the
 * labels. A branch that is not a label (other text) still makes it text: K3050.
 */
const BASE = `baseline b version '1' {
  create type priority as enum ('low', 'high')
  create table tickets {
    id    integer primary key
    level priority?
  }
}
`;

function diagnostics(body: string): string[] {
  const m = `migration m from '1' to '2' {\n  describe 'm'\n  table tickets {\n${body}\n  }\n}\n`;
  const chain = compileChain([makeSourceFile("000.kmig", BASE), makeSourceFile("001.kmig", m)]);
  return chain.diagnostics.map((d) => `${d.code} ${d.message}${d.help ? ` (${d.help})` : ""}`);
}

describe("a when of labels into an enum column", () => {
  it("is the enum's, in a mapping and in a new column's, nested and with null", () => {
    expect(diagnostics("    level := when id > 1 then 'high' else 'low'\n    add second priority? := when id > 9 then 'high' when id > 5 then null else when id > 2 then 'low' else 'high'")).toEqual([]);
  });

  it("a branch that is not a label: K2050 with the nearest label", () => {
    expect(diagnostics("    level := when id > 1 then 'hihg' else 'low'")).toEqual([expect.stringMatching(/^K2050 'hihg' is not a label of the enum type `priority` \(did you mean `high`\?\)$/)]);
  });

  it("a branch of other text: still K3050", () => {
    expect(diagnostics("    level := when id > 1 then 'high' else to_text(id)").map((d) => d.slice(0, 5))).toEqual(["K3050"]);
  });
});
