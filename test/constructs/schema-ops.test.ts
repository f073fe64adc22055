import { describe, expect, it } from "vitest";
import {
  action,
  actions,
  bin,
  call,
  column,
  element,
  elements,
  errorCodes,
  id,
  inMigration,
  irreversible,
  item,
  items,
  name,
  num,
  parseClean,
  problems,
  reverse,
  str,
  type,
  when,
  type Node,
} from "./support.js";

/** docs/language.md §2, §5, §8: units, tables, the actions of a table block, raw SQL. */

describe("units", () => {
  it("migration: id, from, to and items in order", () => {
    const ast = parseClean("migration keiko_v2 from '1.9.0' to '2.0.0' {\n describe 'v2'\n drop table a\n}");
    expect(ast).toEqual({
      kind: "SpecFile",
      units: [
        {
          kind: "Migration",
          id: id("keiko_v2"),
          from: str("1.9.0"),
          to: str("2.0.0"),
          items: [
            { kind: "Describe", text: str("v2") },
            { kind: "DropTable", name: id("a"), inverse: null },
          ],
        },
      ],
    });
  });

  it("baseline: id and version", () => {
    expect(parseClean("baseline keiko_v1 version '1.9.0' {\n create table t { a int }\n}")).toMatchObject({
      units: [{ kind: "Baseline", id: id("keiko_v1"), version: str("1.9.0"), items: [{ kind: "CreateTable", name: id("t") }] }],
    });
  });

  it("a migration header needs both versions", () => {
    expect(errorCodes("migration m from '1' { }").length).toBeGreaterThan(0);
  });

  it("a file without a unit gets a warning", () => {
    expect(errorCodes("// nothing here\n")).toEqual([]);
    expect(problems("// nothing here\n").map((p) => p.slice(0, 5))).toEqual(["K1205"]);
  });
});

describe("create table", () => {
  it("columns, constraints, indexes and expectations in the order written", () => {
    const els = elements("id uuid primary key\nname text?\nunique (name)\nindex (name)\nexpect name is not null");
    expect(els.map((e) => e.kind)).toEqual(["ColumnDef", "ColumnDef", "UniqueConstraint", "IndexDef", "ExpectClause"]);
  });

  it("a full column definition", () => {
    expect(element("id uuid primary key default gen_random_uuid()")).toEqual(
      column("id", type("uuid"), { default: call("gen_random_uuid"), constraints: [{ kind: "PrimaryKeyMark" }] }),
    );
  });

  it.each([
    ["default 'user'", str("user")],
    ["default 0", num("0")],
    ["default now()", call("now")],
    ["default {}", { kind: "ObjectExpr", entries: [] }],
    ["default []", { kind: "ArrayExpr", elements: [] }],
    ["default null", { kind: "NullLit" }],
    ["default true", { kind: "BoolLit", value: true }],
  ])("%s", (modifier, value) => {
    expect((element(`c jsonb? ${modifier}`) as { default: unknown }).default).toEqual(value);
  });

  it("drop table, with and without irreversible", () => {
    expect(items("drop table a\ndrop table b irreversible 'archived'")).toEqual([
      { kind: "DropTable", name: id("a"), inverse: null },
      { kind: "DropTable", name: id("b"), inverse: irreversible("archived") },
    ]);
  });

  it("rename table", () => {
    expect(item("rename table people -> users")).toEqual({ kind: "RenameTable", from: id("people"), to: id("users") });
  });
});

describe("the column line rule", () => {
  it("a modifier on the column's line belongs to the column", () => {
    expect(element("c text default 'x' unique")).toEqual(column("c", type("text"), { default: str("x"), constraints: [{ kind: "UniqueMark" }] }));
  });

  it("a modifier's expression may continue on the next lines", () => {
    expect(element("c jsonb default {\n  a: 1\n}")).toMatchObject({ kind: "ColumnDef", default: { kind: "ObjectExpr" } });
  });

  it("a line starting with a modifier word starts a new element", () => {
    expect(elements("a text\ndefault text")).toEqual([column("a", type("text")), column("default", type("text"))]);
  });

  it("a comment between the column and the word does not join the lines", () => {
    expect(elements("a text // note\ndefault text")).toEqual([column("a", type("text")), column("default", type("text"))]);
  });

  it.each(["default 1", "primary key", "unique", "references u (id)"])("a modifier `%s` alone on the next line is an error", (m) => {
    expect(errorCodes(inMigration(`create table t {\n a int\n   ${m}\n}`)).length).toBeGreaterThan(0);
  });

  it("`check (…)` on its own line is a table check", () => {
    expect(elements("a int\ncheck (a > 0)")[1]).toEqual({ kind: "CheckConstraint", name: null, expr: bin(">", name("a"), num("0")) });
  });

  it("the same rule holds for `add`", () => {
    expect(errorCodes(inMigration("table t {\n add a int\n   default 1\n}")).length).toBeGreaterThan(0);
    expect(action("add a int default 1")).toMatchObject({ column: { default: num("1") } });
  });
});

const add = (col: Node, compute: Node | null = null, inverse: Node | null = null): Node => ({ kind: "AddColumn", column: col, compute, inverse });
const alter = (col: string, change: Node, inverse: Node | null = null): Node => ({ kind: "AlterColumn", name: id(col), change, inverse });
const rename = (from: string, to: string, o: { default?: Node; compute?: Node; inverse?: Node } = {}): Node => ({
  kind: "RenameColumn",
  from: id(from),
  to: id(to),
  default: o.default ?? null,
  compute: o.compute ?? null,
  inverse: o.inverse ?? null,
});

describe("table block actions", () => {
  it.each<[string, Node]>([
    ["add role varchar(50)?", add(column("role", type("varchar", { args: [50], nullable: true })))],
    ["add role text default 'user'", add(column("role", type("text"), { default: str("user") }))],
    ["add n int := m + 1", add(column("n", type("integer")), bin("+", name("m"), num("1")))],
    [
      "add p varchar(20)? default 'normal' := when u then 'high' else 'normal'",
      add(column("p", type("varchar", { args: [20], nullable: true }), { default: str("normal") }), when([[name("u"), str("high")]], str("normal"))),
    ],
    ["add n int := m irreversible 'why'", add(column("n", type("integer")), name("m"), irreversible("why"))],
    ["add n int reverse m", add(column("n", type("integer")), null, reverse(name("m")))],
    ["drop legacy", { kind: "DropColumn", name: id("legacy"), inverse: null }],
    ["drop legacy reverse status == 'x'", { kind: "DropColumn", name: id("legacy"), inverse: reverse(bin("==", name("status"), str("x"))) }],
    ["drop legacy irreversible 'gone'", { kind: "DropColumn", name: id("legacy"), inverse: irreversible("gone") }],
    ["rename params -> parameters", rename("params", "parameters")],
    ["rename timeout -> timeout_seconds default 300", rename("timeout", "timeout_seconds", { default: num("300") })],
    [
      "rename timeout -> timeout_seconds default 300 := timeout ?? 300",
      rename("timeout", "timeout_seconds", { default: num("300"), compute: bin("??", name("timeout"), num("300")) }),
    ],
    [
      "rename price -> cents := price * 100 reverse cents / 100",
      rename("price", "cents", { compute: bin("*", name("price"), num("100")), inverse: reverse(bin("/", name("cents"), num("100"))) }),
    ],
    ["rename a -> b irreversible 'why'", rename("a", "b", { inverse: irreversible("why") })],
    ["alter c type bigint", alter("c", { kind: "SetType", type: type("bigint"), using: null })],
    ["alter c type integer using to_int(c)", alter("c", { kind: "SetType", type: type("integer"), using: call("to_int", name("c")) })],
    ["alter c type varchar(20) irreversible 'narrow'", alter("c", { kind: "SetType", type: type("varchar", { args: [20] }), using: null }, irreversible("narrow"))],
    ["alter c set default 5", alter("c", { kind: "SetDefault", expr: num("5") })],
    ["alter c drop default", alter("c", { kind: "DropDefault" })],
    ["alter c set not null", alter("c", { kind: "SetNotNull" })],
    ["alter c drop not null", alter("c", { kind: "DropNotNull" })],
    ["alter c drop not null reverse c ?? 0", alter("c", { kind: "DropNotNull" }, reverse(bin("??", name("c"), num("0"))))],
    ["status := status ?? 'inactive'", { kind: "AssignColumn", target: id("status"), value: bin("??", name("status"), str("inactive")), inverse: null }],
    ["n := n + 1 reverse n - 1", { kind: "AssignColumn", target: id("n"), value: bin("+", name("n"), num("1")), inverse: reverse(bin("-", name("n"), num("1"))) }],
    ["n := 0 irreversible 'reset'", { kind: "AssignColumn", target: id("n"), value: num("0"), inverse: irreversible("reset") }],
    ['"not" := true', { kind: "AssignColumn", target: id("not", true), value: { kind: "BoolLit", value: true }, inverse: null }],
  ])("%s", (src, expected) => {
    expect(action(src)).toEqual(expected);
  });

  it("several actions keep their order", () => {
    expect(actions("add a int\ndrop b\nrename c -> d\nalter e drop default\nf := 1").map((a) => a.kind)).toEqual([
      "AddColumn",
      "DropColumn",
      "RenameColumn",
      "AlterColumn",
      "AssignColumn",
    ]);
  });

  it("`=` instead of `:=` is an error", () => {
    expect(errorCodes(inMigration("table t { status = 'x' }")).length).toBeGreaterThan(0);
  });
});

describe("raw sql", () => {
  it.each<[string, Node]>([
    ["sql '''CREATE EXTENSION x''' reverse '''DROP EXTENSION x'''", { kind: "RawSql", up: str("CREATE EXTENSION x"), inverse: { kind: "RawSqlReverse", sql: str("DROP EXTENSION x") } }],
    ["sql 'ANALYZE t' irreversible 'statistics only'", { kind: "RawSql", up: str("ANALYZE t"), inverse: irreversible("statistics only") }],
    ["sql '''SELECT 1'''", { kind: "RawSql", up: str("SELECT 1"), inverse: null }],
    ["sql '''\n  a;\n  b;\n'''", { kind: "RawSql", up: str("\n  a;\n  b;\n"), inverse: null }],
  ])("%s", (src, expected) => {
    expect(item(src)).toEqual(expected);
  });
});
