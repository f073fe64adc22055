import { nameAt, nameBefore, type ChainSymbol, type ChainSymbols, type Naming, type Occurrence } from "../../compiler/symbols/chain-symbols.js";
import type { CompiledUnit } from "../../compiler/migration/compile-unit.js";
import { getColumn } from "../../compiler/model/schema.js";
import { positionOf } from "../../core/source-file.js";
import { showType, type Type } from "../../core/types.js";
import type * as A from "../../grammar/ast.js";
import { BUILTINS } from "../../stdlib/index.js";
import type { ChainAnalysis } from "../analysis.js";
import { builtinHover } from "./hover-builtins.js";
import { typeHover } from "./hover-types.js";

/** Markdown for the thing a name stands for. */
export function nameHover(a: ChainAnalysis, cs: ChainSymbols, o: Occurrence): string | null {
  const s = cs.symbols[o.symbol];
  const unit = unitAt(a, o.unit);
  switch (s.kind) {
    case "column":
      return columnHover(cs, s, o, unit, a.files[o.unit] ? a.schemaBefore(a.files[o.unit]) : null);
    case "table":
      return tableHover(s, o, unit);
    case "map":
      return mapHover(a, s, unit);
    case "def":
      return defHover(a, s);
    case "param":
      return `**parameter** \`${s.name}\`\n\n${where(s.namings[0])}`;
    case "type":
      return s.namings.length > 0 ? declaredTypeHover(cs, s, o) : typeHover(s.name);
    case "builtin": {
      const b = BUILTINS.get(s.name);
      return b ? builtinHover(b) : null;
    }
  }
}

function unitAt(a: ChainAnalysis, index: number): CompiledUnit | undefined {
  const f = a.files[index];
  return f ? a.unitOf(f) : undefined;
}

/** A column: its type as the migration found it and as it leaves it, and its history in the chain. */
function columnHover(cs: ChainSymbols, s: ChainSymbol, o: Occurrence, unit: CompiledUnit | undefined, schemaBefore: CompiledUnit["before"] | null): string {
  const table = s.table === null ? null : cs.symbols[s.table];
  const tableNow = table ? (nameAt(table, o.unit) ?? table.name) : "?";
  const name = s.namings[o.naming]?.name ?? s.name;
  const lines = [`**column** \`${tableNow}.${name}\``];
  if (unit && table) {
    const before = typeIn(unit.before, nameBefore(table, o.unit), nameBefore(s, o.unit));
    const after = s.dropped?.unit === o.unit ? null : typeIn(unit.after, nameAt(table, o.unit), nameAt(s, o.unit));
    lines.push("", ...typeLines(before, after, unit.unit.kind === "Baseline"));
  } else {
    // The checker stopped before the end of this file (syntax errors): the type the chain gave the
    // column before this file, else the type as declared.
    const before = table && schemaBefore ? typeIn(schemaBefore, nameBefore(table, o.unit), nameBefore(s, o.unit)) : null;
    lines.push("", before ? `type before this migration: \`${showType(before)}\`` : s.declaredType ? `type: \`${s.declaredType}\` (as declared)` : "type: not known here");
    lines.push("", "(this file is not type-checked yet: fix its syntax errors first)");
  }
  lines.push("", history(s));
  return lines.join("\n");
}

function typeIn(schema: CompiledUnit["before"], table: string | null, column: string | null): Type | null {
  if (table === null || column === null) return null;
  const t = schema.tables.get(table);
  const c = t ? getColumn(t, column) : undefined;
  return c ? c.type : null;
}

function typeLines(before: Type | null, after: Type | null, baseline: boolean): string[] {
  if (before && after && showType(before) === showType(after)) return [`type: \`${showType(after)}\``];
  if (!before && after) return [`type: \`${showType(after)}\`${baseline ? "" : " (new in this migration)"}`];
  if (before && !after) return [`type before: \`${showType(before)}\` (dropped by this migration)`];
  if (before && after) return [`type before: \`${showType(before)}\``, "", `type after: \`${showType(after)}\``];
  return [];
}

function tableHover(s: ChainSymbol, o: Occurrence, unit: CompiledUnit | undefined): string {
  const name = nameAt(s, o.unit) ?? s.name;
  const t = unit?.after.tables.get(name) ?? unit?.before.tables.get(nameBefore(s, o.unit) ?? name);
  const cols = t ? t.columns.map((c) => `${c.name} ${showType(c.type)}`).join("\n") : null;
  return [`**table** \`${name}\``, ...(cols ? ["", "```kmig", cols, "```"] : []), "", history(s)].join("\n");
}

/** A type the chain declares (an enum type or a domain): its labels where it has them, and its history. */
function declaredTypeHover(cs: ChainSymbols, s: ChainSymbol, o: Occurrence): string {
  const scope = [...cs.files.values()].find((f) => f.unit === o.unit)?.scope;
  const name = nameAt(s, o.unit) ?? s.name;
  const labels = scope?.enumLabels.get(name);
  return [`**type** \`${name}\`${labels ? " — enum" : ""}`, ...(labels ? ["", labels.map((l) => `'${l}'`).join(", ")] : []), "", history(s)].join("\n");
}

/** Where the thing got each of its names, and where it was dropped. */
function history(s: ChainSymbol): string {
  const steps = s.namings.map((n) => `${n.role === "renamed" ? `renamed to \`${n.name}\`` : n.role} ${where(n)}`);
  if (s.dropped) steps.push(`dropped at ${s.dropped.file.path}:${positionOf(s.dropped.file, s.dropped.span.start).line}`);
  return steps.join(" · ");
}

function where(n: Naming): string {
  return `at ${n.file.path}:${positionOf(n.file, n.span.start).line}`;
}

/** A map: its signature as checked and its entries as written. */
function mapHover(a: ChainAnalysis, s: ChainSymbol, unit: CompiledUnit | undefined): string {
  const decl = s.namings[0];
  const ast = declaration<A.ValueMap>(a, decl, "ValueMap");
  const info = unit?.maps.get(s.name);
  const sig = info ? `${showType(info.inputType)} -> ${showType(info.outputType)}` : ast?.inputType ? "(as declared)" : "(types inferred from its entries)";
  const body = ast ? decl.file.text.slice(ast.span.start, ast.span.end) : null;
  const lines = [`**map** \`${s.name}\`: \`${sig}\`${ast?.closed ? " — closed: only the listed inputs" : ""}`];
  if (body) lines.push("", "```kmig", clip(body), "```");
  return lines.join("\n");
}

function defHover(a: ChainAnalysis, s: ChainSymbol): string {
  const decl = s.namings[0];
  const ast = declaration<A.FunctionDef>(a, decl, "FunctionDef");
  const text = ast ? decl.file.text.slice(ast.span.start, ast.span.end) : `def ${s.name}(…)`;
  return [`**def** \`${s.name}\` — expanded where it is called`, "", "```kmig", clip(text), "```", "", where(decl)].join("\n");
}

/** The declaration (a map or def) named at `n`. */
function declaration<T extends A.ValueMap | A.FunctionDef>(a: ChainAnalysis, n: Naming, kind: T["kind"]): T | undefined {
  const f = a.files.find((x) => x.source === n.file);
  const items = f?.parsed.ast.units[0]?.items ?? [];
  return items.find((i) => i.kind === kind && i.name.span.start === n.span.start) as T | undefined;
}

/** At most 20 lines of a declaration. */
function clip(text: string): string {
  const lines = text.split(/\r?\n/);
  return lines.length <= 20 ? text : [...lines.slice(0, 20), `… (${lines.length - 20} more lines)`].join("\n");
}
