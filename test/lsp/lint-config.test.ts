import { afterEach, describe, expect, it } from "vitest";
import { DiagnosticSeverity, FileChangeType } from "vscode-languageserver-protocol/node";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { tempSpecs } from "../support/cli.js";
import { checkPaths } from "../../cli/check.js";
import { startLsp, uriOf, type LspClient } from "./support/client.js";

/**
 * The language server reads a chain's kmig.yaml with `kmig check`'s own loader
 * (compiler/lint/config.ts): a rule turned off is not shown, a rule made an error is shown as one,
 * kmig.yaml's own mistakes are shown in it (and the lints wait for them to be fixed), and a change
 * to kmig.yaml on disk is followed — the editor shows what `kmig check` prints.
 */
const BASELINE = `baseline shop version '1.0' {
  create table users {
    id    uuid primary key
    email text
    name  text?
  }
}
`;
// K5001 (an index built without CONCURRENTLY) and K5025 (varchar(n)) on an existing table.
const MIGRATION = `migration shop_v2 from '1.0' to '2.0' {
  describe 'an index and a code'
  table users {
    index users_name_idx (name)
    add code varchar(20)?
  }
}
`;

let client: LspClient | null = null;
afterEach(async () => {
  await client?.stop();
  client = null;
});

const codesOf = (d: readonly { code?: string | number }[]) => d.map((x) => String(x.code)).sort();

describe("kmig lsp: the chain's kmig.yaml", () => {
  it("turns a rule off and makes another an error, exactly as kmig check does", async () => {
    const dir = tempSpecs({ "000_base.kmig": BASELINE, "001_v2.kmig": MIGRATION, "kmig.yaml": "rules:\n  K5025: off\n  K5001: error\n" });
    client = await startLsp(dir);
    const uri = client.open(join(dir, "001_v2.kmig"));
    const d = await client.diagnosticsFor(uri, (x) => x.length > 0);
    const check = checkPaths([dir]).diagnostics;
    expect(codesOf(d)).toEqual(check.map((x) => x.code).sort());
    expect(codesOf(d)).toEqual(["K5001"]);
    expect(d[0].severity).toBe(DiagnosticSeverity.Error);
  });

  it("shows kmig.yaml's own mistakes in it, lints nothing meanwhile, and follows its change on disk", async () => {
    const dir = tempSpecs({ "000_base.kmig": BASELINE, "001_v2.kmig": MIGRATION, "kmig.yaml": "rules:\n  K5099: off\n" });
    client = await startLsp(dir);
    const uri = client.open(join(dir, "001_v2.kmig"));
    const yaml = uriOf(join(dir, "kmig.yaml"));
    const bad = await client.diagnosticsFor(yaml, (x) => x.length > 0);
    expect(codesOf(bad)).toEqual(["K5030"]);
    expect(bad[0].range.start).toEqual({ line: 1, character: 2 });
    expect(await client.diagnosticsFor(uri)).toEqual([]);
    writeFileSync(join(dir, "kmig.yaml"), "rules:\n  K5001: off\n");
    client.filesChanged([{ uri: yaml, type: FileChangeType.Changed }]);
    expect(codesOf(await client.diagnosticsFor(uri, (x) => x.length > 0))).toEqual(["K5025"]);
    expect(await client.diagnosticsFor(yaml, (x) => x.length === 0)).toEqual([]);
  });
});
