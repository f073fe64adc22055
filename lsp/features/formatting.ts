import type { TextEdit } from "vscode-languageserver";
import { printSpec } from "../../grammar/print/index.js";
import type { ChainFile } from "../analysis.js";
import { rangeOf } from "../convert.js";

/**
 * `kmig fmt` on the buffer: one edit replacing the whole text with its canonical layout, none
 * when it is already canonical. A buffer with syntax errors is left as it is (as `kmig fmt`
 * leaves the file), and the reason is returned for the log.
 */
export function formatEdits(f: ChainFile): { edits: TextEdit[]; refused: string | null } {
  if (!f.parsed.ok) return { edits: [], refused: `${f.source.path} has syntax errors: not formatted (fix them first, as \`kmig fmt\` requires)` };
  const text = printSpec(f.parsed.ast, f.source.text);
  if (text === f.source.text) return { edits: [], refused: null };
  return { edits: [{ range: rangeOf(f.source, { start: 0, end: f.source.text.length }), newText: text }], refused: null };
}
