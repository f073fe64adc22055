import { existsSync } from "node:fs";
import { join } from "node:path";
import { workspace, window, type ExtensionContext, type LogOutputChannel } from "vscode";
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from "vscode-languageclient/node";

/**
 * The kmig extension: the `kmig` language (grammar, brackets, comments come from package.json)
 * and a language client that starts `kmig lsp --stdio` for it. Everything else — diagnostics,
 * hover, definitions, completion, formatting — is the server's.
 */

let client: LanguageClient | undefined;

export async function activate(context: ExtensionContext): Promise<void> {
  const output = window.createOutputChannel("kmig", { log: true });
  const command = serverCommand(output);
  const settings = workspace.getConfiguration("kmig");
  const server: ServerOptions = {
    run: { command, args: ["lsp", "--stdio"], transport: TransportKind.stdio, options: { shell: process.platform === "win32" } },
    debug: { command, args: ["lsp", "--stdio"], transport: TransportKind.stdio, options: { shell: process.platform === "win32" } },
  };
  const options: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: "kmig" },
      { scheme: "untitled", language: "kmig" },
    ],
    // The server reads the files of a chain it has no buffer for from disk, and its kmig.yaml: tell it when they change.
    synchronize: { fileEvents: [workspace.createFileSystemWatcher("**/*.kmig"), workspace.createFileSystemWatcher("**/kmig.yaml")] },
    initializationOptions: { debounceMs: settings.get<number>("server.debounceMs", 150) },
    outputChannel: output,
    traceOutputChannel: output,
  };
  client = new LanguageClient("kmig", "kmig", server, options);
  context.subscriptions.push(output);
  context.subscriptions.push(
    workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration("kmig.server")) void window.showInformationMessage("kmig: reload the window to restart the language server with the new settings.");
    }),
  );
  try {
    await client.start();
  } catch (e) {
    output.appendLine(`kmig: could not start \`${command} lsp --stdio\`: ${e instanceof Error ? e.message : String(e)}`);
    void window.showErrorMessage(`kmig: the language server did not start (${command}). Install kmig in the workspace (npm install kmig) or set kmig.server.path.`);
  }
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}

/** `kmig.server.path`, else the workspace's own kmig (node_modules/.bin), else `kmig` on the PATH. */
function serverCommand(output: LogOutputChannel): string {
  const configured = workspace.getConfiguration("kmig").get<string>("server.path", "").trim();
  if (configured) return configured;
  for (const folder of workspace.workspaceFolders ?? []) {
    const local = join(folder.uri.fsPath, "node_modules", ".bin", process.platform === "win32" ? "kmig.cmd" : "kmig");
    if (existsSync(local)) return local;
  }
  output.appendLine("kmig: no node_modules/.bin/kmig in the workspace; using `kmig` from the PATH");
  return "kmig";
}
