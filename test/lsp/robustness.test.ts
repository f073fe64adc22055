import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import {
  CodeActionRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  ErrorCodes,
  FileChangeType,
  FoldingRangeRequest,
  HoverRequest,
  PrepareRenameRequest,
  ReferencesRequest,
  ResponseError,
  SemanticTokensRequest,
  type Position,
} from "vscode-languageserver-protocol/node";
import { tempSpecs } from "../support/cli.js";
import { applyMutations, INSERTABLE, MUTATION_KINDS, subjectOf, type Mutation } from "../support/mutate.js";
import { startLsp, uriOf, type LspClient, withoutLints } from "./support/client.js";

/**
 * The server on broken input, as an editor gives it: mutated specs (tokens deleted, duplicated,
 * swapped, characters typed, files cut short), every prefix of a line being typed, files added
 * and removed behind its back, a folder with no baseline. Every request gets an answer (a
 * refusal is an answer; an internal error is not), nothing is logged as failed, the process lives.
 */

const BASE = readFileSync("specs/keiko/000_baseline.kmig", "utf8");
const MIGRATION = readFileSync("specs/keiko/001_keiko_v2.kmig", "utf8");
const subject = subjectOf("001_keiko_v2.kmig", MIGRATION);
const baseSubject = subjectOf("000_baseline.kmig", BASE);
const dir = tempSpecs({ "000_baseline.kmig": BASE, "001_keiko_v2.kmig": MIGRATION });
let client: LspClient;
let uri: string;
let baseUri: string;

beforeAll(async () => {
  client = await startLsp(dir, { debounceMs: 0 });
  uri = client.open(join(dir, "001_keiko_v2.kmig"));
  baseUri = client.open(join(dir, "000_baseline.kmig"));
  await client.diagnosticsFor(uri);
});
afterAll(() => client.stop());

/** A request that must be answered within the time an editor waits; a refusal (ResponseError, not internal) counts. */
async function answered<T>(p: Promise<T>, what: string): Promise<void> {
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: no answer within 10 s`)), 10_000));
  try {
    await Promise.race([p, timeout]);
  } catch (e) {
    if (!(e instanceof ResponseError) || e.code === ErrorCodes.InternalError) throw e;
  }
}

/** Every request of the server, at `position` of the open document. */
async function everyRequest(u: string, position: Position): Promise<void> {
  const textDocument = { uri: u };
  const c = client.connection;
  const diagnostics = client.diagnostics.get(u) ?? [];
  await Promise.all([
    answered(c.sendRequest(HoverRequest.type, { textDocument, position }), "hover"),
    answered(c.sendRequest(DefinitionRequest.type, { textDocument, position }), "definition"),
    answered(c.sendRequest(ReferencesRequest.type, { textDocument, position, context: { includeDeclaration: true } }), "references"),
    answered(c.sendRequest(CompletionRequest.type, { textDocument, position }), "completion"),
    answered(c.sendRequest(PrepareRenameRequest.type, { textDocument, position }), "prepareRename"),
    answered(c.sendRequest(DocumentSymbolRequest.type, { textDocument }), "documentSymbol"),
    answered(c.sendRequest(FoldingRangeRequest.type, { textDocument }), "folding"),
    answered(c.sendRequest(SemanticTokensRequest.type, { textDocument }), "semanticTokens"),
    answered(c.sendRequest(DocumentFormattingRequest.type, { textDocument, options: { tabSize: 2, insertSpaces: true } }), "formatting"),
    answered(c.sendRequest(CodeActionRequest.type, { textDocument, range: { start: position, end: position }, context: { diagnostics } }), "codeAction"),
  ]);
}

function positionIn(text: string, at: number): Position {
  const before = text.slice(0, Math.min(at, text.length));
  const lines = before.split(/\r\n|\r|\n/);
  return { line: lines.length - 1, character: lines[lines.length - 1].length };
}

const failures = () => client.logs.filter((l) => / failed: /.test(l));

const mutation: fc.Arbitrary<Mutation> = fc.record({ kind: fc.constantFrom(...MUTATION_KINDS), a: fc.nat(), b: fc.nat(), char: fc.constantFrom(...INSERTABLE) });

describe("kmig lsp on bad input", () => {
  it("answers every request on mutated specs (the migration, or the baseline under it), and publishes their diagnostics", async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.array(mutation, { minLength: 1, maxLength: 4 }), fc.nat(), async (inBase, ms, at) => {
        const text = applyMutations(inBase ? baseSubject : subject, ms);
        client.replace(inBase ? baseUri : uri, text);
        // The requests are about the migration whichever file changed: a broken baseline changes what it means.
        const shown = inBase ? MIGRATION : text;
        await everyRequest(uri, positionIn(shown, at % (shown.length + 1)));
        if (inBase) client.replace(baseUri, BASE);
        else client.replace(uri, MIGRATION);
        expect(failures()).toEqual([]);
      }),
      { numRuns: 80, seed: 16 },
    );
    expect(client.process.exitCode).toBeNull();
  });

  it("answers completion and hover at every step of typing a line", async () => {
    const line = "  add score numeric(5, 2)? default 0 := when priority == 'high' then to_number(params.score) ?? 1 else 0\n";
    const at = MIGRATION.indexOf("\n}", MIGRATION.lastIndexOf("table ")) + 1;
    for (let n = 0; n <= line.length; n += 3) {
      const text = MIGRATION.slice(0, at) + line.slice(0, n) + MIGRATION.slice(at);
      client.replace(uri, text);
      await everyRequest(uri, positionIn(text, at + n));
    }
    expect(failures()).toEqual([]);
  });

  it("follows files added to and removed from the folder (asking the client to watch them)", async () => {
    expect(client.registrations).toEqual([{ id: expect.any(String), method: "workspace/didChangeWatchedFiles", registerOptions: { watchers: [{ globPattern: "**/*.kmig" }, { globPattern: "**/kmig.yaml" }] } }]);
    client.replace(uri, MIGRATION);
    const extra = join(dir, "002_more.kmig");
    writeFileSync(extra, "migration more from '2.0.0' to '2.1.0' {\n  describe 'more'\n  table nope { add x int? }\n}\n");
    client.filesChanged([{ uri: uriOf(extra), type: FileChangeType.Created }]);
    const d = await client.diagnosticsFor(uriOf(extra), (x) => withoutLints(x).length > 0);
    expect(d[0].code).toBe("K2001");
    rmSync(extra);
    client.filesChanged([{ uri: uriOf(extra), type: FileChangeType.Deleted }]);
    await client.diagnosticsFor(uriOf(extra), (x) => withoutLints(x).length === 0);
    expect(failures()).toEqual([]);
  });

  it("checks a folder without a baseline, and a buffer with no file", async () => {
    const lone = tempSpecs({ "001_keiko_v2.kmig": MIGRATION });
    const u = client.open(join(lone, "001_keiko_v2.kmig"));
    const d = await client.diagnosticsFor(u, (x) => withoutLints(x).length > 0);
    expect(d.map((x) => x.code)).toContain("K2001");
    await everyRequest(u, positionIn(MIGRATION, MIGRATION.indexOf("status :=")));
    const untitled = "untitled:Untitled-1";
    await client.connection.sendNotification("textDocument/didOpen", { textDocument: { uri: untitled, languageId: "kmig", version: 1, text: "migration x from '1' to '2' {\n  tabel t {}\n}\n" } });
    expect((await client.diagnosticsFor(untitled, (x) => withoutLints(x).length > 0))[0].code).toBe("K1102");
    await everyRequest(untitled, { line: 1, character: 4 });
    expect(failures()).toEqual([]);
  });
});
