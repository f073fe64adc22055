import { FoldingRangeKind, SymbolKind, type DocumentSymbol, type FoldingRange } from "vscode-languageserver";
import type * as A from "../../grammar/ast.js";
import { forEachChild } from "../../compiler/symbols/expr-names.js";
import { typeToString } from "../../grammar/literals.js";
import type { Span } from "../../core/span.js";
import type { SourceFile } from "../../core/source-file.js";
import { lineIndexOf } from "../../core/source-file.js";
import type { ChainFile } from "../analysis.js";
import { rangeOf } from "../convert.js";

/** The outline: migration (or baseline) → tables, maps, defs, config blocks → columns, actions, entries. */
export function documentSymbols(f: ChainFile): DocumentSymbol[] {
  const sym = (name: string, kind: SymbolKind, span: Span, at: Span, detail?: string, children?: DocumentSymbol[]): DocumentSymbol => ({
    name: name || "(unnamed)",
    kind,
    range: rangeOf(f.source, span),
    selectionRange: rangeOf(f.source, within(at, span)),
    ...(detail ? { detail } : {}),
    ...(children?.length ? { children } : {}),
  });
  return f.parsed.ast.units.map((u) =>
    sym(
      u.id.name,
      SymbolKind.Module,
      u.span,
      u.id.span,
      u.kind === "Baseline" ? `baseline ${u.version.value}` : `${u.from.value} → ${u.to.value}`,
      u.items.flatMap((i) => itemSymbols(i, sym)),
    ),
  );
}

type Sym = (name: string, kind: SymbolKind, span: Span, at: Span, detail?: string, children?: DocumentSymbol[]) => DocumentSymbol;

function itemSymbols(item: A.MigrationItem, sym: Sym): DocumentSymbol[] {
  switch (item.kind) {
    case "CreateTable":
      return [
        sym(
          item.name.name,
          SymbolKind.Class,
          item.span,
          item.name.span,
          "create table",
          item.elements.flatMap((e) => elementSymbols(e, sym)),
        ),
      ];
    case "AlterTable":
      return [
        sym(
          item.name.name,
          SymbolKind.Class,
          item.span,
          item.name.span,
          "table",
          item.actions.flatMap((a) => actionSymbols(a, sym)),
        ),
      ];
    case "DropTable":
      return [sym(item.name.name, SymbolKind.Class, item.span, item.name.span, "drop table")];
    case "RenameTable":
      return [sym(`${item.from.name} → ${item.to.name}`, SymbolKind.Class, item.span, item.to.span, "rename table")];
    case "ValueMap":
      return [
        sym(
          item.name.name,
          SymbolKind.Enum,
          item.span,
          item.name.span,
          mapSignature(item),
          item.items.flatMap((i) => (i.kind === "MapEntry" || i.kind === "MapFallback" ? [sym(mapItemText(i), SymbolKind.EnumMember, i.span, i.span)] : [])),
        ),
      ];
    case "FunctionDef":
      return [sym(item.name.name, SymbolKind.Function, item.span, item.name.span, `(${item.params.map((p) => p.name.name).join(", ")})`)];
    case "ConfigMigration":
      return [sym(item.source.value, SymbolKind.File, item.span, item.source.span, item.target ? `config → ${item.target.value}` : "config", configSymbols(item.items, sym))];
    case "RawSql":
      // What it declares, as the items it stands for (an index or a dropped one: by name).
      return [
        sym("sql", SymbolKind.Event, item.span, item.up.span, item.up.value.trim().split("\n")[0].slice(0, 60), (item.declares ?? []).flatMap((d) =>
          d.kind === "CreatesIndex" ? [sym(d.index.name?.name ?? "", SymbolKind.Key, d.span, d.index.name?.span ?? d.span, `creates index on ${d.table.name}`)] : d.kind === "DropsIndex" ? [sym(d.name.name, SymbolKind.Key, d.span, d.name.span, "drops index")] : itemSymbols(d, sym),
        )),
      ];
    case "Describe":
    case "Allow":
      return [];
    default:
      return namedNode(item, sym);
  }
}

function elementSymbols(e: A.TableElement, sym: Sym): DocumentSymbol[] {
  switch (e.kind) {
    case "ColumnDef":
      return [sym(e.name.name, SymbolKind.Field, e.span, e.name.span, typeToString(e.type))];
    case "IndexDef":
      return [sym(e.name?.name ?? `index (${e.columns.map((c) => c.name.name).join(", ")})`, SymbolKind.Key, e.span, e.name?.span ?? e.span, e.unique ? "unique index" : "index")];
    case "ExpectClause":
      return [];
    case "TableComment":
      return [sym("comment", SymbolKind.String, e.span, e.span, e.text ? e.text.value.slice(0, 60) : "removed")];
    case "PrimaryKeyConstraint":
    case "UniqueConstraint":
    case "CheckConstraint":
    case "ForeignKeyConstraint":
      return [sym(e.name?.name ?? constraintLabel(e), SymbolKind.Key, e.span, e.name?.span ?? e.span, "constraint")];
    default:
      return namedNode(e, sym);
  }
}

function actionSymbols(a: A.TableAction, sym: Sym): DocumentSymbol[] {
  switch (a.kind) {
    case "AddColumn":
      return [sym(a.column.name.name, SymbolKind.Field, a.span, a.column.name.span, `add ${typeToString(a.column.type)}`)];
    case "RenameColumn":
      return [sym(`${a.from.name} → ${a.to.name}`, SymbolKind.Field, a.span, a.to.span, "rename")];
    case "DropColumn":
      return [sym(a.name.name, SymbolKind.Field, a.span, a.name.span, "drop")];
    case "AlterColumn":
      return [sym(a.name.name, SymbolKind.Field, a.span, a.name.span, "alter")];
    case "AssignColumn":
      return [sym(a.target.name, SymbolKind.Field, a.span, a.target.span, ":=")];
    case "IndexDef":
      return elementSymbols(a, sym);
    case "AddConstraint":
      return elementSymbols(a.constraint, sym);
    case "DropIndex":
    case "DropConstraint":
      return [sym(a.name.name, SymbolKind.Key, a.span, a.name.span, a.kind === "DropIndex" ? "drop index" : "drop constraint")];
    case "ExpectClause":
      return [];
    case "TableComment":
      return elementSymbols(a, sym);
    default:
      return namedNode(a, sym);
  }
}

function configSymbols(items: readonly A.ConfigItem[], sym: Sym): DocumentSymbol[] {
  return items.flatMap((i) => {
    const path = "path" in i ? i.path.keys.map((k) => k.name).join(".") : "";
    switch (i.kind) {
      case "SetKey":
        return [sym(path, SymbolKind.Property, i.span, i.path.span, ":=")];
      case "KeyBlock":
        return [sym(path, SymbolKind.Object, i.span, i.path.span, undefined, configSymbols(i.items, sym))];
      case "RequireKey":
        return [sym(path, SymbolKind.Property, i.span, i.path.span, "require")];
      case "RemoveKey":
        return [sym(path, SymbolKind.Property, i.span, i.path.span, "remove")];
      default:
        return [];
    }
  });
}

/** A construct the outline has no rule for: shown by its name, when it has one. */
function namedNode(node: object, sym: Sym): DocumentSymbol[] {
  const n = node as { kind: string; span: Span; name?: A.Ident | null };
  return n.name && typeof n.name === "object" && "name" in n.name ? [sym(n.name.name, SymbolKind.Object, n.span, n.name.span, n.kind)] : [];
}

function constraintLabel(c: A.TableConstraint): string {
  return c.kind === "PrimaryKeyConstraint" ? "primary key" : c.kind === "UniqueConstraint" ? "unique" : c.kind === "CheckConstraint" ? "check" : "foreign key";
}

function mapSignature(m: A.ValueMap): string {
  return m.inputType && m.outputType ? `${typeToString(m.inputType)} -> ${typeToString(m.outputType)}${m.closed ? " closed" : ""}` : m.closed ? "closed" : "map";
}

function mapItemText(i: A.MapEntry | A.MapFallback): string {
  const lit = (l: A.Literal) => (l.kind === "StringLit" ? l.value : l.kind === "NumberLit" ? l.text : l.kind === "BoolLit" ? String(l.value) : "null");
  return i.kind === "MapFallback" ? `else -> ${lit(i.output)}` : `${i.inputs.map(lit).join(", ")} -> ${lit(i.output)}`;
}

/** LSP wants the selection inside the range; recovery can leave a name outside its statement. */
function within(at: Span, span: Span): Span {
  return at.start >= span.start && at.end <= span.end ? at : { start: span.start, end: span.start };
}

/** Folds every node over several lines (blocks, long expressions, `'''` strings), and comment runs. */
export function foldingRanges(f: ChainFile): FoldingRange[] {
  const file = f.source;
  const out: FoldingRange[] = [];
  const seen = new Set<number>();
  const add = (span: Span, kind?: FoldingRangeKind) => {
    const start = lineIndexOf(file, span.start);
    const end = lineIndexOf(file, Math.max(span.start, span.end - 1));
    // The closing `}` stays visible: the fold ends on the line before it.
    const last = /\}\s*$/.test(file.text.slice(span.start, span.end)) && end > start ? end - 1 : end;
    if (last > start && !seen.has(start)) {
      seen.add(start);
      out.push({ startLine: start, endLine: last, ...(kind ? { kind } : {}) });
    }
  };
  const visit = (node: { kind: string; span?: Span }) => {
    if (node.span && node.kind !== "SpecFile") add(node.span);
    forEachChild(node, visit);
  };
  visit(f.parsed.ast);
  foldComments(file, f.parsed.ast.comments, (span) => add(span, FoldingRangeKind.Comment));
  return out.sort((a, b) => a.startLine - b.startLine);
}

/** Block comments, and runs of line comments on consecutive lines. */
function foldComments(file: SourceFile, comments: readonly A.Comment[], add: (span: Span) => void): void {
  let run: Span | null = null;
  let runLine = -2;
  for (const c of comments) {
    if (c.block) add(c.span);
    const line = lineIndexOf(file, c.span.start);
    if (!c.block && run && line === runLine + 1) run = { start: run.start, end: c.span.end };
    else {
      if (run) add(run);
      run = c.block ? null : c.span;
    }
    runLine = line;
  }
  if (run) add(run);
}
