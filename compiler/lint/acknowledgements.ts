import type * as A from "../../grammar/ast.js";
import { diag, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { closestMatch } from "../../core/diagnostics/suggest.js";
import type { SourceFile } from "../../core/source-file.js";
import { LINT_CODES } from "./codes.js";

/**
 * `allow K5007 'reason'`: a safety lint acknowledged where it is written. It covers the statement
 * right below it (an item of the migration, with everything in it, or one action of a table
 * block); several `allow` lines may stack above one statement.
 */
export interface Acknowledgement {
  readonly allow: A.Allow;
  /** The statement it covers; null when nothing follows it in its block. */
  readonly target: A.Span | null;
}

/** Every `allow` of a unit, with the statement each covers. */
export function acknowledgementsOf(unit: A.Unit): Acknowledgement[] {
  const out: Acknowledgement[] = [];
  const walk = (list: readonly { readonly kind: string; readonly span: A.Span }[]) => {
    list.forEach((s, i) => {
      if (s.kind !== "Allow") return;
      const next = list.slice(i + 1).find((x) => x.kind !== "Allow");
      out.push({ allow: s as A.Allow, target: next?.span ?? null });
    });
  };
  walk(unit.items);
  for (const item of unit.items) if (item.kind === "AlterTable") walk(item.actions);
  return out;
}

/** K5026 (not a safety lint) and K5027 (no reason) for one `allow`; true when it is well formed. */
export function checkAllow(file: SourceFile, allow: A.Allow, diags: Diagnostic[]): boolean {
  const code = allow.code.name;
  if (!LINT_CODES.includes(code)) {
    const near = closestMatch(code, LINT_CODES);
    diags.push(diag("K5026", file, allow.code.span, `\`${code}\` is not a safety lint: \`allow\` acknowledges K5001–K5025`, { help: near ? `did you mean \`${near}\`?` : "errors of the spec cannot be allowed; the safety lints are listed in docs/safety-lints.md" }));
    return false;
  }
  if (!allow.reason || allow.reason.value.trim() === "") {
    diags.push(diag("K5027", file, allow.span, `\`allow ${code}\` needs the reason it is safe here`, { help: `say why, for the reviewer and for later: \`allow ${code} 'the table has 200 rows'\`` }));
    return false;
  }
  return true;
}
