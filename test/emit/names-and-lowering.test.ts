import { describe, expect, it } from "vitest";
import type { IrExpr } from "../../compiler/ir/expr.js";
import { scalar, TEXT } from "../../core/types.js";
import { jsLiteral } from "../../compiler/emit/js-literal.js";
import { moduleLowering } from "../../compiler/emit/lowering.js";
import { nameRegistry, objectKey, pascalCase, propertyKey } from "../../compiler/emit/names.js";

/** The small pieces that make emitted names and expressions: valid, unique, deterministic. */

const span = { start: 0, end: 0 };
const lit = (value: string): IrExpr => ({ kind: "literal", value, text: null, type: TEXT, span });

describe("emitted names", () => {
  it("make TypeScript identifiers from table names and config globs", () => {
    expect(pascalCase("mcp_servers")).toBe("McpServers");
    expect(pascalCase("agents/*.yml")).toBe("AgentsYml");
    expect(pascalCase("config.yml")).toBe("ConfigYml");
    expect(pascalCase("2fa_codes")).toBe("T2faCodes");
    expect(pascalCase("ü")).toBe("X");
  });

  it("quote keys only where they must be, and never let `__proto__` set a prototype", () => {
    expect(propertyKey("task_type")).toBe("task_type");
    expect(propertyKey("double precision")).toBe('"double precision"');
    expect(objectKey("__proto__")).toBe('["__proto__"]');
    expect(jsLiteral({ a: [1, "x", null, true], "b c": JSON.parse('{"__proto__": 1}') })).toBe('{ a: [1, "x", null, true], "b c": { ["__proto__"]: 1 } }');
  });

  it("hand out each name once, in request order", () => {
    const claim = nameRegistry(["Plan"]);
    expect([claim("Plan"), claim("mapTasks"), claim("mapTasks"), claim("mapTasks")]).toEqual(["Plan2", "mapTasks", "mapTasks2", "mapTasks3"]);
  });
});

describe("module lowering", () => {
  it("hoists the types lowerJs writes inline into one table, keyed by their spec spelling", () => {
    const lower = moduleLowering();
    const call: IrExpr = { kind: "call", fn: "lower", args: [lit('{"kind":"scalar"} stays a string')], type: TEXT, span };
    const coalesce: IrExpr = { kind: "coalesce", left: { kind: "column", column: "kind", side: "old", type: scalar("varchar", true, [10]), span }, right: lit("x"), type: TEXT, span };
    expect(lower.js(call)).toBe('rt.call("lower", ["{\\"kind\\":\\"scalar\\"} stays a string"], [types["text"]])');
    // (JSON.stringify writes the list without spaces; prettier lays it out.)
    expect(lower.js(coalesce)).toBe('rt.call("default", [row["kind"], "x"], [types["varchar(10)?"],types["text"]])');
    const table = lower.typesDeclaration();
    expect(table?.kind === "const" && table.structure.initializer).toBe(
      '{ "text": { kind: "scalar", name: "text", args: [], nullable: false }, "varchar(10)?": { kind: "scalar", name: "varchar", args: [10], nullable: true } } as const',
    );
  });

  it("declares no table when no expression needs a type", () => {
    const lower = moduleLowering();
    expect(lower.js(lit("a"))).toBe('"a"');
    expect(lower.typesDeclaration()).toBeNull();
  });
});
