import { describe, expect, it } from "vitest";
import { parseText } from "../support/parse.js";
import { column, element, errorCodes, id, inMigration, item, type, type Node } from "./support.js";

/** docs/language.md §4: every type, its aliases, arguments, arrays and `?`. */

const typeOf = (written: string) => (element(`c ${written}`) as { type: unknown }).type;

describe("column types", () => {
  it.each([
    ["uuid", type("uuid")],
    ["text", type("text")],
    ["varchar", type("varchar")],
    ["varchar(255)", type("varchar", { args: [255] })],
    ["char(3)", type("char", { args: [3] })],
    ["character(2)", type("char", { args: [2] })],
    ["smallint", type("smallint")],
    ["int2", type("smallint")],
    ["integer", type("integer")],
    ["int", type("integer")],
    ["int4", type("integer")],
    ["bigint", type("bigint")],
    ["int8", type("bigint")],
    ["boolean", type("boolean")],
    ["bool", type("boolean")],
    ["numeric", type("numeric")],
    ["numeric(12, 2)", type("numeric", { args: [12, 2] })],
    ["decimal(5)", type("numeric", { args: [5] })],
    ["real", type("real")],
    ["float4", type("real")],
    ["double precision", type("double precision")],
    ["double", type("double precision")],
    ["float8", type("double precision")],
    ["date", type("date")],
    ["time", type("time")],
    ["time(0)", type("time", { args: [0] })],
    ["timestamp", type("timestamp")],
    ["timestamp(3)", type("timestamp", { args: [3] })],
    ["timestamptz", type("timestamptz")],
    ["timestamptz(6)", type("timestamptz", { args: [6] })],
    ["interval", type("interval")],
    ["json", type("json")],
    ["jsonb", type("jsonb")],
    ["inet", type("inet")],
    ["cidr", type("cidr")],
    ["bytea", type("bytea")],
  ])("%s", (written, expected) => {
    expect(typeOf(written)).toEqual(expected);
  });
});

describe("every PostgreSQL spelling maps to one canonical type", () => {
  it.each<readonly [string, Node]>([
    ["character varying(20)", type("varchar", { args: [20] })],
    ["char varying", type("varchar")],
    ["national character varying(5)", type("varchar", { args: [5] })],
    ["nchar(4)", type("char", { args: [4] })],
    ["bpchar", type("bpchar")],
    ["bpchar(3)", type("char", { args: [3] })],
    ["dec(6, 2)", type("numeric", { args: [6, 2] })],
    ["float", type("double precision")],
    ["float(24)", type("real")],
    ["float(25)", type("double precision")],
    ["time with time zone", type("timetz")],
    ["time(3) with time zone", type("timetz", { args: [3] })],
    ["time without time zone", type("time")],
    ["timetz(2)", type("timetz", { args: [2] })],
    ["timestamp with time zone", type("timestamptz")],
    ["timestamp(0) without time zone", type("timestamp", { args: [0] })],
    ["TIMESTAMP WITH TIME ZONE", type("timestamptz")],
    ["interval(3)", type("interval", { args: [3] })],
    ["interval year to month", type("interval", { fields: "year to month" })],
    ["interval day to second(3)", type("interval", { fields: "day to second", args: [3] })],
    ["interval second", type("interval", { fields: "second" })],
    ["bit", type("bit")],
    ["bit(8)", type("bit", { args: [8] })],
    ["bit varying(64)", type("varbit", { args: [64] })],
    ["varbit", type("varbit")],
    ["money", type("money")],
    ["tsvector", type("tsvector")],
    ["tsquery", type("tsquery")],
    ["xml", type("xml")],
    ["macaddr", type("macaddr")],
    ["macaddr8", type("macaddr8")],
    ["oid", type("oid")],
    ...["point", "line", "lseg", "box", "path", "polygon", "circle"].map((g) => [g, type(g)] as const),
    ["integer array", type("integer", { arrayDims: 1 })],
    ["int array[4]", type("integer", { arrayDims: 1 })],
    ["int[3]", type("integer", { arrayDims: 1 })],
    ["text[][]?", type("text", { arrayDims: 2, nullable: true })],
    ["uuid[]", type("uuid", { arrayDims: 1 })],
    ["interval hour to minute[]?", type("interval", { fields: "hour to minute", arrayDims: 1, nullable: true })],
  ])("%s", (written, expected) => {
    expect(typeOf(written)).toEqual(expected);
  });

  it("a type's words stay on its line: `double` then a column `precision` on the next", () => {
    expect((item("create table t {\n  x double\n  precision text\n}") as { elements: unknown[] }).elements).toEqual([column("x", type("double precision")), column("precision", type("text"))]);
  });
});

describe("arrays and nullability", () => {
  it.each([
    ["text?", type("text", { nullable: true })],
    ["varchar(50)?", type("varchar", { args: [50], nullable: true })],
    ["text[]", type("text", { arrayDims: 1 })],
    ["text[]?", type("text", { arrayDims: 1, nullable: true })],
    ["integer[][]", type("integer", { arrayDims: 2 })],
    ["double precision?", type("double precision", { nullable: true })],
  ])("%s", (written, expected) => {
    expect(typeOf(written)).toEqual(expected);
  });

  it("type names are not keywords: `date date`", () => {
    expect(element("date date")).toEqual(column("date", type("date")));
  });
});

describe("type errors", () => {
  const codes = (t: string) => errorCodes(inMigration(`create table t {\n c ${t}\n}`));

  it.each(["single precision", "varchr(20)", "double precison"])("unknown type %s", (t) => {
    expect(codes(t)).toContain("K1201");
  });

  // One word that is no built-in type names a type of the chain: the checker resolves it (test/ops/enum-types.test.ts).
  it.each(["string", "int16", "order_state?"])("a type of the chain by name: %s", (t) => {
    expect(element(`c ${t}`)).toMatchObject({ kind: "ColumnDef", type: { kind: "TypeRef", name: t.replace("?", ""), named: true } });
  });

  it.each(["integer(4)", "varchar(0)", "numeric(1001)", "timestamp(7)", "varchar(1, 2)", "float(54)", "interval day(3)", "time with time zone(3)", "bit(0)", "varchar(n)"])("bad arguments %s", (t) => {
    expect(codes(t)).toContain("K1202");
  });

  // Issue 11, item 3: never a second column named `with`.
  it.each([
    ["time with time", "`time with time` is not a type: it stops short", "did you mean `time with time zone`?"],
    ["time with", "`time with` is not a type: it stops short", "did you mean `time with time zone`?"],
    ["timestamp without time", "`timestamp without time` is not a type: it stops short", "did you mean `timestamp without time zone`?"],
    ["character varyng(3)", "`varyng` does not continue the type `character`", "did you mean `character varying`?"],
    ["time wth time zone", "`wth` does not continue the type `time`", "did you mean `time with time zone`?"],
    ["interval day to", "`interval day to` is not a type: it stops short", "did you mean `interval day to hour`?"],
    ["double precison", "`precison` does not continue the type `double`", "did you mean `double precision`?"],
    ["integer note", "`note` does not continue the type `integer`", "a column's type and modifiers stand on one line, and the next column on a line of its own"],
  ])("%s is an error at its position", (t, message, help) => {
    const r = parseText(inMigration(`create table t {\n id integer primary key\n c ${t}\n}`));
    expect(r.diagnostics.map((d) => [d.code, d.message, d.help])).toEqual([["K1201", message, help]]);
  });

  it("two columns on one line are an error, not two columns", () => {
    expect(errorCodes(inMigration("create table t {\n a integer primary key b text\n}"))).toEqual(["K1102"]);
  });
});

describe("types outside columns", () => {
  it("function parameters", () => {
    expect(item("def f(a, b: jsonb, c: text[]?) := a")).toEqual({
      kind: "FunctionDef",
      name: id("f"),
      params: [
        { kind: "Param", name: id("a"), type: null },
        { kind: "Param", name: id("b"), type: type("jsonb") },
        { kind: "Param", name: id("c"), type: type("text", { arrayDims: 1, nullable: true }) },
      ],
      body: { kind: "NameExpr", name: id("a") },
    });
  });

  it("status map input and output", () => {
    expect(item("map m: int -> varchar(10) { 1 -> one else -> other }")).toMatchObject({
      inputType: type("integer"),
      outputType: type("varchar", { args: [10] }),
    });
  });

  it("alter … type", () => {
    expect(item("table t { alter c type numeric(12, 2) }")).toMatchObject({
      actions: [{ kind: "AlterColumn", name: id("c"), change: { kind: "SetType", type: type("numeric", { args: [12, 2] }), using: null } }],
    });
  });
});
