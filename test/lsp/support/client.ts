import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  LogMessageNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  StreamMessageReader,
  StreamMessageWriter,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type LogMessageParams,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";

/**
 * A real LSP client for tests: it starts `node bin/kmig.js lsp --stdio` (the bundle the tests
 * build first), speaks the protocol through vscode-languageserver-protocol over the child's
 * pipes, and keeps what the server publishes (diagnostics) and logs.
 */
export interface LspClient {
  readonly connection: ProtocolConnection;
  readonly capabilities: InitializeResult["capabilities"];
  /** The latest diagnostics published per URI. */
  readonly diagnostics: Map<string, Diagnostic[]>;
  /** How many times diagnostics were published per URI. */
  readonly publications: Map<string, number>;
  /** Every `window/logMessage` the server sent. */
  readonly logs: string[];
  /** What the server asked the client to register (`client/registerCapability`). */
  readonly registrations: { method: string; registerOptions?: unknown }[];
  readonly process: ChildProcess;
  /** Opens a document (its text from disk unless given); returns its URI. */
  open(path: string, text?: string): string;
  /** Replaces the whole text of an open document (a full-text change). */
  replace(uri: string, text: string): void;
  /** An incremental change: `text` replaces the range. */
  edit(uri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }, text: string): void;
  close(uri: string): void;
  filesChanged(changes: FileEvent[]): void;
  /** Waits for diagnostics of `uri` that satisfy `accept` (published after this call or already there). */
  diagnosticsFor(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  /** Shuts the server down as an editor does; resolves with its exit code. */
  stop(): Promise<number | null>;
}

export const uriOf = (path: string): string => pathToFileURL(path).href;

/** The diagnostics but the safety lints (K5xxx), which the server reports beside a spec's problems once it has none. */
export const withoutLints = (d: readonly Diagnostic[]): Diagnostic[] => d.filter((x) => !String(x.code ?? "").startsWith("K5"));

export async function startLsp(root: string, initializationOptions: Record<string, unknown> = { debounceMs: 20 }): Promise<LspClient> {
  const child = spawn(process.execPath, [join(process.cwd(), "bin/kmig.js"), "lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"], env: { PATH: process.env.PATH ?? "" } });
  let stderr = "";
  child.stderr?.on("data", (b) => (stderr += String(b)));
  const connection = createProtocolConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const diagnostics = new Map<string, Diagnostic[]>();
  const publications = new Map<string, number>();
  const logs: string[] = [];
  const registrations: { method: string; registerOptions?: unknown }[] = [];
  const waiters: (() => void)[] = [];
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => {
    diagnostics.set(p.uri, p.diagnostics);
    publications.set(p.uri, (publications.get(p.uri) ?? 0) + 1);
    waiters.splice(0).forEach((w) => w());
  });
  connection.onNotification(LogMessageNotification.method, (p: LogMessageParams) => {
    logs.push(p.message);
  });
  connection.onRequest(RegistrationRequest.type, (p) => {
    registrations.push(...p.registrations);
  });
  connection.listen();
  const init = await connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: uriOf(root),
    workspaceFolders: [{ uri: uriOf(root), name: "test" }],
    capabilities: { textDocument: { publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true } }, workspace: { didChangeWatchedFiles: { dynamicRegistration: true } } },
    initializationOptions,
  });
  await connection.sendNotification(InitializedNotification.type, {});
  const versions = new Map<string, number>();
  const texts = new Map<string, string>();
  const client: LspClient = {
    connection,
    capabilities: init.capabilities,
    diagnostics,
    publications,
    logs,
    registrations,
    process: child,
    open(path, text) {
      const uri = uriOf(path);
      const content = text ?? readFileSync(path, "utf8");
      versions.set(uri, 1);
      texts.set(uri, content);
      void connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: "kmig", version: 1, text: content } });
      return uri;
    },
    replace(uri, text) {
      const v = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, v);
      texts.set(uri, text);
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ text }] });
    },
    edit(uri, range, text) {
      const v = (versions.get(uri) ?? 0) + 1;
      versions.set(uri, v);
      void connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: v }, contentChanges: [{ range, text }] });
    },
    close(uri) {
      void connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
    },
    filesChanged(changes) {
      void connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
    },
    diagnosticsFor(uri, accept = () => true, timeoutMs = 20_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} as expected within ${timeoutMs} ms; last: ${JSON.stringify(diagnostics.get(uri))}; stderr: ${stderr}`)), timeoutMs);
        const check = () => {
          const d = diagnostics.get(uri);
          if (d && accept(d)) {
            clearTimeout(timer);
            resolve(d);
          } else waiters.push(check);
        };
        check();
      });
    },
    async stop() {
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      await connection.sendRequest(ShutdownRequest.type);
      await connection.sendNotification(ExitNotification.type);
      const code = await exited;
      connection.dispose();
      return code;
    },
  };
  return client;
}
