import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { DefinitionRequest, DocumentHighlightRequest, PrepareRenameRequest, ReferencesRequest, RenameRequest, type Location } from "vscode-languageserver-protocol/node";
import { startLsp, type LspClient } from "./support/client.js";
import { BASE, positionOf, shopChain, V2, V3 } from "./support/fixture.js";

let client: LspClient;
const chain = shopChain();
let v2: string;

beforeAll(async () => {
  client = await startLsp(chain.dir);
  v2 = client.open(join(chain.dir, "001_v2.kmig"));
  client.open(join(chain.dir, "002_v3.kmig"));
  await client.diagnosticsFor(v2);
});
afterAll(() => client.stop());

const at = (text: string, needle: string, delta = 0, nth = 0) => positionOf(text, needle, delta, nth);

describe("kmig lsp: go to definition", () => {
  it("takes a map call to the map", async () => {
    const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: v2 }, position: at(V2, "user_state(status)", 3) })) as Location[];
    expect(r).toEqual([{ uri: v2, range: { start: at(V2, "user_state"), end: at(V2, "user_state", 10) } }]);
  });

  it("takes a column read in a mapping to where the baseline created it", async () => {
    const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: v2 }, position: at(V2, "clean(email)", 7) })) as Location[];
    expect(r).toEqual([{ uri: chain.uri("000_base.kmig"), range: { start: at(BASE, "email"), end: at(BASE, "email", 5) } }]);
  });

  it("takes a column to where the chain renamed it, in another file", async () => {
    const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: chain.uri("002_v3.kmig") }, position: at(V3, "contact_email", 2) })) as Location[];
    expect(r).toEqual([{ uri: v2, range: { start: at(V2, "contact_email"), end: at(V2, "contact_email", 13) } }]);
  });

  it("takes a def's parameter in its body to the parameter", async () => {
    const r = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: v2 }, position: at(V2, "trim(x)", 5) })) as Location[];
    expect(r[0].range.start).toEqual(at(V2, "clean(x)", 6));
  });
});

describe("kmig lsp: references", () => {
  it("finds a table's uses in every file of the chain", async () => {
    const r = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: v2 }, position: at(V2, "table users", 7), context: { includeDeclaration: true } })) as Location[];
    expect(r.map((l) => [l.uri.split("/").pop(), l.range.start.line])).toEqual([
      ["000_base.kmig", 1],
      ["001_v2.kmig", 8],
      ["002_v3.kmig", 2],
    ]);
  });

  it("follows a column through its rename: old name, new name, its drop", async () => {
    const r = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri: v2 }, position: at(V2, "contact_email", 3), context: { includeDeclaration: true } })) as Location[];
    expect(r.map((l) => `${l.uri.split("/").pop()}:${l.range.start.line}:${l.range.start.character}`)).toEqual([
      "000_base.kmig:3:4",
      "001_v2.kmig:9:11",
      "001_v2.kmig:9:20",
      "001_v2.kmig:9:43",
      "002_v3.kmig:3:9",
    ]);
  });

  it("highlights the uses of a name in the document", async () => {
    const r = await client.connection.sendRequest(DocumentHighlightRequest.type, { textDocument: { uri: v2 }, position: at(V2, "clean(email)", 1) });
    expect(r?.length).toBe(2);
  });
});

describe("kmig lsp: rename", () => {
  it("renames a def at its declaration and its calls", async () => {
    const pos = at(V2, "clean(email)", 2);
    const prep = await client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: v2 }, position: pos });
    expect(prep).toEqual({ range: { start: at(V2, "clean(email)"), end: at(V2, "clean(email)", 5) }, placeholder: "clean" });
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: v2 }, position: pos, newName: "tidy" });
    expect(edit?.changes?.[v2]?.map((e) => [e.range.start, e.newText])).toEqual([
      [at(V2, "clean(x)"), "tidy"],
      [at(V2, "clean(email)"), "tidy"],
    ]);
  });

  it("renames a map", async () => {
    const edit = await client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: v2 }, position: at(V2, "user_state"), newName: "state_of" });
    expect(edit?.changes?.[v2]?.length).toBe(2);
  });

  it("refuses a column (a migration step renames those) and a name that is taken", async () => {
    await expect(client.connection.sendRequest(PrepareRenameRequest.type, { textDocument: { uri: v2 }, position: at(V2, "status :=") })).rejects.toThrow(/renames maps and defs/);
    await expect(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: v2 }, position: at(V2, "clean(x)"), newName: "user_state" })).rejects.toThrow(/already has a map or def/);
    await expect(client.connection.sendRequest(RenameRequest.type, { textDocument: { uri: v2 }, position: at(V2, "clean(x)"), newName: "not" })).rejects.toThrow(/reserved/);
  });
});
