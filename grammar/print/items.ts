import type * as A from "../ast.js";
import { typeToString } from "../literals.js";
import { bodyLines, braced, childIndent, row, type Stmt } from "./body.js";
import { configBody } from "./config.js";
import { layoutAssigned, type ExprPrinter } from "./expr-layout.js";
import { flat, PREC } from "./expr-flat.js";
import { below, join, reaching, starting, text, type Block, type Line } from "./layout.js";
import { findChar } from "./source.js";
import { allowText, indexDef, sequenceItemText, tableActionStmt, tableElementStmt } from "./table.js";
import { identText, mapValueText, singleLineStringText, stringText } from "./words.js";

/** The lines of one migration or baseline: header, its items one blank line apart, `}`. */
export function unitLines(p: ExprPrinter, u: A.Unit): Line[] {
  const header =
    u.kind === "Migration"
      ? `migration ${identText(u.id)} from ${singleLineStringText(u.from.value)} to ${singleLineStringText(u.to.value)}`
      : `baseline ${identText(u.id)} version ${singleLineStringText(u.version.value)}`;
  const open = findChar(p.src, u.kind === "Migration" ? u.to.span.end : u.version.span.end, "{");
  const inner = childIndent(0);
  const items = bodyLines(p.src, u.items.map((i) => itemStmt(p, i, inner)), inner, "always");
  return [...braced(p.src, text(header), open, u.span, items, 0).lines];
}

function itemStmt(p: ExprPrinter, item: A.MigrationItem, indent: number): Stmt {
  switch (item.kind) {
    case "Describe":
      return row(null, item.span, indent, [`describe ${stringText(item.text.value)}`]);
    case "Allow":
      return { ...row(null, item.span, indent, [allowText(item)]), glued: true };
    case "CreateTable":
    case "AlterTable":
      return { kind: "lines", block: tableBlock(p, item.kind === "CreateTable" ? (item.distribution?.kind === "ReferenceTable" ? "create reference table" : "create table") : "table", item, indent), span: item.span };
    case "DropTable":
      return row(null, item.span, indent, [dropText("drop", "table", item.name, item.inverse)]);
    case "RenameTable":
      return row(null, item.span, indent, [`rename table ${identText(item.from)} -> ${identText(item.to)}`]);
    case "CreateSequence":
    case "AlterSequence":
      return row(null, item.span, indent, [sequenceText(item.kind === "CreateSequence" ? "create" : "alter", item)]);
    case "DropSequence":
      return row(null, item.span, indent, [dropText("drop", "sequence", item.name, item.inverse)]);
    case "RenameSequence":
      return row(null, item.span, indent, [`rename sequence ${identText(item.from)} -> ${identText(item.to)}`]);
    case "CreateEnum":
      return row(null, item.span, indent, [enumText("create", item)]);
    case "AlterEnum":
      return row(null, item.span, indent, [`alter type ${identText(item.name)} ${enumActionText(item.action)}`]);
    case "CreateDomain":
      return row(null, item.span, indent, [domainText("create", item)]);
    case "DropNamedType":
      return row(null, item.span, indent, [dropText("drop", item.what, item.name, item.inverse)]);
    case "RawSql":
      return rawSqlStmt(p, item, indent);
    case "ExternalObject":
      return row(null, item.span, indent, [externalText(item)]);
    case "ValueMap": {
      const types = item.inputType && item.outputType ? `: ${typeToString(item.inputType)} -> ${typeToString(item.outputType)}` : "";
      const inner = childIndent(indent);
      const body = bodyLines(p.src, item.items.map((i) => mapItemStmt(i, inner)), inner, "keep");
      return nested(p, `map ${identText(item.name)}${types}${item.closed ? " closed" : ""}`, item.name.span.end, item.span, body, indent);
    }
    case "FunctionDef": {
      const params = item.params.map((x) => `${identText(x.name)}${x.type ? `: ${typeToString(x.type)}` : ""}`).join(", ");
      return row(null, item.span, indent, [`def ${identText(item.name)}(${params})`, (at) => layoutAssigned(p, ":=", item.body, at)]);
    }
    case "ConfigMigration": {
      const target = item.target ? ` -> ${stringText(item.target.value)}` : "";
      const header = `config ${stringText(item.source.value)}${target}${item.patch ? " patch" : ""}`;
      return nested(p, header, (item.target ?? item.source).span.end, item.span, configBody(p, item.items, indent), indent);
    }
  }
}

/** `create table t {` / `table t {` (or a `sql` item's `creates table t {`, `alters table t {`) … `}`. */
function tableBlock(p: ExprPrinter, header: string, t: A.CreateTable | A.AlterTable, indent: number): Block {
  const inner = childIndent(indent);
  const stmts = t.kind === "CreateTable" ? t.elements.map((e) => tableElementStmt(p, e, inner)) : t.actions.map((a) => tableActionStmt(p, a, inner));
  const d = t.kind === "CreateTable" ? t.distribution : undefined;
  const spread = d?.kind === "DistributedBy" ? ` distributed by (${identText(d.column)})${d.colocateWith ? ` colocate with ${identText(d.colocateWith)}` : ""}` : "";
  return braced(p.src, text(`${header} ${identText(t.name)}${spread}`), findChar(p.src, d?.kind === "DistributedBy" ? d.span.end : t.name.span.end, "{"), t.span, bodyLines(p.src, stmts, inner, "keep"), indent);
}

/**
 * A `sql` item with what it declares and its inverse: on one line without declarations; else each
 * declaration, then the inverse, on lines of their own one level deeper.
 */
function rawSqlStmt(p: ExprPrinter, item: A.RawSql, indent: number): Stmt {
  const head = `sql ${stringText(item.up.value)}`;
  if (!item.declares || item.declares.length === 0) return row(null, item.span, indent, [`${head}${rawSqlInverse(item.inverse)}`]);
  const inner = childIndent(indent);
  let block = text(head, item.up.span.end);
  for (const d of item.declares) block = below(block, starting(declarationBlock(p, d, inner), d.span.start), inner);
  if (item.inverse) block = below(block, starting(text(rawSqlInverse(item.inverse).trimStart(), item.inverse.span.end), item.inverse.span.start), inner);
  return { kind: "lines", block, span: item.span };
}

/** One declaration of a `sql` item, at `indent`. */
function declarationBlock(p: ExprPrinter, d: A.SqlDeclaration, indent: number): Block {
  const line = (s: string) => text(s, d.span.end);
  switch (d.kind) {
    case "CreateTable":
      return tableBlock(p, "creates table", d, indent);
    case "AlterTable":
      return tableBlock(p, "alters table", d, indent);
    case "CreatesIndex":
      return reaching(join("creates ", indexDef(p, d.index, { indent, col: indent + 8, reserve: 0 }, d.table)), d.span.end);
    case "CreateEnum":
      return line(enumText("creates", d));
    case "CreateDomain":
      return line(domainText("creates", d));
    case "CreateSequence":
      return line(sequenceText("creates", d));
    case "DropTable":
      return line(dropText("drops", "table", d.name, null));
    case "DropSequence":
      return line(dropText("drops", "sequence", d.name, null));
    case "DropNamedType":
      return line(dropText("drops", d.what, d.name, null));
    case "DropsIndex":
      return line(dropText("drops", "index", d.name, null));
  }
}

function enumText(verb: string, item: A.CreateEnum): string {
  return `${verb} type ${identText(item.name)} as enum (${item.labels.map((l) => stringText(l.value)).join(", ")})`;
}

function domainText(verb: string, item: A.CreateDomain): string {
  const clauses = [...(item.notNull ? ["not null"] : []), ...(item.default ? [`default ${flat(item.default)}`] : []), ...item.checks.map((c) => `${c.name ? `constraint ${identText(c.name)} ` : ""}check (${flat(c.expr)})`)];
  return [`${verb} domain ${identText(item.name)} as ${typeToString(item.type)}`, ...clauses].join(" ");
}

function sequenceText(verb: string, item: A.CreateSequence | A.AlterSequence): string {
  return [`${verb} sequence ${identText(item.name)}`, ...item.options.map(sequenceItemText)].join(" ");
}

/** `drop table t [irreversible '…']`, `drops index i`, … */
function dropText(verb: string, what: string, name: A.Ident, inverse: A.IrreversibleClause | null): string {
  return `${verb} ${what} ${identText(name)}${inverse ? ` irreversible ${stringText(inverse.reason.value)}` : ""}`;
}

/** A statement that holds a block: `header {` … `}`. `from` is where to look for the `{`. */
function nested(p: ExprPrinter, header: string, from: number, span: A.Span, body: readonly Line[], indent: number): Stmt {
  return { kind: "lines", block: braced(p.src, text(header), findChar(p.src, from, "{"), span, body, indent), span };
}

/** `add value 'x' after 'y'`, `rename value 'a' -> 'b'`. */
function enumActionText(a: A.AlterEnum["action"]): string {
  if (a.kind === "RenameEnumValue") return `rename value ${stringText(a.from.value)} -> ${stringText(a.to.value)}`;
  const at = a.position ? ` ${a.position.where} ${stringText(a.position.label.value)}` : "";
  return `add value ${stringText(a.label.value)}${at}`;
}

/** `external view v reads t (a, b)`: one line, clauses in a fixed order. */
export function externalText(x: A.ExternalObject): string {
  const parts = [`external ${x.objectKind.name} ${identText(x.name)}${x.args ? `(${x.args.value})` : ""}`];
  if (x.on) parts.push(`on ${identText(x.on)}`);
  if (x.partitionOf) parts.push(`partition of ${identText(x.partitionOf)}`);
  if (x.reads.length > 0) parts.push(`reads ${x.reads.map((r) => `${identText(r.table)} (${r.columns.map(identText).join(", ")})`).join(", ")}`);
  return parts.join(" ");
}

function rawSqlInverse(inv: A.RawSql["inverse"]): string {
  if (!inv) return "";
  return inv.kind === "RawSqlReverse" ? ` reverse ${stringText(inv.sql.value)}` : ` irreversible ${stringText(inv.reason.value)}`;
}

/** Map entries, `else` and `reverse` rows line up on `->`. */
function mapItemStmt(i: A.MapItem, indent: number): Stmt {
  switch (i.kind) {
    case "MapEntry":
      return row("map", i.span, indent, [i.inputs.map(mapValueText).join(", "), `-> ${mapValueText(i.output)}`]);
    case "MapFallback":
      return row("map", i.span, indent, ["else", `-> ${mapValueText(i.output)}`]);
    case "MapReverseChoice":
      return row("map", i.span, indent, [`reverse ${mapValueText(i.output)}`, `-> ${mapValueText(i.input)}`]);
    case "MapKeepOriginal":
      return row(null, i.span, indent, [`keep original in ${flat(i.path, PREC.postfix, false)}`]);
  }
}
