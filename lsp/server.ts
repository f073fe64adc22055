import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { DidChangeWatchedFilesNotification, TextDocuments, TextDocumentSyncKind, type Connection, type InitializeParams, type InitializeResult } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import type { ChainAnalysis, ChainFile } from "./analysis.js";
import { offsetAt, pathOfUri, uriOfPath } from "./convert.js";
import { chainDiagnostics } from "./features/diagnostics.js";
import { formatEdits } from "./features/formatting.js";
import { registerLanguageFeatures } from "./features/register.js";
import { clientLog, describeError, guarded, type Log } from "./log.js";
import { Workspace } from "./workspace.js";

/** Settings a client may pass in `initializationOptions`. */
export interface ServerOptions {
  /** How long after the last keystroke a chain is checked again (ms). */
  readonly debounceMs: number;
  /** Base URL of the diagnostic pages (`<base>K2002.md`); default: docs/diagnostics/ of this kmig. */
  readonly docsUrl: string | null;
}

/** A request's document: its chain checked, the file in it, and the offset of a position. */
export interface DocumentContext {
  readonly analysis: ChainAnalysis;
  readonly file: ChainFile;
  offset(p: { line: number; character: number }): number;
}

/** What the feature handlers get from the server. */
export interface ServerContext {
  readonly connection: Connection;
  readonly log: Log;
  /** The checked chain of a document, brought up to date first; null for a document the server does not have. */
  documentContext(uri: string): DocumentContext | null;
  /** Every folder's analysis the server holds (for workspace-wide questions). */
  analysisOf(folder: string): ChainAnalysis;
}

/**
 * The kmig language server: each folder of `.kmig` files is one chain, checked as `kmig check`
 * checks it, with the editor's buffers in place of the files. A change is checked again after a
 * short pause; a request on a changed chain checks it first, so answers are never stale.
 */
export function startServer(connection: Connection): void {
  const log = clientLog(connection);
  const documents = new TextDocuments(TextDocument);
  let workspace = new Workspace(null);
  let options: ServerOptions = { debounceMs: 150, docsUrl: defaultDocsUrl() };
  const timers = new Map<string, NodeJS.Timeout>();
  const published = new Map<string, Set<string>>();
  const checkTimes: number[] = [];

  const publish = (folder: string) => {
    timers.delete(folder);
    try {
      const a = workspace.analysis(folder);
      checkTimes.push(a.checkMs);
      if (checkTimes.length > 64) checkTimes.shift();
      const byUri = chainDiagnostics(a, options.docsUrl);
      for (const uri of published.get(folder) ?? []) if (!byUri.has(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
      for (const [uri, diagnostics] of byUri) void connection.sendDiagnostics({ uri, diagnostics });
      published.set(folder, new Set(byUri.keys()));
    } catch (e) {
      log.error(`kmig: checking ${folder} failed: ${describeError(e)}`);
    }
  };
  const schedule = (folder: string, delay = options.debounceMs) => {
    clearTimeout(timers.get(folder));
    timers.set(
      folder,
      setTimeout(() => publish(folder), delay),
    );
  };

  let watchFiles = false;
  connection.onInitialize((params: InitializeParams): InitializeResult => {
    watchFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    const root = params.workspaceFolders?.[0]?.uri ?? params.rootUri ?? null;
    workspace = new Workspace(root ? pathOfUri(root) : null);
    options = readOptions(params.initializationOptions, options, log);
    return {
      capabilities: { textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: false }, documentFormattingProvider: true, ...capabilities },
      serverInfo: { name: "kmig", version: "0.1.0" },
    };
  });

  // A client that can watch files for the server (Neovim, and others) is asked to report the
  // chains' files; VS Code's extension sets its own watcher up.
  connection.onInitialized(() => {
    if (watchFiles)
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: "**/*.kmig" }, { globPattern: "**/kmig.yaml" }] })
        .catch((e: unknown) => log.warn(`kmig: could not ask the client to watch .kmig files: ${describeError(e)}`));
  });

  const opened = new Set<string>();
  documents.onDidChangeContent(
    guarded(log, "reading a change", undefined, (e) => {
      const folder = workspace.setBuffer(e.document.uri, e.document.getText());
      // The first time a document shows, its problems show at once; after that, when typing pauses.
      if (opened.has(e.document.uri)) schedule(folder);
      else {
        opened.add(e.document.uri);
        schedule(folder, 0);
      }
    }),
  );
  documents.onDidClose(
    guarded(log, "closing a document", undefined, (e) => {
      opened.delete(e.document.uri);
      const folder = workspace.closeBuffer(e.document.uri);
      if (workspace.openFolders().has(folder)) schedule(folder, 0);
      else {
        // Nothing of the chain is open: clear what the editor shows and forget it.
        clearTimeout(timers.get(folder));
        timers.delete(folder);
        for (const uri of published.get(folder) ?? []) void connection.sendDiagnostics({ uri, diagnostics: [] });
        published.delete(folder);
        workspace.forget(folder);
      }
    }),
  );
  connection.onDidChangeWatchedFiles(
    guarded(log, "reading changed files", undefined, (p) => {
      const open = workspace.openFolders();
      for (const folder of workspace.invalidate(p.changes.map((c) => c.uri))) if (open.has(folder)) schedule(folder, 0);
    }),
  );
  connection.onRequest("kmig/stats", () => {
    const gc = runGc();
    return { ...process.memoryUsage(), checkMs: [...checkTimes], gc };
  });

  const ctx: ServerContext = {
    connection,
    log,
    analysisOf: (folder) => workspace.analysis(folder),
    documentContext: (uri) => {
      if (!documents.get(uri) && !pathOfUri(uri)) {
        log.warn(`kmig: a request about ${uri}, which is neither open nor a file: no answer`);
        return null;
      }
      const place = workspace.placeOf(uri);
      const analysis = workspace.analysis(place.folder);
      const file = analysis.fileByKey(place.key);
      if (!file) log.warn(`kmig: ${uri} is not a .kmig file of ${place.folder} (closed, or deleted): no answer`);
      return file ? { analysis, file, offset: (p) => offsetAt(file.source, p) } : null;
    },
  };

  const capabilities = registerLanguageFeatures(ctx);
  connection.onDocumentFormatting(
    guarded(log, "formatting", [], (p) => {
      const d = ctx.documentContext(p.textDocument.uri);
      if (!d) return [];
      const r = formatEdits(d.file);
      if (r.refused) log.warn(`kmig: ${r.refused}`);
      return r.edits;
    }),
  );
  documents.listen(connection);
  connection.listen();
}

/** Reads `initializationOptions`; what it cannot use is logged and left at its default. */
function readOptions(raw: unknown, defaults: ServerOptions, log: Log): ServerOptions {
  if (raw === undefined || raw === null) return defaults;
  if (typeof raw !== "object") {
    log.warn("kmig: initializationOptions is not an object: ignored");
    return defaults;
  }
  const o = raw as Record<string, unknown>;
  const debounceMs = typeof o.debounceMs === "number" && o.debounceMs >= 0 && o.debounceMs <= 10_000 ? o.debounceMs : defaults.debounceMs;
  if (o.debounceMs !== undefined && debounceMs !== o.debounceMs) log.warn(`kmig: debounceMs must be a number of milliseconds from 0 to 10000; using ${debounceMs}`);
  const docsUrl = typeof o.docsUrl === "string" ? (o.docsUrl.endsWith("/") ? o.docsUrl : `${o.docsUrl}/`) : defaults.docsUrl;
  return { debounceMs, docsUrl };
}

/** docs/diagnostics/ of the kmig running this server (its pages ship with the package), as a file URI. */
function defaultDocsUrl(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const docs = join(dir, "docs", "diagnostics");
    if (existsSync(join(docs, "K1001.md"))) return `${uriOfPath(docs)}/`;
    dir = dirname(dir);
  }
  return null;
}

/** Collects garbage first when node runs with --expose-gc (the memory benchmark does), so figures are of live data. */
function runGc(): boolean {
  const gc = (globalThis as { gc?: () => void }).gc;
  // Twice: objects a finaliser or weak map kept alive in the first pass go in the second.
  gc?.();
  gc?.();
  return gc !== undefined;
}
