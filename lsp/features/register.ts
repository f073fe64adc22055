import type { ServerCapabilities } from "vscode-languageserver";
import type { ServerContext } from "../server.js";

/** Registers the language features' handlers; returns the capabilities they add. */
export function registerLanguageFeatures(ctx: ServerContext): ServerCapabilities {
  void ctx;
  return {};
}
