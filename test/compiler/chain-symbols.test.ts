import { describe, expect, it } from "vitest";
import type * as A from "../../grammar/ast.js";
import { parseChain, type ParsedFile } from "../../compiler/pipeline.js";
import { chainSymbols, occurrenceAt, occurrencesOf } from "../../compiler/symbols/chain-symbols.js";
import { makeSourceFile } from "../../core/source-file.js";

/** The chain's names as editors use them: what each name stands for, through renames and across files. */

const files = parseChain([
  makeSourceFile("000.kmig", "baseline b version '1' {\n  create table users {\n    id uuid primary key\n    email text\n  }\n}\n"),
  makeSourceFile(
    "001.kmig",
    "migration m from '1' to '2' {\n  describe 'x'\n  table users {\n    rename email -> mail := lower(email)\n    expect mail == lower(old.email)\n  }\n  rename table users -> people\n}\n",
  ),
  makeSourceFile("002.kmig", "migration n from '2' to '3' {\n  describe 'y'\n  table people {\n    drop mail irreversible 'gone'\n  }\n}\n"),
]);

const at = (p: ParsedFile, needle: string, nth = 0) => {
  let i = -1;
  for (let k = 0; k <= nth; k++) i = p.file.text.indexOf(needle, i + 1);
  return i;
};

describe("chainSymbols", () => {
  const cs = chainSymbols(files);

  it("follows a column through its rename to its drop, across files", () => {
    const o = occurrenceAt(cs, files[2].file, at(files[2], "mail"));
    expect(o).not.toBeNull();
    const s = cs.symbols[o!.symbol];
    expect(s.kind).toBe("column");
    expect(s.namings.map((n) => [n.file.path, n.role, n.name])).toEqual([
      ["000.kmig", "created", "email"],
      ["001.kmig", "renamed", "mail"],
    ]);
    expect(s.dropped?.file.path).toBe("002.kmig");
    // A mapping reads the old row (`email`), an expect the new one (`mail`) or, after `old.`, the old one.
    const uses = occurrencesOf(cs, s.id).map((x) => `${x.file.path}:${x.file.text.slice(x.occurrence.span.start, x.occurrence.span.end)}:${x.occurrence.role}`);
    expect(uses).toEqual([
      "000.kmig:email:definition",
      "001.kmig:email:reference",
      "001.kmig:mail:definition",
      "001.kmig:email:reference",
      "001.kmig:mail:reference",
      "001.kmig:email:reference",
      "002.kmig:mail:reference",
    ]);
  });

  it("follows a table through its rename, and records each block's columns before and after", () => {
    const o = occurrenceAt(cs, files[2].file, at(files[2], "people"));
    expect(cs.symbols[o!.symbol].namings.map((n) => n.name)).toEqual(["users", "people"]);
    expect(cs.files.get(files[1].file)?.blocks[0]).toMatchObject({ tableName: "users", before: ["id", "email"], after: ["id", "mail"] });
    expect(cs.files.get(files[1].file)?.scope).toMatchObject({ tablesBefore: ["users"], tablesAfter: ["people"] });
  });

  it("names the chain's own types by their declaration (enum types and domains), with an enum's labels as changed", () => {
    const file = makeSourceFile("t.kmig", "");
    const id = (name: string, start: number): A.Ident => ({ kind: "Ident", name, quoted: false, span: { start, end: start + name.length } });
    const lit = (value: string, start: number): A.StringLit => ({ kind: "StringLit", value, span: { start, end: start + value.length + 2 } });
    const span = { start: 0, end: 100 };
    // Issue 13's items, as plain data of the shape its AST gives them.
    const items = [
      { kind: "CreateEnum", name: id("state", 10), labels: [lit("new", 20), lit("paid", 30)], span },
      { kind: "AlterEnum", name: id("state", 40), action: { kind: "AddEnumValue", label: lit("void", 50), position: { where: "before", label: lit("paid", 55) }, span }, span },
      {
        kind: "CreateTable",
        name: id("orders", 60),
        elements: [
          {
            kind: "ColumnDef",
            name: id("s", 70),
            type: { kind: "TypeRef", name: "state", args: [], arrayDims: 0, nullable: false, span: { start: 72, end: 77 } },
            default: null,
            constraints: [],
            span,
          },
        ],
        span,
      },
    ] as unknown as A.MigrationItem[];
    const unit: A.Baseline = { kind: "Baseline", id: id("b", 0), version: lit("1", 2), items, span };
    const parsed: ParsedFile = { file, ast: { kind: "SpecFile", units: [unit], comments: [], span }, diagnostics: [], ok: true };
    const named = chainSymbols([parsed]);
    const use = occurrenceAt(named, file, 74);
    expect(named.symbols[use!.symbol]).toMatchObject({ kind: "type", name: "state" });
    expect(named.symbols[use!.symbol].namings[0].span).toEqual({ start: 10, end: 15 });
    expect(occurrencesOf(named, use!.symbol).length).toBe(3);
    expect(named.files.get(file)?.scope?.enumLabels.get("state")).toEqual(["new", "void", "paid"]);
    expect(named.files.get(file)?.blocks[0].types.get("s")).toBe("state");
  });
});

describe("chainSymbols of a declared sql item", () => {
  it("a table a `sql` item declares is where later uses of it are defined", () => {
    const parsed = parseChain([
      makeSourceFile("000.kmig", "baseline b version '1' {\n  create table orders {\n    id integer primary key\n  }\n}\n"),
      makeSourceFile("001.kmig", "migration m from '1' to '2' {\n  describe 'x'\n  sql 'CREATE TABLE users (id int PRIMARY KEY)' creates table users { id integer primary key }\n  table users {\n    add nick text?\n  }\n}\n"),
    ]);
    const cs = chainSymbols(parsed);
    const use = parsed[1].file.text.indexOf("users {\n    add");
    const o = occurrenceAt(cs, parsed[1].file, use);
    expect(o).not.toBeNull();
    const s = cs.symbols[o!.symbol];
    expect([s.kind, s.namings.map((n) => [n.file.path, n.role, n.name])]).toEqual(["table", [["001.kmig", "created", "users"]]]);
  });
});
