import type { Connection } from "vscode-languageserver";

/** Where the server says what it could not do: the client's output channel (`window/logMessage`). */
export interface Log {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export function clientLog(connection: Connection): Log {
  return {
    info: (m) => connection.console.info(m),
    warn: (m) => connection.console.warn(m),
    error: (m) => connection.console.error(m),
  };
}

/** What an exception says, with its stack (the log is for reporting bugs). */
export function describeError(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}\n${e.stack ?? ""}` : String(e);
}

/**
 * Runs a request handler; an exception is logged and answered with `fallback`, so that one bad
 * input never leaves the editor without an answer or takes the server down.
 */
export function guarded<P extends unknown[], R>(log: Log, what: string, fallback: R, handler: (...args: P) => R): (...args: P) => R {
  return (...args: P) => {
    try {
      return handler(...args);
    } catch (e) {
      log.error(`kmig: ${what} failed: ${describeError(e)}`);
      return fallback;
    }
  };
}
