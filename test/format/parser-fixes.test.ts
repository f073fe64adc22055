import { describe, expect, it } from "vitest";
import { parseText, stripSpans } from "../support/parse.js";

/** Parser bugs the formatter's round-trip tests found: each of these is text the printer writes. */
describe("parser fixes found by kmig fmt", () => {
  const parse = (body: string) => {
    const r = parseText(`migration m from '1' to '2' {\n${body}\n}\n`);
    expect(r.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([]);
    return r.ast.units[0].items;
  };

  it("gives nodes wider than one token their full span", () => {
    const [t] = parse("  table t {\n    x := 1 + 2\n  }");
    expect(t.kind === "AlterTable" && t.actions[0].span).toEqual({ start: 46, end: 56 });
  });

  it("reads `index using using gin (a)` as an index named `using`", () => {
    const [t] = parse("  table t {\n    index using using gin (a)\n    index using gin (b)\n  }");
    const actions = t.kind === "AlterTable" ? t.actions : [];
    expect(stripSpans(actions.map((a) => (a.kind === "IndexDef" ? [a.name?.name ?? null, a.method?.name] : null)))).toEqual([
      ["using", "gin"],
      [null, "gin"],
    ]);
  });

  it("reads `unique` before an `add`'s `:=` as the column's mark", () => {
    const [t] = parse("  table t {\n    add x uuid unique := f()\n  }");
    const add = t.kind === "AlterTable" ? t.actions[0] : null;
    expect(add?.kind === "AddColumn" && [add.column.constraints.map((c) => c.kind), add.compute?.kind]).toEqual([["UniqueMark"], "CallExpr"]);
  });

  it("reads `unique` at the end of a column's line as its mark, before an `index` on the next line", () => {
    const [t] = parse("  create table t {\n    a uuid unique\n    index (a)\n  }");
    expect(t.kind === "CreateTable" && t.elements.map((e) => (e.kind === "ColumnDef" ? e.constraints.map((c) => c.kind) : e.kind))).toEqual([["UniqueMark"], "IndexDef"]);
  });

  it("reads `drop index` alone on its line as dropping a column named `index`", () => {
    const [t] = parse("  table t {\n    drop index\n    add x int\n    drop index i\n  }");
    expect(t.kind === "AlterTable" && t.actions.map((a) => a.kind)).toEqual(["DropColumn", "AddColumn", "DropIndex"]);
  });

  it("reads `precision` on the next line as a column's name, not part of the type before", () => {
    const [t] = parse("  create table t {\n    a double precision\n    precision integer\n  }");
    expect(t.kind === "CreateTable" && t.elements.map((e) => (e.kind === "ColumnDef" ? `${e.name.name} ${e.type.name}` : e.kind))).toEqual([
      "a double precision",
      "precision integer",
    ]);
  });
});
