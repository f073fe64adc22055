import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { join } from "node:path";
import {
  CodeActionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  FoldingRangeRequest,
  SemanticTokensRequest,
  type CodeAction,
  type DocumentSymbol,
  type Diagnostic,
} from "vscode-languageserver-protocol/node";
import { runCli } from "../support/cli.js";
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

/** Replaces the buffer and waits for its diagnostics to satisfy `accept`. */
async function setText(text: string, accept: (d: Diagnostic[]) => boolean = () => true): Promise<Diagnostic[]> {
  client.replace(v2, text);
  await new Promise((r) => setTimeout(r, 60));
  return client.diagnosticsFor(v2, accept);
}

describe("kmig lsp: formatting", () => {
  it("answers with the layout `kmig fmt` prints", async () => {
    const messy = V2.replace("    new, fresh -> active", "  new,fresh->active").replace("  def clean(x) := lower(trim(x))", "def   clean( x ) :=lower( trim(x))");
    await setText(messy);
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: v2 }, options: { tabSize: 2, insertSpaces: true } });
    const fmt = runCli(["fmt", "--stdout", join(chain.dir, "001_v2.kmig")]);
    expect(edits).toHaveLength(1);
    expect(edits?.[0].newText).toBe(fmt.stdout);
    expect(edits?.[0].newText).toContain("    new, fresh -> active");
  });

  it("leaves a buffer with syntax errors alone and says why in the output channel", async () => {
    await setText(V2.replace("rename email ->", "rename email"), (d) => d.some((x) => String(x.code).startsWith("K1")));
    const edits = await client.connection.sendRequest(DocumentFormattingRequest.type, { textDocument: { uri: v2 }, options: { tabSize: 2, insertSpaces: true } });
    expect(edits).toEqual([]);
    expect(client.logs.some((l) => /001_v2\.kmig has syntax errors: not formatted/.test(l))).toBe(true);
  });
});

describe("kmig lsp: document symbols and folding", () => {
  it("outlines migration → maps, defs, tables → columns and actions", async () => {
    await setText(V2);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: v2 } })) as DocumentSymbol[];
    const tree = (s: DocumentSymbol): unknown => (s.children ? { [s.name]: s.children.map(tree) } : s.name);
    expect(symbols.map(tree)).toEqual([
      { shop_v2: [{ user_state: ["new, fresh -> active", "gone -> inactive", "else -> active"] }, "clean", { users: ["email → contact_email", "status", "age", "note"] }] },
    ]);
    expect(symbols[0].detail).toBe("1.0 → 2.0");
  });

  it("folds the migration, the map and the table block", async () => {
    const ranges = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri: v2 } });
    const lines = (ranges ?? []).map((r) => [r.startLine, r.endLine]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [0, 13],
        [2, 5],
        [8, 12],
      ]),
    );
  });
});

describe("kmig lsp: semantic tokens", () => {
  it("tells columns, tables, maps, stdlib functions, types, keywords and map values apart", async () => {
    await setText(V2);
    const r = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: v2 } });
    const legend = client.capabilities.semanticTokensProvider!.legend;
    const data = r?.data ?? [];
    const tokens = new Map<string, string>();
    let line = 0;
    let char = 0;
    const lines = V2.split("\n");
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      char = data[i] === 0 ? char + data[i + 1] : data[i + 1];
      const text = lines[line].slice(char, char + data[i + 2]);
      const mods = legend.tokenModifiers.filter((_, b) => data[i + 4] & (1 << b));
      tokens.set(`${line}:${text}`, [legend.tokenTypes[data[i + 3]], ...mods].join("+"));
    }
    expect(tokens.get("8:table")).toBe("keyword");
    expect(tokens.get("8:users")).toBe("class");
    expect(tokens.get("9:contact_email")).toBe("property+declaration");
    expect(tokens.get("9:clean")).toBe("function");
    expect(tokens.get("7:lower")).toBe("function+defaultLibrary");
    expect(tokens.get("7:x")).toBe("parameter");
    expect(tokens.get("3:fresh")).toBe("enumMember");
    expect(tokens.get("11:bigint")).toBe("type+defaultLibrary");
    // `type` is a keyword of the language and here the name of a column.
    expect(tokens.get("12:type")).toBe("property");
    expect(tokens.get("12:'senior'")).toBe("string");
  });
});

describe("kmig lsp: code actions", () => {
  const actionsFor = async (d: Diagnostic) =>
    (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri: v2 }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];

  it("applies a did-you-mean", async () => {
    const [d] = await setText(V2.replace("clean(email)", "clean(emial)"), (x) => x.some((y) => y.code === "K2002"));
    const [a] = await actionsFor(d);
    expect(a).toMatchObject({ title: "Change `emial` to `email`", kind: "quickfix", isPreferred: true });
    expect(a.edit?.changes?.[v2]).toEqual([{ range: d.range, newText: "email" }]);
  });

  it("adds the `else` a `when` lacks", async () => {
    const text = V2.replace(" else type", "");
    const diags = await setText(text, (x) => x.some((y) => y.code === "K1101"));
    const actions = await actionsFor(diags.find((x) => x.code === "K1101")!);
    expect(actions.map((a) => a.title)).toEqual(["Add `else null`", "Add `else 'senior'`"]);
    expect(actions[0].edit?.changes?.[v2]).toEqual([{ range: { start: positionOf(text, "'senior'", 8), end: positionOf(text, "'senior'", 8) }, newText: " else null" }]);
  });

  it("adds an `else` to a status map that is not total", async () => {
    const text = V2.replace("    else       -> active\n", "");
    const diags = await setText(text, (x) => x.some((y) => y.code === "K4001"));
    const actions = await actionsFor(diags.find((x) => x.code === "K4001")!);
    expect(actions.map((a) => a.title)).toEqual(["Add `else -> active` to map `user_state`", "Add `else -> inactive` to map `user_state`"]);
    expect(actions[0].edit?.changes?.[v2]).toEqual([{ range: { start: { line: 5, character: 0 }, end: { line: 5, character: 0 } }, newText: "    else -> active\n" }]);
  });
});
