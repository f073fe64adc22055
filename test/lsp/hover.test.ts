import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import { HoverRequest, type MarkupContent } from "vscode-languageserver-protocol/node";
import { startLsp, type LspClient, withoutLints } from "./support/client.js";
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

async function hoverText(needle: string, delta = 0, nth = 0): Promise<string> {
  const r = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: v2 }, position: positionOf(V2, needle, delta, nth) });
  return (r?.contents as MarkupContent | undefined)?.value ?? "";
}

describe("kmig lsp: hover", () => {
  it("shows a column's type inside a mapping, and where the chain created and renamed it", async () => {
    const text = await hoverText("clean(email)", 7);
    expect(text).toContain("**column** `users.email`");
    expect(text).toContain("type: `text`");
    expect(text).toMatch(/created at .*000_base\.kmig:4 · renamed to `contact_email` at .*001_v2\.kmig:10/);
  });

  it("shows a column's type before and after the migration where they differ", async () => {
    const text = await hoverText("when age", 5);
    expect(text).toContain("type before: `integer?`");
    expect(text).toContain("type after: `bigint?`");
    expect(text).toContain("here: `integer?`");
  });

  it("shows a map's signature and entries", async () => {
    const text = await hoverText("user_state(status)", 2);
    expect(text).toContain("**map** `user_state`: `text -> text`");
    expect(text).toContain("new, fresh -> active");
  });

  it("shows a def", async () => {
    expect(await hoverText("clean(email)", 1)).toContain("def clean(x) := lower(trim(x))");
  });

  it("shows a stdlib function's doc, example and SQL", async () => {
    const text = await hoverText("lower(", 1);
    expect(text).toContain("**lower(text) → text** — stdlib");
    expect(text).toContain('gives `"ada@example.com"` in SQL and in JavaScript');
    expect(text).toContain('SQL: `lower(($1)::text COLLATE "C")`');
  });

  it("shows the type of an expression", async () => {
    expect(await hoverText("> 60", 0)).toBe("expression: `boolean`");
    expect(await hoverText("'senior'", 1)).toBe("expression: `text`");
  });

  it("shows what the plan does for a step: its reversibility and stash", async () => {
    const rename = await hoverText("rename email", 1);
    expect(rename).toContain("**rename-column**");
    expect(rename).toMatch(/rollback: \*\*reversible\*\*/);
    expect(rename).toMatch(/rollback of `users.contact_email`: \*\*(exact|stash|lossy)\*\*/);
    const status = await hoverText("status :=", 7);
    expect(status).toContain("part of **backfill**");
    expect(status).toMatch(/rollback of `users.status`: \*\*stash\*\*/);
    expect(status).toMatch(/kept in `[^`]+`/);
  });

  it("shows a column's type in a file with a syntax error elsewhere (as the chain had it before the file)", async () => {
    const broken = V2.replace("  describe 'contacts and states'", "  describe 'contacts and states'\n  tabel oops {}");
    client.replace(v2, broken);
    await client.diagnosticsFor(v2, (d) => d.some((x) => String(x.code).startsWith("K1")));
    const r = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: v2 }, position: positionOf(broken, "clean(email)", 7) });
    const text = (r?.contents as MarkupContent).value;
    expect(text).toContain("**column** `users.email`");
    expect(text).toContain("type before this migration: `text`");
    client.replace(v2, V2);
    await client.diagnosticsFor(v2, (d) => withoutLints(d).length === 0);
  });

  it("shows a type name's meaning", async () => {
    expect(await hoverText("bigint?", 1)).toContain("**type** `bigint`");
  });
});
