import { describe, expect, it } from "vitest";
import { action, bin, bool, call, errorCodes, expr, id, inMigration, item, member, name, nul, num, root, str, type, type Node } from "./support.js";

/** docs/language.md §12 and §13: `def` functions and status maps. */

const entryOf = (inputs: Node[], output: Node): Node => ({ kind: "MapEntry", inputs, output });
const itemsOf = (body: string, header = "map m") => (item(`${header} {\n${body}\n}`) as { items: Node[] }).items;

describe("status maps", () => {
  it("the Keiko task map", () => {
    const src = `map task_status: text -> text {
      created, queued -> pending
      running         -> running
      else            -> pending
      keep original in metadata.original_status
    }`;
    expect(item(src)).toEqual({
      kind: "ValueMap",
      name: id("task_status"),
      inputType: type("text"),
      outputType: type("text"),
      closed: false,
      items: [
        entryOf([str("created"), str("queued")], str("pending")),
        entryOf([str("running")], str("running")),
        { kind: "MapFallback", output: str("pending") },
        { kind: "MapKeepOriginal", path: member(name("metadata"), "original_status") },
      ],
    });
  });

  it("without types, closed", () => {
    expect(item("map tier closed { free -> 0 }")).toEqual({
      kind: "ValueMap",
      name: id("tier"),
      inputType: null,
      outputType: null,
      closed: true,
      items: [entryOf([str("free")], num("0"))],
    });
  });

  it.each<[string, Node]>([
    ["a -> b", entryOf([str("a")], str("b"))],
    ["a, b, c -> x", entryOf([str("a"), str("b"), str("c")], str("x"))],
    ["'two words' -> 'x y'", entryOf([str("two words")], str("x y"))],
    ["1 -> 2.5", entryOf([num("1")], num("2.5"))],
    ["-1 -> 0", entryOf([num("-1")], num("0"))],
    ["true -> false", entryOf([bool(true)], bool(false))],
    ["null -> unknown", entryOf([nul], str("unknown"))],
    ["unknown -> null", entryOf([str("unknown")], nul)],
    ["'in' -> 'else'", entryOf([str("in")], str("else"))],
    ["reverse -> keep", entryOf([str("reverse")], str("keep"))],
    ["reverse, keep -> x", entryOf([str("reverse"), str("keep")], str("x"))],
    ["keep -> original", entryOf([str("keep")], str("original"))],
    ["type, status, default -> x", entryOf([str("type"), str("status"), str("default")], str("x"))],
    ["else -> other", { kind: "MapFallback", output: str("other") }],
    ["reverse pending -> created", { kind: "MapReverseChoice", output: str("pending"), input: str("created") }],
    ["reverse 0 -> 'zero'", { kind: "MapReverseChoice", output: num("0"), input: str("zero") }],
    ["keep original in metadata.original_status", { kind: "MapKeepOriginal", path: member(name("metadata"), "original_status") }],
    ["keep original in $.orig", { kind: "MapKeepOriginal", path: member(root, "orig") }],
  ])("%s", (src, expected) => {
    expect(itemsOf(src)).toEqual([expected]);
  });

  it.each(["in -> x", "a -> not", "a b -> c", "a ->", "else x", '"quoted" -> x'])("`%s` is rejected", (src) => {
    expect(errorCodes(inMigration(`map m {\n ${src}\n}`)).length).toBeGreaterThan(0);
  });

  it("is used like a function", () => {
    expect(action("status := task_status(status)")).toEqual({
      kind: "AssignColumn",
      target: id("status"),
      value: call("task_status", name("status")),
      inverse: null,
    });
  });
});

describe("def", () => {
  it.each<[string, Node]>([
    ["def one() := 1", { kind: "FunctionDef", name: id("one"), params: [], body: num("1") }],
    [
      "def full_name(first, last) := concat(first, ' ', last)",
      {
        kind: "FunctionDef",
        name: id("full_name"),
        params: [
          { kind: "Param", name: id("first"), type: null },
          { kind: "Param", name: id("last"), type: null },
        ],
        body: call("concat", name("first"), str(" "), name("last")),
      },
    ],
    [
      "def is_premium(plan: text) := plan in ['gold']",
      {
        kind: "FunctionDef",
        name: id("is_premium"),
        params: [{ kind: "Param", name: id("plan"), type: type("text") }],
        body: { kind: "InExpr", subject: name("plan"), list: [str("gold")], negated: false },
      },
    ],
    [
      "def pick(type, key) := key ?? type",
      {
        kind: "FunctionDef",
        name: id("pick"),
        params: [
          { kind: "Param", name: id("type"), type: null },
          { kind: "Param", name: id("key"), type: null },
        ],
        body: bin("??", name("key"), name("type")),
      },
    ],
  ])("%s", (src, expected) => {
    expect(item(src)).toEqual(expected);
  });

  it("a body may span lines", () => {
    expect(item("def f(x) :=\n  when x then 1\n  else 0")).toMatchObject({ body: { kind: "WhenExpr" } });
  });

  it("a call of a def is a call expression", () => {
    expect(expr("capabilities($, type)")).toEqual(call("capabilities", root, name("type")));
  });

  it("needs `:=`", () => {
    expect(errorCodes(inMigration("def f(x) = x")).length).toBeGreaterThan(0);
  });
});
