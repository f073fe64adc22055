import { describe, expect, it } from "vitest";
import { column, element, errorCodes, id, inMigration, item, type } from "./support.js";

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

  it.each(["string", "int16", "single precision"])("unknown type %s", (t) => {
    expect(codes(t)).toContain("K1201");
  });

  it.each(["integer(4)", "varchar(0)", "numeric(1001)", "timestamp(7)", "varchar(1, 2)"])("bad arguments %s", (t) => {
    expect(codes(t)).toContain("K1202");
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
