import type * as A from "../ast.js";
import { typeToString } from "../literals.js";
import { bodyLines, braced, childIndent, row, type Stmt } from "./body.js";
import { configBody } from "./config.js";
import { layoutAssigned, type ExprPrinter } from "./expr-layout.js";
import { flat, PREC } from "./expr-flat.js";
import { text, type Line } from "./layout.js";
import { findChar } from "./source.js";
import { sequenceItemText, tableActionStmt, tableElementStmt } from "./table.js";
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
    case "CreateTable": {
      const inner = childIndent(indent);
      const body = bodyLines(p.src, item.elements.map((e) => tableElementStmt(p, e, inner)), inner, "keep");
      return nested(p, `create table ${identText(item.name)}`, item.name.span.end, item.span, body, indent);
    }
    case "AlterTable": {
      const inner = childIndent(indent);
      const body = bodyLines(p.src, item.actions.map((a) => tableActionStmt(p, a, inner)), inner, "keep");
      return nested(p, `table ${identText(item.name)}`, item.name.span.end, item.span, body, indent);
    }
    case "DropTable": {
      const why = item.inverse ? ` irreversible ${stringText(item.inverse.reason.value)}` : "";
      return row(null, item.span, indent, [`drop table ${identText(item.name)}${why}`]);
    }
    case "RenameTable":
      return row(null, item.span, indent, [`rename table ${identText(item.from)} -> ${identText(item.to)}`]);
    case "CreateSequence":
    case "AlterSequence": {
      const head = `${item.kind === "CreateSequence" ? "create" : "alter"} sequence ${identText(item.name)}`;
      return row(null, item.span, indent, [[head, ...item.options.map(sequenceItemText)].join(" ")]);
    }
    case "DropSequence": {
      const why = item.inverse ? ` irreversible ${stringText(item.inverse.reason.value)}` : "";
      return row(null, item.span, indent, [`drop sequence ${identText(item.name)}${why}`]);
    }
    case "RenameSequence":
      return row(null, item.span, indent, [`rename sequence ${identText(item.from)} -> ${identText(item.to)}`]);
    case "CreateEnum":
      return row(null, item.span, indent, [`create type ${identText(item.name)} as enum (${item.labels.map((l) => stringText(l.value)).join(", ")})`]);
    case "AlterEnum":
      return row(null, item.span, indent, [`alter type ${identText(item.name)} ${enumActionText(item.action)}`]);
    case "CreateDomain": {
      const clauses = [...(item.notNull ? ["not null"] : []), ...(item.default ? [`default ${flat(item.default)}`] : []), ...item.checks.map((c) => `${c.name ? `constraint ${identText(c.name)} ` : ""}check (${flat(c.expr)})`)];
      return row(null, item.span, indent, [[`create domain ${identText(item.name)} as ${typeToString(item.type)}`, ...clauses].join(" ")]);
    }
    case "DropNamedType": {
      const why = item.inverse ? ` irreversible ${stringText(item.inverse.reason.value)}` : "";
      return row(null, item.span, indent, [`drop ${item.what} ${identText(item.name)}${why}`]);
    }
    case "RawSql":
      return row(null, item.span, indent, [`sql ${stringText(item.up.value)}${rawSqlInverse(item.inverse)}`]);
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
