import { describe, expect, it } from "vitest";
import { RESERVED_WORDS, SOFT_KEYWORDS } from "../../grammar/tokens.js";
import { parseText } from "../support/parse.js";
import { action, actions, bin, column, configItems, element, elements, errorCodes, expr, id, inMigration, item, keyPath, name, num, str, type, un } from "./support.js";

/** docs/language.md §3: comments, names, keywords, strings, numbers, operator spellings. */

const words = (tokens: readonly { PATTERN?: unknown }[]): string[] => tokens.map((t) => String(t.PATTERN).slice(1, -1));
const SOFT = words(SOFT_KEYWORDS);
const RESERVED = words(RESERVED_WORDS);

describe("comments", () => {
  const text = inMigration("// line\ncreate table t { /* block\n over lines */ a int // after a token\n}");

  it("are collected with their kind and never reach the items", () => {
    const r = parseText(text);
    expect(r.diagnostics).toEqual([]);
    expect(r.ast.comments.map((c) => [c.text, c.block])).toEqual([
      ["// line", false],
      ["/* block\n over lines */", true],
      ["// after a token", false],
    ]);
    expect(element("/* x */ a int // y")).toEqual(column("a", type("integer")));
  });

  it("do not nest", () => {
    expect(errorCodes(inMigration("/* a /* b */ c */"))).not.toEqual([]);
  });
});

describe("names", () => {
  it.each([
    ["user_id", id("user_id")],
    ["_tmp2", id("_tmp2")],
    ["Users", id("Users")],
    ['"odd key"', id("odd key", true)],
    ['"say ""hi"""', id('say "hi"', true)],
    ['"not"', id("not", true)],
    ['"table"', id("table", true)],
  ])("%s", (written, ident) => {
    expect((element(`${written} text`) as { name: unknown }).name).toEqual(ident);
  });

  it("keywords are lowercase: `CREATE TABLE` is not a statement", () => {
    expect(errorCodes(inMigration("CREATE TABLE t { a int }"))).toContain("K1102");
  });
});

describe("reserved words", () => {
  it.each(RESERVED)("`%s` cannot be a bare column name", (w) => {
    expect(errorCodes(inMigration(`create table t {\n id int\n ${w} text\n}`)).length).toBeGreaterThan(0);
  });

  it.each(RESERVED)('`"%s"` quoted is a column name', (w) => {
    expect(elements(`id int\n"${w}" text`)[1]).toEqual(column(w, type("text"), { quoted: true }));
  });

  it.each(RESERVED)("`%s` is a key after a dot and in an object literal", (w) => {
    expect(expr(`params.${w}`)).toEqual({ kind: "MemberExpr", object: name("params"), key: id(w) });
    expect(expr(`{ ${w}: 1 }`)).toEqual({ kind: "ObjectExpr", entries: [{ kind: "ObjectEntry", key: id(w), optional: false, value: num("1"), guard: null }] });
  });
});

describe("soft keywords are names", () => {
  // In a create table only these three start something else at the start of a line.
  const startsElement = new Set(["index", "expect", "constraint"]);

  it.each(SOFT.filter((w) => !startsElement.has(w)))("column `%s` after a column with modifiers", (w) => {
    const els = elements(`id uuid primary key default gen_random_uuid()\n${w} text`);
    expect(els).toHaveLength(2);
    expect(els[1]).toEqual(column(w, type("text")));
  });

  it.each([...startsElement])('column `%s` must be quoted in a create table', (w) => {
    expect(element(`"${w}" integer`)).toEqual(column(w, type("integer"), { quoted: true }));
  });

  it("unquoted, `index` and `constraint` are errors and `expect` starts an expectation", () => {
    expect(errorCodes(inMigration("create table t {\n index integer\n}")).length).toBeGreaterThan(0);
    expect(errorCodes(inMigration("create table t {\n constraint integer\n}")).length).toBeGreaterThan(0);
    expect(element("expect integer")).toEqual({ kind: "ExpectClause", expr: name("integer"), when: null });
  });

  it("a column named `default` or `unique` on its own line is a column, not a modifier", () => {
    expect(elements("key text\ndefault text\nunique text?")).toEqual([
      column("key", type("text")),
      column("default", type("text")),
      column("unique", type("text", { nullable: true })),
    ]);
  });

  // After any of these statements, `word := …` on the next line must still be an assignment.
  const before = ["drop a", "add a int", "add a int references u", "rename a -> b", "alter a type int", "a := 1", "index i (a)", "drop index i", "expect a"];
  const cases = SOFT.flatMap((w) => before.map((b) => [b, w] as const));

  it.each(cases)("after `%s`, `%s := 1` assigns that column", (b, w) => {
    const all = actions(`${b}\n${w} := 1`);
    expect(all).toHaveLength(2);
    expect(all[1]).toEqual({ kind: "AssignColumn", target: id(w), value: num("1"), inverse: null });
  });

  it.each(SOFT)("`%s` in an expression is a name", (w) => {
    expect(expr(`${w} ?? 1`)).toEqual(bin("??", name(w), num("1")));
  });

  it.each(SOFT)("`%s := …` sets a config key", (w) => {
    expect(configItems(`${w} := 1`)).toEqual([{ kind: "SetKey", path: keyPath(w), value: num("1") }]);
  });

  it("rename and alter take soft keywords as column names", () => {
    expect(action("rename type -> kind")).toMatchObject({ kind: "RenameColumn", from: id("type"), to: id("kind") });
    expect(action("alter version type text")).toMatchObject({ kind: "AlterColumn", name: id("version") });
    expect(action("drop status")).toEqual({ kind: "DropColumn", name: id("status"), inverse: null });
  });

  it("`drop index x` drops an index; `drop \"index\"` drops a column", () => {
    expect(action("drop index x")).toEqual({ kind: "DropIndex", name: id("x"), concurrently: false });
    expect(action('drop "index"')).toEqual({ kind: "DropColumn", name: id("index", true), inverse: null });
  });
});

describe("strings", () => {
  it.each([
    ["'plain'", "plain"],
    ["'a\\\\b'", "a\\b"],
    ["'It\\'s'", "It's"],
    ["'say \\\"hi\\\"'", 'say "hi"'],
    ["'1\\n2\\r3\\t4'", "1\n2\r3\t4"],
    ["'nul\\0'", "nul\0"],
    ["'\\u00e9'", "é"],
    ["'\\u{1F600}'", "😀"],
    ["'\\u{41}'", "A"],
    ["'''raw \\n stays'''", "raw \\n stays"],
    ["'''two\nlines'''", "two\nlines"],
    ["'''it's'''", "it's"],
    ["''", ""],
  ])("%s", (written, value) => {
    expect(expr(written)).toEqual(str(value));
  });

  it("reports an unknown escape", () => {
    expect(errorCodes(inMigration("table t { x := '\\q' }"))).toEqual(["K1004"]);
  });

  it("a doubled quote is not an escape", () => {
    expect(errorCodes(inMigration("table t { x := 'It''s' }")).length).toBeGreaterThan(0);
  });

  it("a single-quoted string stays on one line", () => {
    expect(errorCodes(inMigration("table t { x := 'a\nb' }"))).toContain("K1002");
  });

  it("versions take single-quoted strings only", () => {
    expect(errorCodes("migration m from '''1''' to '2' { }").length).toBeGreaterThan(0);
  });

  it("describe takes raw strings", () => {
    expect(item("describe '''multi\nline'''")).toEqual({ kind: "Describe", text: str("multi\nline") });
  });
});

describe("numbers", () => {
  it.each(["0", "42", "3.14", "1e10", "2.5E-3", "007", "1.0"])("%s is kept as written", (n) => {
    expect(expr(n)).toEqual(num(n));
  });

  it("a minus sign is the negation operator", () => {
    expect(expr("-1")).toEqual(un("-", num("1")));
  });

  it.each([".5", "1.", "0x1F"])("%s is not a number", (n) => {
    expect(errorCodes(inMigration(`table t { x := ${n} }`)).length).toBeGreaterThan(0);
  });
});

describe("operator spellings", () => {
  it.each([
    ["a = b", "=="],
    ["a == b", "=="],
    ["a <> b", "!="],
    ["a != b", "!="],
  ])("%s", (src, op) => {
    expect(expr(src)).toEqual(bin(op, name("a"), name("b")));
  });
});
