import { CodeActionKind, type ServerCapabilities } from "vscode-languageserver";
import { guarded } from "../log.js";
import type { ServerContext } from "../server.js";
import { codeActions } from "./code-actions.js";
import { completion } from "./completion.js";
import { hover } from "./hover.js";
import { definition, highlights, prepareRename, references, rename } from "./navigation.js";
import { documentSymbols, foldingRanges } from "./outline.js";
import { SEMANTIC_LEGEND, semanticTokens } from "./semantic-tokens.js";

/**
 * Registers the language features' handlers; returns the capabilities they add. Each handler
 * is guarded: an exception is logged to the client and answered with an empty result.
 */
export function registerLanguageFeatures(ctx: ServerContext): ServerCapabilities {
  const { connection, log } = ctx;
  const at = <R>(what: string, fallback: R, f: (d: NonNullable<ReturnType<ServerContext["documentContext"]>>, offset: number) => R) =>
    guarded(log, what, fallback, (p: { textDocument: { uri: string }; position: { line: number; character: number } }) => {
      const d = ctx.documentContext(p.textDocument.uri);
      return d ? f(d, d.offset(p.position)) : fallback;
    });
  const whole = <R>(what: string, fallback: R, f: (d: NonNullable<ReturnType<ServerContext["documentContext"]>>) => R) =>
    guarded(log, what, fallback, (p: { textDocument: { uri: string } }) => {
      const d = ctx.documentContext(p.textDocument.uri);
      return d ? f(d) : fallback;
    });
  connection.onHover(at("hover", null, hover));
  connection.onDefinition(at("go to definition", [], definition));
  connection.onReferences(
    guarded(log, "find references", [], (p) => {
      const d = ctx.documentContext(p.textDocument.uri);
      return d ? references(d, d.offset(p.position), p.context.includeDeclaration) : [];
    }),
  );
  connection.onDocumentHighlight(at("highlight", [], highlights));
  connection.onPrepareRename(at("prepare rename", null, prepareRename));
  connection.onRenameRequest(
    guarded(log, "rename", null, (p) => {
      const d = ctx.documentContext(p.textDocument.uri);
      return d ? rename(d, d.offset(p.position), p.newName) : null;
    }),
  );
  connection.onCompletion(at("completion", [], completion));
  connection.onDocumentSymbol(whole("document symbols", [], (d) => documentSymbols(d.file)));
  connection.onFoldingRanges(whole("folding", [], (d) => foldingRanges(d.file)));
  connection.languages.semanticTokens.on(whole("semantic tokens", { data: [] }, (d) => ({ data: semanticTokens(d.file, d.analysis.symbols()) })));
  connection.onCodeAction(
    guarded(log, "code actions", [], (p) => {
      const d = ctx.documentContext(p.textDocument.uri);
      return d ? codeActions(d.analysis, d.file, p.context.diagnostics) : [];
    }),
  );
  return {
    hoverProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    documentHighlightProvider: true,
    renameProvider: { prepareProvider: true },
    completionProvider: { triggerCharacters: [".", " ", "(", ":"] },
    documentSymbolProvider: true,
    foldingRangeProvider: true,
    semanticTokensProvider: { legend: SEMANTIC_LEGEND, full: true },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
  };
}
