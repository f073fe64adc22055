import type * as A from "../ast.js";
import { bodyLines, braced, childIndent, row, type Stmt } from "./body.js";
import { layoutAssigned, type ExprPrinter } from "./expr-layout.js";
import { text } from "./layout.js";
import { findChar } from "./source.js";
import { expectClause } from "./table.js";
import { identText } from "./words.js";

/**
 * Config statements: `key := value` rows line up on `:=`; `key { … }` nests a block;
 * `require`, `remove` and `expect` stand alone.
 */
export function configItemStmt(p: ExprPrinter, item: A.ConfigItem, indent: number): Stmt {
  switch (item.kind) {
    case "SetKey":
      return row("set", item.span, indent, [keyPathText(item.path), (at) => layoutAssigned(p, ":=", item.value, at)]);
    case "RequireKey":
      return row(null, item.span, indent, [`require ${keyPathText(item.path)}${item.valueType ? `: ${item.valueType}` : ""}`]);
    case "RemoveKey":
      return row(null, item.span, indent, [`remove ${keyPathText(item.path)}`]);
    case "ExpectClause":
      return row(null, item.span, indent, [(at) => expectClause(p, item, at)]);
    case "KeyBlock": {
      const open = findChar(p.src, item.path.span.end, "{");
      return { kind: "lines", block: braced(p.src, text(keyPathText(item.path)), open, item.span, configBody(p, item.items, indent), indent), span: item.span };
    }
  }
}

/** The lines of a config block's items, one level deeper than `indent`. */
export function configBody(p: ExprPrinter, items: readonly A.ConfigItem[], indent: number): ReturnType<typeof bodyLines> {
  const inner = childIndent(indent);
  return bodyLines(p.src, items.map((i) => configItemStmt(p, i, inner)), inner, "keep");
}

function keyPathText(path: A.KeyPath): string {
  return path.keys.map(identText).join(".");
}
