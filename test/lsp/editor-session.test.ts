import { afterAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { CompletionRequest, DefinitionRequest, DocumentFormattingRequest, HoverRequest, type CompletionItem, type Location, type MarkupContent } from "vscode-languageserver-protocol/node";
import { tempSpecs } from "../support/cli.js";
import { startLsp, type LspClient, withoutLints } from "./support/client.js";
import { positionOf } from "./support/fixture.js";

/**
 * A whole session as an editor drives it, on a small chain with one error (a misspelled type):
 * initialize, the diagnostic published at its line with its code, hover on a column inside a
 * mapping, go to definition on a map call, completion at the misspelled type, formatting.
 */

const BASE = `baseline shop version '1.0' {
  create table orders {
    id     uuid primary key
    state  text
    total  numeric(10, 2)
  }
}
`;
const V2 = `migration shop_v2 from '1.0' to '2.0' {
  describe 'states and priorities'
  map order_state {
    new, fresh -> open
    else       -> closed
  }
  table orders {
    state := order_state(state)
    add priority varchr(20)? := when total > 100 then 'high' else 'normal'
  }
}
`;

let client: LspClient | null = null;
afterAll(() => client?.stop());

describe("an editor session on a chain with one error", () => {
  it("answers initialize, diagnostics, hover, definition, completion and formatting", async () => {
    const dir = tempSpecs({ "000_base.kmig": BASE, "001_v2.kmig": V2 });
    client = await startLsp(dir);
    expect(client.capabilities).toMatchObject({ hoverProvider: true, definitionProvider: true, documentFormattingProvider: true, completionProvider: {} });
    const uri = client.open(join(dir, "001_v2.kmig"));
    const diagnostics = await client.diagnosticsFor(uri, (d) => withoutLints(d).length > 0);
    expect(diagnostics.map((d) => [d.code, d.range.start.line])).toEqual([["K1201", 8]]);
    const textDocument = { uri };

    const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument, position: positionOf(V2, "when total", 6) });
    expect((hover?.contents as MarkupContent).value).toMatch(/\*\*column\*\* `orders\.total`[\s\S]*`numeric\(10, 2\)`/);

    const definition = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument, position: positionOf(V2, "order_state(state)", 4) })) as Location[];
    expect(definition).toEqual([{ uri, range: { start: positionOf(V2, "order_state"), end: positionOf(V2, "order_state", 11) } }]);

    const completion = await client.connection.sendRequest(CompletionRequest.type, { textDocument, position: positionOf(V2, "varchr", 6) });
    const items = (Array.isArray(completion) ? completion : (completion?.items ?? [])) as CompletionItem[];
    expect(items[0]).toMatchObject({ label: "varchar", preselect: true });

    // Formatting answers: with the syntax error, by leaving the text as it is (and saying why in the log).
    expect(await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } })).toEqual([]);
    client.edit(uri, { start: positionOf(V2, "varchr"), end: positionOf(V2, "varchr", 6) }, "varchar");
    await client.diagnosticsFor(uri, (d) => withoutLints(d).length === 0);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } });
    expect(edits?.[0]?.newText).toContain("    add priority varchar(20)? :=");
  });
});
