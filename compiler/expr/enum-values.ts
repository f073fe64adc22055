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

/** `e` as a value of the enum `to` when it is a text literal (its label checked); otherwise `e` unchanged. */
export function asEnumValue(e: IrExpr, to: Type, cx: EnumContext): IrExpr {
  if (to.kind !== "enum" || e.kind !== "literal" || typeof e.value !== "string" || e.type.kind !== "scalar") return e;
  const labels = enumLabels(cx.types, to.name);
  if (labels && !labels.includes(e.value)) reportUnknownLabel(cx, to.name, e.value, e.span);
  return { ...e, type: { kind: "enum", name: to.name, nullable: false } };
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
