import type * as A from "../../grammar/ast.js";
import type { MapInfo } from "../expr/scope.js";
import { unify } from "../expr/types-unify.js";
import { NULL_TYPE, scalar, showType, withNullable, type Type } from "../../core/types.js";
import { typeOf } from "./named-type-ref.js";
import { report, type MigrationContext } from "../migration/context.js";
import { enumLabels, reportUnknownLabel } from "../expr/enum-values.js";
import { enumCx } from "./enum-types.js";

/** The type of a map literal: bare words and strings are text. */
export function literalType(v: A.Literal): Type {
  switch (v.kind) {
    case "StringLit":
      return scalar("text");
    case "BoolLit":
      return scalar("boolean");
    case "NullLit":
      return NULL_TYPE;
    case "NumberLit":
      return /^-?\d+$/.test(v.text) ? scalar("integer") : scalar("numeric");
  }
}

/** A literal's identity for duplicate detection: kind and value. */
export function literalKey(v: A.Literal): string {
  switch (v.kind) {
    case "StringLit":
      return `s:${v.value}`;
    case "BoolLit":
      return `b:${v.value}`;
    case "NullLit":
      return "null";
    case "NumberLit":
      return `n:${Number(v.text)}`;
  }
}

export function literalText(v: A.Literal): string {
  return v.kind === "StringLit" ? `'${v.value}'` : v.kind === "NullLit" ? "null" : v.kind === "BoolLit" ? String(v.value) : v.text;
}

/** Checks a `map` declaration and registers it; entries are checked for conflicts and types. */
export function compileValueMap(cx: MigrationContext, m: A.ValueMap): void {
  const name = m.name.name;
  if (cx.maps.has(name) || cx.defs.has(name)) {
    report(cx, "K2010", m.name.span, `\`${name}\` is already defined in this migration`, { help: "give the map another name" });
    return;
  }
  const entries = m.items.filter((i): i is A.MapEntry => i.kind === "MapEntry");
  const inputType = m.inputType ? typeOf(cx, m.inputType) : inferType(entries.flatMap((e) => e.inputs));
  const fallbacks = m.items.filter((i): i is A.MapFallback => i.kind === "MapFallback");
  const outputs = [...entries.map((e) => e.output), ...fallbacks.map((f) => f.output)];
  // A map gives NULL only where an entry says so: its output type is nullable exactly then.
  const outputType = withNullable(m.outputType ? typeOf(cx, m.outputType) : inferType(outputs), outputs.some((o) => o.kind === "NullLit"));
  const seen = new Map<string, A.Literal>();
  for (const e of entries) {
    for (const input of e.inputs) {
      checkLiteral(cx, input, inputType, `an input of map \`${name}\``);
      const key = literalKey(input);
      const prev = seen.get(key);
      const prevEntry = prev && entries.find((x) => x.inputs.includes(prev));
      if (prev && prevEntry && literalKey(prevEntry.output) !== literalKey(e.output)) {
        report(cx, "K4002", input.span, `${literalText(input)} is mapped twice, to ${literalText(prevEntry.output)} and to ${literalText(e.output)}`, { help: "keep one entry for each input", secondary: [{ file: cx.file, span: prev.span, label: "first mapped here" }] });
      } else if (prev) {
        report(cx, "K4003", input.span, `${literalText(input)} is listed twice`, { help: "remove the repeated entry", secondary: [{ file: cx.file, span: prev.span, label: "first listed here" }] });
      } else seen.set(key, input);
    }
    checkLiteral(cx, e.output, outputType, `an output of map \`${name}\``);
  }
  if (fallbacks.length > 1) report(cx, "K4002", fallbacks[1].span, `map \`${name}\` has more than one \`else\``, { help: "keep one fallback" });
  for (const f of fallbacks) checkLiteral(cx, f.output, outputType, `the fallback of map \`${name}\``);
  if (m.closed && fallbacks.length > 0) report(cx, "K4004", fallbacks[0].span, `map \`${name}\` is declared closed, so its \`else\` is never reached`, { help: "drop either `closed` or the `else`" });
  for (const r of m.items) {
    if (r.kind !== "MapReverseChoice") continue;
    const ok = entries.some((e) => literalKey(e.output) === literalKey(r.output) && e.inputs.some((i) => literalKey(i) === literalKey(r.input)));
    if (!ok) report(cx, "K4012", r.span, `${literalText(r.input)} is not an input that map \`${name}\` sends to ${literalText(r.output)}`, { help: "a reverse choice names one of the inputs listed for that output" });
  }
  cx.maps.set(name, { ast: m, inputType, outputType });
}

/** The one type of a map's literals (`null` aside); text when there are none or they disagree (reported by checkLiteral). */
function inferType(values: readonly A.Literal[]): Type {
  let t: Type | null | undefined;
  for (const v of values) {
    const lt = literalType(v);
    if (lt.kind !== "null") t = t === undefined ? lt : t && unify(t, lt);
  }
  return t ?? scalar("text");
}

function checkLiteral(cx: MigrationContext, v: A.Literal, type: Type, what: string): void {
  const t = literalType(v);
  if (t.kind === "null") return;
  if (type.kind === "enum" && v.kind === "StringLit") {
    const labels = enumLabels(cx.schema.types, type.name);
    if (labels && !labels.includes(v.value)) reportUnknownLabel(enumCx(cx), type.name, v.value, v.span);
    return;
  }
  if (!unify(t, type)) report(cx, "K3011", v.span, `${what} is ${literalText(v)}, which is not ${showType(type)}`, { help: "make every input (and every output) of a map the same type" });
}
