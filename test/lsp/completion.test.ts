import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { CompletionRequest, type CompletionItem } from "vscode-languageserver-protocol/node";
import { startLsp, type LspClient } from "./support/client.js";
import { positionOf, shopChain, V2 } from "./support/fixture.js";

let client: LspClient;
const chain = shopChain();
let v2: string;

beforeAll(async () => {
  client = await startLsp(chain.dir);
  v2 = client.open(join(chain.dir, "001_v2.kmig"));
  await client.diagnosticsFor(v2);
});
afterAll(() => client.stop());

/** Completion at `needle` (+delta) in the buffer holding `text`. */
async function complete(text: string, needle: string, delta = 0): Promise<CompletionItem[]> {
  client.replace(v2, text);
  const r = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: v2 }, position: positionOf(text, needle, delta) });
  return Array.isArray(r) ? r : (r?.items ?? []);
}
const labels = (items: CompletionItem[]) => items.map((i) => i.label);

describe("kmig lsp: completion", () => {
  it("offers the type a misspelled type means, first and preselected", async () => {
    const text = V2.replace("alter age type bigint?", "alter age type bigitn?");
    const items = await complete(text, "bigitn", 6);
    expect(labels(items)).toContain("bigint");
    expect(items[0]).toMatchObject({ label: "bigint", preselect: true });
    expect(items[0].textEdit).toMatchObject({ newText: "bigint", range: { start: positionOf(text, "bigitn"), end: positionOf(text, "bigitn", 6) } });
  });

  it("offers the type a misspelled type means in a column definition, with arguments after it or in a new table", async () => {
    const added = V2.replace("add note varchar(20)?", "add note varchr(20)?");
    expect((await complete(added, "varchr", 6))[0]).toMatchObject({ label: "varchar", preselect: true });
    const created = V2.replace("  table users {", "  create table tags {\n    id   uuid primary key\n    name txet\n  }\n  table users {");
    expect((await complete(created, "txet", 4))[0]).toMatchObject({ label: "text", preselect: true });
    expect((await complete(created, "txet", 2))[0]).toMatchObject({ label: "text", preselect: true });
  });

  it("offers types after a new column's name", async () => {
    const text = V2.replace("  }\n}", "  add score \n  }\n}");
    expect(labels(await complete(text, "add score ", 10))).toEqual(expect.arrayContaining(["integer", "varchar", "jsonb", "timestamptz"]));
  });

  it("offers the keywords that fit at the start of a table block's line", async () => {
    const text = V2.replace("  }\n}", "  \n  }\n}");
    const items = await complete(text, "type\n  \n", 7);
    expect(labels(items)).toEqual(expect.arrayContaining(["add", "drop", "rename", "alter", "index", "expect"]));
    expect(labels(items)).not.toContain("migration");
  });

  it("offers the keywords of a migration's items between items", async () => {
    const text = V2.replace("  table users {", "  \n  table users {");
    expect(labels(await complete(text, "(x))\n  \n", 7))).toEqual(expect.arrayContaining(["create", "table", "map", "def", "config", "sql", "describe"]));
  });

  it("offers in an expression the columns (old and new names), maps, defs and stdlib functions", async () => {
    const text = V2.replace("else type", "else ");
    const items = await complete(text, "'senior' else ", 14);
    expect(labels(items)).toEqual(expect.arrayContaining(["email", "contact_email", "status", "age", "user_state", "clean", "lower", "to_int", "when", "not"]));
    expect(items.find((i) => i.label === "contact_email")?.detail).toMatch(/new in this block/);
    expect(items.find((i) => i.label === "email")?.detail).toMatch(/^text — old name/);
  });

  it("offers tables after `table`", async () => {
    const text = V2.replace("  table users {", "  table us\n  table users {");
    const items = await complete(text, "table us\n", 8);
    expect(labels(items)).toContain("users");
  });

  it("offers the columns of the table after `drop`", async () => {
    const text = V2.replace("  }\n}", "  drop \n  }\n}");
    expect(labels(await complete(text, "drop \n", 5))).toEqual(expect.arrayContaining(["contact_email", "status", "note"]));
  });
});
