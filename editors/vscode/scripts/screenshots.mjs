// Screenshots for the extension's README, from the real language server: a page with the Monaco
// editor (VS Code's editor component) shows a Keiko spec coloured by the extension's TextMate
// grammar (run by vscode-textmate, VS Code's engine) and the server's semantic tokens, with the
// diagnostics, hover and quick fixes that `kmig lsp --stdio` answered for it; headless Chromium
// takes the picture. VS Code itself is not run: the editor around the answers is Monaco.
//
//   node editors/vscode/scripts/screenshots.mjs      → editors/vscode/images/{diagnostics,hover}.png
//
// Needs `npm run build` at the repository's root, the extension's devDependencies (npm ci in
// editors/vscode) and a `chromium` on the PATH.

import { spawn, spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const DIR = join(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = join(DIR, "..", "..");
const require = createRequire(join(ROOT, "package.json"));
const rpc = require("vscode-languageserver-protocol/node");
const vsctm = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

/** Starts `kmig lsp --stdio` on a copy of specs/keiko whose migration is `text`. */
async function serverOn(text) {
  const dir = mkdtempSync(join(tmpdir(), "kmig-shots-"));
  cpSync(join(ROOT, "specs/keiko/000_baseline.kmig"), join(dir, "000_baseline.kmig"));
  writeFileSync(join(dir, "001_keiko_v2.kmig"), text);
  const child = spawn(process.execPath, [join(ROOT, "bin/kmig.js"), "lsp", "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const c = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  let diagnostics = null;
  const uri = pathToFileURL(join(dir, "001_keiko_v2.kmig")).href;
  const published = new Promise((resolve) => c.onNotification(rpc.PublishDiagnosticsNotification.type, (p) => p.uri === uri && resolve((diagnostics = p.diagnostics))));
  c.listen();
  const init = await c.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: {}, initializationOptions: { debounceMs: 0 } });
  await c.sendNotification(rpc.InitializedNotification.type, {});
  await c.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "kmig", version: 1, text } });
  await published;
  return {
    uri,
    diagnostics,
    legend: init.capabilities.semanticTokensProvider.legend,
    request: (type, params) => c.sendRequest(type, { textDocument: { uri }, ...params }),
    async stop() {
      await c.sendRequest(rpc.ShutdownRequest.type);
      await c.sendNotification(rpc.ExitNotification.type);
      c.dispose();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Each line's tokens: [start, end, scope] from the TextMate grammar, corrected by the server's semantic tokens. */
async function colouredLines(text, server) {
  const wasm = readFileSync(join(ROOT, "node_modules/vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({ createOnigScanner: (p) => new oniguruma.OnigScanner(p), createOnigString: (s) => new oniguruma.OnigString(s) }),
    loadGrammar: async (scope) =>
      scope === "source.kmig"
        ? vsctm.parseRawGrammar(readFileSync(join(DIR, "syntaxes/kmig.tmLanguage.json"), "utf8"), "kmig.json")
        : scope === "source.sql"
          ? vsctm.parseRawGrammar('{"scopeName":"source.sql","patterns":[]}', "sql.json")
          : null,
  });
  const grammar = await registry.loadGrammar("source.kmig");
  let stack = vsctm.INITIAL;
  const lines = text.split("\n").map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => [t.startIndex, t.endIndex, t.scopes[t.scopes.length - 1]]);
  });
  const semantic = await server.request(rpc.SemanticTokensRequest.type, {});
  let line = 0;
  let char = 0;
  for (let i = 0; i < semantic.data.length; i += 5) {
    line += semantic.data[i];
    char = semantic.data[i] === 0 ? char + semantic.data[i + 1] : semantic.data[i + 1];
    const type = server.legend.tokenTypes[semantic.data[i + 3]];
    lines[line] = [...lines[line].filter(([s, e]) => e <= char || s >= char + semantic.data[i + 2]), [char, char + semantic.data[i + 2], `semantic.${type}`]].sort((a, b) => a[0] - b[0]);
  }
  return lines;
}

/** The page: Monaco with the text, the colours, the server's markers, hover and quick fixes, and the hover shown at `at`. */
function page(text, lines, shot) {
  const monaco = pathToFileURL(join(DIR, "node_modules/monaco-editor/min/vs")).href;
  return `<!doctype html><html><head><meta charset="utf-8"><style>html,body,#e{margin:0;height:100%;background:#1e1e1e}</style></head><body><div id="e"></div>
<script>self.MonacoEnvironment = { getWorkerUrl: () => "data:text/javascript;charset=utf-8," };</script>
<script src="${monaco}/loader.js"></script>
<script>
const TEXT = ${JSON.stringify(text)}, LINES = ${JSON.stringify(lines)}, SHOT = ${JSON.stringify(shot)};
require.config({ paths: { vs: ${JSON.stringify(monaco)} } });
require(["vs/editor/editor.main"], () => {
  monaco.languages.register({ id: "kmig" });
  monaco.languages.setTokensProvider("kmig", {
    getInitialState: () => ({ line: 0, clone() { return { ...this }; }, equals(o) { return o.line === this.line; } }),
    tokenize: (_, state) => ({ tokens: (LINES[state.line] ?? []).map(([s, , scope]) => ({ startIndex: s, scopes: scope })), endState: { ...state, line: state.line + 1 } }),
  });
  const c = (token, foreground, fontStyle) => ({ token, foreground, ...(fontStyle ? { fontStyle } : {}) });
  monaco.editor.defineTheme("dark-plus", { base: "vs-dark", inherit: true, colors: {}, rules: [
    c("comment", "6A9955"), c("string", "CE9178"), c("constant.numeric", "B5CEA8"), c("constant.language", "569CD6"), c("constant.character", "D7BA7D"),
    c("keyword", "569CD6"), c("keyword.control", "C586C0"), c("keyword.operator", "D4D4D4"), c("keyword.operator.logical", "569CD6"), c("storage", "569CD6"),
    c("support.type", "4EC9B0"), c("entity.name.type", "4EC9B0"), c("entity.name.namespace", "4EC9B0"), c("entity.name.function", "DCDCAA"), c("support.function", "DCDCAA"),
    c("variable", "9CDCFE"), c("variable.other.constant", "4FC1FF"), c("variable.language", "569CD6"), c("invalid", "F44747"),
    c("semantic.keyword", "569CD6"), c("semantic.type", "4EC9B0"), c("semantic.class", "4EC9B0"), c("semantic.property", "9CDCFE"), c("semantic.function", "DCDCAA"),
    c("semantic.parameter", "9CDCFE"), c("semantic.string", "CE9178"), c("semantic.number", "B5CEA8"), c("semantic.comment", "6A9955"), c("semantic.operator", "D4D4D4"), c("semantic.enumMember", "4FC1FF"),
  ] });
  const model = monaco.editor.createModel(TEXT, "kmig", monaco.Uri.parse("file:///keiko/001_keiko_v2.kmig"));
  const editor = monaco.editor.create(document.getElementById("e"), { model, theme: "dark-plus", fontSize: 14, minimap: { enabled: false }, scrollBeyondLastLine: false, renderLineHighlight: "none", hover: { delay: 0, sticky: true } });
  monaco.editor.setModelMarkers(model, "kmig", SHOT.diagnostics.map((d) => ({
    severity: d.severity === 1 ? monaco.MarkerSeverity.Error : d.severity === 2 ? monaco.MarkerSeverity.Warning : monaco.MarkerSeverity.Info,
    message: d.message, source: "kmig", code: d.codeDescription ? { value: d.code, target: monaco.Uri.parse(d.codeDescription.href) } : d.code,
    startLineNumber: d.range.start.line + 1, startColumn: d.range.start.character + 1, endLineNumber: d.range.end.line + 1, endColumn: d.range.end.character + 1,
    relatedInformation: (d.relatedInformation ?? []).map((r) => ({ resource: model.uri, message: r.message, startLineNumber: r.location.range.start.line + 1, startColumn: r.location.range.start.character + 1, endLineNumber: r.location.range.end.line + 1, endColumn: r.location.range.end.character + 1 })),
  })));
  monaco.languages.registerHoverProvider("kmig", { provideHover: () => SHOT.hover ? { contents: [{ value: SHOT.hover.contents.value }] } : null });
  monaco.languages.registerCodeActionProvider("kmig", { provideCodeActions: () => ({ actions: SHOT.actions.map((a) => ({ title: a.title, kind: a.kind, isPreferred: a.isPreferred })), dispose() {} }) });
  editor.revealLineInCenter(SHOT.at.line + 1 - 4);
  editor.setPosition({ lineNumber: SHOT.at.line + 1, column: SHOT.at.character + 1 });
  editor.focus();
  setTimeout(() => editor.trigger("shot", "editor.action.showHover", {}), 300);
});
</script></body></html>`;
}

function capture(html, out) {
  const file = join(tmpdir(), `kmig-shot-${process.pid}.html`);
  writeFileSync(file, html);
  const r = spawnSync(
    "chromium",
    [
      "--headless=new",
      "--no-sandbox",
      "--disable-gpu",
      "--hide-scrollbars",
      "--allow-file-access-from-files",
      "--window-size=1100,620",
      "--virtual-time-budget=6000",
      `--screenshot=${out}`,
      pathToFileURL(file).href,
    ],
    { encoding: "utf8" },
  );
  rmSync(file, { force: true });
  if (r.status !== 0) throw new Error(`chromium failed: ${r.stderr}`);
  console.log(`screenshots: wrote ${out}`);
}

const keiko = readFileSync(join(ROOT, "specs/keiko/001_keiko_v2.kmig"), "utf8");
const at = (text, needle, delta) => {
  const before = text.slice(0, text.indexOf(needle) + delta).split("\n");
  return { line: before.length - 1, character: before[before.length - 1].length };
};

// 1. A typo in a mapping: the diagnostic, its help and the quick fix.
{
  const text = keiko.replace("status := task_status(status)", "status := task_status(stauts)");
  const server = await serverOn(text);
  const d = server.diagnostics.find((x) => x.code === "K2002");
  const actions = await server.request(rpc.CodeActionRequest.type, { range: d.range, context: { diagnostics: [d] } });
  const lines = await colouredLines(text, server);
  capture(page(text, lines, { diagnostics: server.diagnostics, hover: null, actions, at: d.range.start }), join(DIR, "images/diagnostics.png"));
  await server.stop();
}

// 2. Hover on a column read by a mapping: its type before and after, and where the chain named it.
{
  const position = at(keiko, ":= timeout ?? 300", 6);
  const server = await serverOn(keiko);
  const hover = await server.request(rpc.HoverRequest.type, { position });
  const lines = await colouredLines(keiko, server);
  capture(page(keiko, lines, { diagnostics: server.diagnostics, hover, actions: [], at: position }), join(DIR, "images/hover.png"));
  await server.stop();
}
