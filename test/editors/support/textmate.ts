import { readFileSync } from "node:fs";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

/** The extension's TextMate grammar. */
export const GRAMMAR_PATH = "editors/vscode/syntaxes/kmig.tmLanguage.json";

/** One token of a line as VS Code's engine sees it: its text and its scopes (innermost last, without `source.kmig`). */
export interface ScopedToken {
  readonly start: number;
  readonly text: string;
  readonly scopes: readonly string[];
}

let loaded: Promise<vsctm.IGrammar> | null = null;

/** The grammar, loaded through vscode-textmate and vscode-oniguruma: the engine and regex library VS Code uses. */
export function kmigGrammar(): Promise<vsctm.IGrammar> {
  loaded ??= (async () => {
    const wasm = readFileSync("node_modules/vscode-oniguruma/release/onig.wasm");
    await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
    const registry = new vsctm.Registry({
      onigLib: Promise.resolve({ createOnigScanner: (p: string[]) => new oniguruma.OnigScanner(p), createOnigString: (s: string) => new oniguruma.OnigString(s) }),
      // `source.sql` (embedded in `sql '''…'''`) is the editor's own grammar (VS Code ships one): an
      // empty stand-in here, so that the embedding is what is tested. Without any, the engine drops the rule.
      loadGrammar: async (scope: string) =>
        scope === "source.kmig"
          ? vsctm.parseRawGrammar(readFileSync(GRAMMAR_PATH, "utf8"), GRAMMAR_PATH)
          : scope === "source.sql"
            ? vsctm.parseRawGrammar(JSON.stringify({ scopeName: "source.sql", patterns: [] }), "sql.json")
            : null,
    });
    const g = await registry.loadGrammar("source.kmig");
    if (!g) throw new Error("the grammar did not load");
    return g;
  })();
  return loaded;
}

/** Tokenises a text line by line, as an editor does; each line's tokens with their scopes. */
export function tokenize(grammar: vsctm.IGrammar, text: string): ScopedToken[][] {
  let stack = vsctm.INITIAL;
  return text.split(/\r\n|\r|\n/).map((line) => {
    const r = grammar.tokenizeLine(line, stack, 1000);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ start: t.startIndex, text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes.filter((s) => s !== "source.kmig") }));
  });
}
