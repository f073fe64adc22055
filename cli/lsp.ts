import { serveStdio } from "../lsp/stdio.js";
import { UsageError } from "./files.js";
import { parseCommandArgs } from "./args.js";

/** `kmig lsp --help`. */
export const LSP_HELP = `kmig lsp --stdio

Runs the kmig language server, speaking the Language Server Protocol on standard input and
output: diagnostics as you type, hover, go to definition, references, rename, completion,
formatting, outline, folding, semantic highlighting and quick fixes. Each folder of .kmig files
is one chain, with the editor's unsaved buffers in place of the files. Editors start it
themselves: see docs/editors.md (VS Code, Neovim, others).

  --stdio     talk LSP over stdin/stdout (the only transport; the default)

Exit code: 0 when the client asks it to exit, 2 usage error.`;

/** `kmig lsp`: serves until the client says `exit` (or closes the pipe). */
export function runLsp(argv: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs("lsp", argv, { stdio: { type: "boolean" }, help: { type: "boolean", short: "h" } });
  if (values.help) {
    process.stdout.write(LSP_HELP + "\n");
    return Promise.resolve(0);
  }
  if (positionals.length > 0) throw new UsageError(`kmig lsp takes no paths (the editor sends the files): ${positionals.join(" ")}`, "editors start `kmig lsp --stdio` themselves: see docs/editors.md");
  return serveStdio();
}
