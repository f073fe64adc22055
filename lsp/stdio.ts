import { createConnection, ProposedFeatures } from "vscode-languageserver/node";
import { startServer } from "./server.js";

/**
 * Serves LSP on stdin/stdout until the client sends `exit` (the library then ends the process,
 * with code 0 after a `shutdown` and 1 without) or closes the pipe.
 */
export function serveStdio(): Promise<number> {
  const connection = createConnection(ProposedFeatures.all, process.stdin, process.stdout);
  // Nothing else may write to stdout: it carries the protocol. Stray console output goes to the client's log.
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(" "));
  console.info = console.log;
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(" "));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(" "));
  startServer(connection);
  return new Promise(() => {});
}
