import type * as A from "../../grammar/ast.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import { KNOWN_TYPE_NAMES } from "../../grammar/type-names.js";
import { addSqlStep, report, REVERSIBLE, type MigrationContext } from "../migration/context.js";
import type { EnumState, NamedTypeState } from "../model/named-type.js";
import { namedTypeUsers, putNamedType, putTable, getColumn, type SchemaState } from "../model/schema.js";
import { ident, literal } from "../sql/quote.js";
import { reportUnknownLabel } from "../expr/enum-values.js";
import { createEnumSql, removeLabelSql } from "./enum-label-removal.js";

/**
 * Enum types: `create type t as enum (…)`, `alter type t add value 'x' [before|after 'y']` and
 * `alter type t rename value 'a' -> 'b'`. Rollback is exact: a new type is dropped, a renamed label
 * renamed back; a label cannot be dropped in PostgreSQL, so rollback of `add value` recreates the
 * type without it (refusing, and naming the rows, while rows hold it).
 */
export function compileCreateEnum(cx: MigrationContext, item: A.CreateEnum): void {
  if (!typeNameFree(cx, item.name)) return;
  if (!labelsValid(cx, item.labels)) return;
  const labels = item.labels.map((l) => l.value);
  addSqlStep(cx, item.span, {
    change: { op: "create-type", name: item.name.name, labels },
    summary: `create type ${item.name.name} as enum (${labels.map((l) => `'${l}'`).join(", ")})`,
    table: null,
    up: [createEnumSql(item.name.name, labels)],
    down: [`DROP TYPE ${ident(item.name.name)}`],
    reversibility: REVERSIBLE("a new type: rollback drops it"),
  });
  cx.schema = putNamedType(cx.schema, { kind: "enum", name: item.name.name, labels });
}

export function compileAlterEnum(cx: MigrationContext, item: A.AlterEnum): void {
  const e = existingType(cx, item.name, "enum");
  if (!e || e.kind !== "enum") return;
  if (item.action.kind === "AddEnumValue") addValue(cx, e, item.action, item.span);
  else renameValue(cx, e, item.action, item.span);
}

function addValue(cx: MigrationContext, e: EnumState, a: A.AddEnumValue, span: A.Span): void {
  const label = a.label.value;
  if (!labelsValid(cx, [a.label])) return;
  if (e.labels.includes(label)) {
    report(cx, "K2053", a.label.span, `the enum type \`${e.name}\` already has the label '${label}'`, { help: "add a label it does not have" });
    return;
  }
  const anchor = a.position;
  if (anchor && !e.labels.includes(anchor.label.value)) {
    reportUnknownLabel(enumCx(cx), e.name, anchor.label.value, anchor.label.span);
    return;
  }
  const at = anchor ? e.labels.indexOf(anchor.label.value) + (anchor.where === "after" ? 1 : 0) : e.labels.length;
  const labels = [...e.labels.slice(0, at), label, ...e.labels.slice(at)];
  const where = anchor ? ` ${anchor.where.toUpperCase()} ${literal(anchor.label.value)}` : "";
  addSqlStep(cx, span, {
    change: { op: "add-enum-value", type: e.name, label, before: anchor?.where === "before" ? anchor.label.value : null, after: anchor?.where === "after" ? anchor.label.value : null },
    summary: `add label '${label}' to ${e.name}${anchor ? ` ${anchor.where} '${anchor.label.value}'` : ""}`,
    table: null,
    // Each step commits before the next, so later steps may use the new label (PostgreSQL refuses it in the transaction that added it).
    up: [`ALTER TYPE ${ident(e.name)} ADD VALUE IF NOT EXISTS ${literal(label)}${where}`],
    down: removeLabelSql(cx.schema, e, label),
    reversibility: REVERSIBLE(`PostgreSQL cannot drop a label: rollback recreates ${e.name} without '${label}', and refuses while rows hold it`),
  });
  cx.schema = putNamedType(cx.schema, { ...e, labels });
}

function renameValue(cx: MigrationContext, e: EnumState, a: A.RenameEnumValue, span: A.Span): void {
  const from = a.from.value;
  const to = a.to.value;
  if (!e.labels.includes(from)) {
    reportUnknownLabel(enumCx(cx), e.name, from, a.from.span);
    return;
  }
  if (!labelsValid(cx, [a.to])) return;
  if (e.labels.includes(to)) {
    report(cx, "K2053", a.to.span, `the enum type \`${e.name}\` already has the label '${to}'`, { help: "rename it to a label the type does not have" });
    return;
  }
  const rename = (x: string, y: string) => `ALTER TYPE ${ident(e.name)} RENAME VALUE ${literal(x)} TO ${literal(y)}`;
  addSqlStep(cx, span, {
    change: { op: "rename-enum-value", type: e.name, from, to },
    summary: `rename label '${from}' of ${e.name} to '${to}'`,
    table: null,
    up: [rename(from, to)],
    down: [rename(to, from)],
    reversibility: REVERSIBLE("a rename is undone by renaming back; rows keep their value"),
  });
  cx.schema = renameLabelInDefaults(putNamedType(cx.schema, { ...e, labels: e.labels.map((l) => (l === from ? to : l)) }), e.name, from, to);
}

/**
 * PostgreSQL keeps a default's label by the label's identity, so a renamed label renames the
 * defaults that name it: the model follows (`'a'::t` becomes `'b'::t`).
 */
function renameLabelInDefaults(s: SchemaState, type: string, from: string, to: string): SchemaState {
  let out = s;
  for (const use of namedTypeUsers(s, type)) {
    const t = out.tables.get(use.table);
    const col = t && getColumn(t, use.column);
    const d = col?.default;
    if (!t || !col || !d || d.ir.kind !== "literal" || d.ir.value !== from) continue;
    const sql = d.sql.replace(literal(from), literal(to));
    out = putTable(out, { ...t, columns: t.columns.map((c) => (c === col ? { ...col, default: { ...d, sql, ir: { ...d.ir, value: to } } } : c)) });
  }
  return out;
}

/** K2051 unless no type (declared, or built in) has the name. */
export function typeNameFree(cx: MigrationContext, name: A.Ident): boolean {
  const taken = cx.schema.types.get(name.name);
  if (taken) report(cx, "K2051", name.span, `a type named \`${name.name}\` already exists (${taken.kind === "enum" ? "an enum type" : "a domain"})`, { help: "choose another name, or drop the other type first" });
  else if (KNOWN_TYPE_NAMES.includes(name.name.toLowerCase())) report(cx, "K2051", name.span, `\`${name.name}\` is the name of a built-in type`, { help: "choose another name" });
  return !taken && !KNOWN_TYPE_NAMES.includes(name.name.toLowerCase());
}

/** The type `name` names, of the kind wanted; reported (K2052) with the nearest name when there is none. */
export function existingType(cx: MigrationContext, name: A.Ident, kind: NamedTypeState["kind"] | null): NamedTypeState | undefined {
  const t = cx.schema.types.get(name.name);
  if (t && (kind === null || t.kind === kind)) return t;
  const of = [...cx.schema.types.values()].filter((x) => kind === null || x.kind === kind).map((x) => x.name);
  const what = kind === "enum" ? "enum type" : kind === "domain" ? "domain" : "type";
  const help = t ? `\`${name.name}\` is ${t.kind === "enum" ? "an enum type" : "a domain"}: write \`drop ${t.kind === "enum" ? "type" : "domain"} ${name.name}\`` : (didYouMean(name.name, of) ?? (of.length > 0 ? `the ${what}s declared: ${of.join(", ")}` : `declare it first: \`create ${kind === "domain" ? "domain" : "type"} ${name.name} as …\``));
  report(cx, "K2052", name.span, `${what} \`${name.name}\` does not exist`, { help, label: `no such ${what}` });
  return undefined;
}

/** PostgreSQL's rules for labels: unique, 1 to 63 bytes. */
function labelsValid(cx: MigrationContext, labels: readonly A.StringLit[]): boolean {
  const seen = new Set<string>();
  let ok = true;
  for (const l of labels) {
    const bytes = Buffer.byteLength(l.value, "utf8");
    if (bytes === 0 || bytes > 63) {
      report(cx, "K2053", l.span, `an enum label has 1 to 63 bytes; '${l.value.slice(0, 20)}' has ${bytes}`, { help: bytes === 0 ? "give the label a name" : "shorten the label" });
      ok = false;
    } else if (seen.has(l.value)) {
      report(cx, "K2053", l.span, `the label '${l.value}' is listed twice`, { help: "list each label once" });
      ok = false;
    }
    seen.add(l.value);
  }
  return ok;
}

/** Where enum labels are checked and reported, from a migration's context. */
export function enumCx(cx: MigrationContext): { types: MigrationContext["schema"]["types"]; file: MigrationContext["file"]; diags: MigrationContext["diags"] } {
  return { types: cx.schema.types, file: cx.file, diags: cx.diags };
}
