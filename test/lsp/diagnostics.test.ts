import { afterEach, describe, expect, it } from "vitest";
import { DiagnosticSeverity } from "vscode-languageserver-protocol/node";
import { join } from "node:path";
import { tempSpecs } from "../support/cli.js";
import { startLsp, uriOf, type LspClient, withoutLints } from "./support/client.js";

const BASELINE = `baseline shop version '1.0' {
  create table users {
    id    uuid primary key
    email text
  }
}
`;
const MIGRATION = `migration shop_v2 from '1.0' to '2.0' {
  describe 'contact e-mail'
  table users {
    rename email -> contact_email := lower(emial)
  }
}
`;

let client: LspClient | null = null;
afterEach(async () => {
  await client?.stop();
  client = null;
});

describe("kmig lsp: diagnostics", () => {
  it("publishes the chain's diagnostics on open, with code, help, related spans and a link to the code's page", async () => {
    const dir = tempSpecs({ "000_base.kmig": BASELINE, "001_v2.kmig": MIGRATION });
    client = await startLsp(dir);
    const uri = client.open(join(dir, "001_v2.kmig"));
    const [d] = await client.diagnosticsFor(uri, (x) => withoutLints(x).length > 0);
    expect(d.code).toBe("K2002");
    expect(d.severity).toBe(DiagnosticSeverity.Error);
    expect(d.source).toBe("kmig");
    expect(d.range).toEqual({ start: { line: 3, character: 43 }, end: { line: 3, character: 48 } });
    expect(d.message).toContain("column `emial` does not exist on table `users`");
    expect(d.message).toContain("help: did you mean `email`?");
    expect(d.codeDescription?.href).toMatch(/^file:\/\/.*\/docs\/diagnostics\/K2002\.md$/);
    expect(d.relatedInformation?.[0]).toMatchObject({ message: "not a column of `users`", location: { uri } });
    // The baseline is in the chain but has no problem: it is published empty.
    expect(await client.diagnosticsFor(uriOf(join(dir, "000_base.kmig")))).toEqual([]);
  });

  it("checks the unsaved buffer again after a change, and clears what was fixed", async () => {
    const dir = tempSpecs({ "000_base.kmig": BASELINE, "001_v2.kmig": MIGRATION });
    client = await startLsp(dir);
    const uri = client.open(join(dir, "001_v2.kmig"));
    await client.diagnosticsFor(uri, (x) => withoutLints(x).length === 1);
    client.edit(uri, { start: { line: 3, character: 43 }, end: { line: 3, character: 48 } }, "email");
    expect(withoutLints(await client.diagnosticsFor(uri, (x) => withoutLints(x).length === 0))).toEqual([]);
    client.edit(uri, { start: { line: 3, character: 4 }, end: { line: 3, character: 10 } }, "remane");
    const after = await client.diagnosticsFor(uri, (x) => withoutLints(x).length > 0);
    expect(after[0].code).toMatch(/^K1/);
  });

  it("debounces: a burst of keystrokes is checked once, when typing pauses", async () => {
    const dir = tempSpecs({ "000_base.kmig": BASELINE, "001_v2.kmig": MIGRATION });
    client = await startLsp(dir, { debounceMs: 300 });
    const uri = client.open(join(dir, "001_v2.kmig"));
    await client.diagnosticsFor(uri, (x) => withoutLints(x).length === 1);
    const before = client.publications.get(uri) ?? 0;
    // Typing `email` over `emial`, one character at a time.
    const word = "email";
    for (let i = 1; i <= word.length; i++) client.edit(uri, { start: { line: 3, character: 43 }, end: { line: 3, character: 43 + (i === 1 ? 5 : i - 1) } }, word.slice(0, i));
    const fixed = await client.diagnosticsFor(uri, (x) => withoutLints(x).length === 0);
    expect(withoutLints(fixed)).toEqual([]);
    await new Promise((r) => setTimeout(r, 400));
    // One publication for the whole burst.
    expect((client.publications.get(uri) ?? 0) - before).toBe(1);
  });

  it("reports a problem in another file of the chain with its own URI (the buffer replaces the file)", async () => {
    const dir = tempSpecs({ "000_base.kmig": BASELINE, "001_v2.kmig": MIGRATION.replace("emial", "email") });
    client = await startLsp(dir);
    const base = client.open(join(dir, "000_base.kmig"));
    const mig = uriOf(join(dir, "001_v2.kmig"));
    await client.diagnosticsFor(mig, (x) => withoutLints(x).length === 0);
    client.replace(base, BASELINE.replace("email text", "mail text"));
    const d = await client.diagnosticsFor(mig, (x) => withoutLints(x).length > 0);
    expect(d.map((x) => x.code)).toContain("K2002");
  });
});
