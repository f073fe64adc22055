import type { Span } from "../../grammar/ast.js";
import { diag, type Diagnostic } from "../../core/diagnostics/diagnostic.js";
import { didYouMean } from "../../core/diagnostics/suggest.js";
import type { SourceFile } from "../../core/source-file.js";
import { showType, type Type } from "../../core/types.js";
import type { IrExpr } from "../ir/expr.js";
import type { NamedTypeState } from "../model/named-type.js";

/**
 * Values of enum types in expressions. A text literal where an enum value goes (compared with an
 * enum column, in its `in` list, as its default, mapped into it) is one of the enum's labels, as
 * PostgreSQL reads `'paid'` there: checked against the labels now, typed as the enum. Any other
 * text is not an enum value (PostgreSQL has no implicit cast): convert the enum with `to_text`.
 */

/** Where the enum values are checked: the chain's types, and where to report. */
export interface EnumContext {
  readonly types: ReadonlyMap<string, NamedTypeState>;
  readonly file: SourceFile;
  readonly diags: Diagnostic[];
}

/** The labels of the enum `name`, or undefined when the chain has no such enum. */
export function enumLabels(types: ReadonlyMap<string, NamedTypeState>, name: string): readonly string[] | undefined {
  const t = types.get(name);
  return t?.kind === "enum" ? t.labels : undefined;
}

/** K2050: `label` is not a label of enum `type`, with the nearest label. */
export function reportUnknownLabel(cx: EnumContext, type: string, label: string, span: Span): void {
  const labels = enumLabels(cx.types, type) ?? [];
  const help = didYouMean(label, labels) ?? `the labels of ${type}: ${labels.map((l) => `'${l}'`).join(", ") || "(none)"}`;
  cx.diags.push(diag("K2050", cx.file, span, `'${label}' is not a label of the enum type \`${type}\``, { help, label: "not a label" }));
}

/**
 * `e` as a value of the enum `to` when it is a text literal (its label checked), or a `when` whose
 * every branch is one (or null, or such a `when`), as PostgreSQL reads `CASE … THEN 'high' ELSE
 * 'low' END` going into an enum column; otherwise `e` unchanged.
 */
export function asEnumValue(e: IrExpr, to: Type, cx: EnumContext): IrExpr {
  if (to.kind !== "enum" || !labelsOnly(e)) return e;
  if (e.kind === "case") {
    const branches = e.branches.map((b) => ({ ...b, then: asEnumValue(b.then, to, cx) }));
    return { ...e, branches, otherwise: asEnumValue(e.otherwise, to, cx), type: { kind: "enum", name: to.name, nullable: e.type.kind === "null" || (e.type.kind !== "error" && e.type.nullable) } };
  }
  if (e.kind !== "literal" || typeof e.value !== "string") return e;
  const labels = enumLabels(cx.types, to.name);
  if (labels && !labels.includes(e.value)) reportUnknownLabel(cx, to.name, e.value, e.span);
  return { ...e, type: { kind: "enum", name: to.name, nullable: false } };
}

/** A text literal, `null`, or a `when` of those in every branch (at least one of them text). */
function labelsOnly(e: IrExpr): boolean {
  const text = (x: IrExpr): boolean => x.kind === "literal" && typeof x.value === "string" && x.type.kind === "scalar";
  if (text(e)) return true;
  if (e.kind !== "case" || e.type.kind !== "scalar") return false;
  const values = [...e.branches.map((b) => b.then), e.otherwise];
  return values.every((v) => labelsOnly(v) || (v.kind === "literal" && v.value === null)) && values.some((v) => v.kind !== "literal" || v.value !== null);
}

/** Two operands that meet (compared, coalesced, branches): a text literal beside an enum value becomes that enum's. */
export function meetEnum(a: IrExpr, b: IrExpr, cx: EnumContext): [IrExpr, IrExpr] {
  if (a.type.kind === "enum") return [a, asEnumValue(b, a.type, cx)];
  if (b.type.kind === "enum") return [asEnumValue(a, b.type, cx), b];
  return [a, b];
}

/** Why two enum-related types do not meet, for K3050; null when neither is an enum. */
export function enumMismatch(a: Type, b: Type): string | null {
  const e = a.kind === "enum" ? a : b.kind === "enum" ? b : null;
  if (!e) return null;
  const other = e === a ? b : a;
  return `a value of the enum type \`${e.name}\` meets ${showType(other)}`;
}
